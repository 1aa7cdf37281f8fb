/**
 * The corpus: how many documents of each domain, the near-duplicate guard, duplicate clusters and
 * the ids. Each document draws from its own SeededRng keyed by what it is, never by iteration order.
 */
import { SeededRng } from '@anneal/core';
import { wordCount } from './text-case.mjs';
import { pickN, weighted } from './random-choice.mjs';
import { webHigh } from './web-high.mjs';
import { webMedium } from './web-medium.mjs';
import { webLow } from './web-low.mjs';
import { codeDoc } from './code-document.mjs';
import { mathDoc } from './math-problems.mjs';
import { encyclopedicDoc } from './encyclopedic-articles.mjs';
import { i18nDoc } from './multilingual.mjs';
import { nearDuplicate } from './near-duplicate.mjs';
import { NEAR_DUP, COPY_MIN, shingleSet, jaccard, ShingleIndex } from './shingle-similarity.mjs';
import { loadWordTable } from './word-tables.mjs';

const { TOPICS } = loadWordTable('web-topics');

const BASE_COUNTS = {
  web: 1550,
  crawlOther: 45,
  code: 320,
  math: 450,
  encyclopedic: 320,
  webClusters: 130,
  webExact: 12,
  otherClusters: { code: 6, math: 6, encyclopedic: 6, i18n: 2 },
};

const I18N_COUNTS = { fr: 14, de: 14, es: 14, ru: 10, zh: 8 };

const SOURCES = { web: 'synthetic-crawl', code: 'synthetic-github', math: 'synthetic-gsm', encyclopedic: 'synthetic-wiki' };

const COPY_COUNTS = [1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6];

export function buildCorpus(seed, scale) {
  const count = (n) => Math.max(1, Math.round(n * scale));
  const docs = [];
  const guard = { regenerated: 0, dropped: 0 };
  const index = new ShingleIndex();
  const make = (fields) => {
    const doc = { dup_cluster: null, language: 'en', ...fields };
    docs.push(doc);
    return doc;
  };
  const addUnique = (key, gen) => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const fields = gen(new SeededRng(seed, attempt ? `${key}#${attempt}` : key));
      const shingles = shingleSet(fields.text);
      if (index.maxSimilarity(shingles) >= NEAR_DUP) continue;
      index.add(shingles);
      if (attempt) guard.regenerated++;
      return make({ ...fields, shingles });
    }
    guard.dropped++;
    return null;
  };

  for (let i = 0; i < count(BASE_COUNTS.web); i++) {
    addUnique(`web/${i}`, (r) => {
      const topic = r.pick(TOPICS);
      const quality = weighted(r, [
        ['high', 40],
        ['medium', 32],
        ['low', 28],
      ]);
      const g = quality === 'high' ? webHigh(r, topic) : quality === 'medium' ? webMedium(r, topic) : webLow(r, topic);
      // Some crawled pages carry no domain label (absent or empty) to leave work for a classifier.
      const shown = weighted(r, [
        ['web', 86],
        [undefined, 10],
        ['', 4],
      ]);
      return {
        prefix: 'web',
        text: g.text,
        domain: shown,
        source: SOURCES.web,
        true_domain: 'web',
        intended_quality: quality,
        kind: `${quality}/${g.kind}`,
      };
    });
  }
  // Crawled pages whose content is really code, math or an encyclopedia article.
  for (let i = 0; i < count(BASE_COUNTS.crawlOther); i++) {
    addUnique(`crawl/${i}`, (r) => {
      const trueDomain = r.pick(['code', 'math', 'encyclopedic']);
      const g = trueDomain === 'code' ? codeDoc(r) : trueDomain === 'math' ? mathDoc(r) : encyclopedicDoc(r);
      return {
        prefix: 'web',
        text: g.text,
        domain: r.chance(0.7) ? 'web' : undefined,
        source: SOURCES.web,
        true_domain: trueDomain,
        intended_quality: g.quality,
        kind: `crawled/${g.kind}`,
      };
    });
  }
  for (const [domain, gen] of [
    ['code', codeDoc],
    ['math', mathDoc],
    ['encyclopedic', encyclopedicDoc],
  ]) {
    for (let i = 0; i < count(BASE_COUNTS[domain]); i++) {
      addUnique(`${domain}/${i}`, (r) => {
        const g = gen(r);
        return { prefix: domain, text: g.text, domain, source: SOURCES[domain], true_domain: domain, intended_quality: g.quality, kind: g.kind };
      });
    }
  }
  for (const [lang, n] of Object.entries(I18N_COUNTS)) {
    for (let i = 0; i < count(n); i++) {
      const domain = i % 2 === 0 ? 'encyclopedic' : 'web';
      addUnique(`i18n/${lang}/${i}`, (r) => {
        const g = i18nDoc(r, lang, domain);
        return {
          prefix: domain,
          text: g.text,
          domain,
          source: SOURCES[domain],
          true_domain: domain,
          intended_quality: g.quality,
          language: lang,
          kind: g.kind,
        };
      });
    }
  }

  // Duplicate clusters: member 0 is the original, the others are copies (edited unless exact).
  const clusters = [];
  const pickOriginals = (key, candidates, n) => pickN(new SeededRng(seed, `clusters/${key}`), candidates, n);
  const big = (d) => d.shingles.size >= 60;
  const webCandidates = docs.filter(
    (d) => d.true_domain === 'web' && d.language === 'en' && d.intended_quality !== 'low' && wordCount(d.text) >= 120 && big(d),
  );
  const lowCandidates = docs.filter((d) => d.true_domain === 'web' && d.intended_quality === 'low' && wordCount(d.text) >= 80 && big(d));
  const nWeb = count(BASE_COUNTS.webClusters);
  const webOriginals = [
    ...pickOriginals('web', webCandidates, nWeb - Math.round(nWeb / 10)),
    ...pickOriginals('web-low', lowCandidates, Math.round(nWeb / 10)),
  ];
  webOriginals.forEach((d, i) => clusters.push({ original: d, exact: i < count(BASE_COUNTS.webExact) }));
  for (const [key, n] of Object.entries(BASE_COUNTS.otherClusters)) {
    const candidates = docs.filter(
      (d) =>
        (key === 'i18n' ? d.language !== 'en' : d.true_domain === key && d.language === 'en' && d.source !== SOURCES.web) &&
        d.intended_quality !== 'low' &&
        big(d),
    );
    pickOriginals(key, candidates, count(n)).forEach((d, i) =>
      clusters.push({ original: d, exact: key !== 'i18n' && key !== 'encyclopedic' && i === 0 }),
    );
  }
  clusters.forEach((c, ci) => {
    const cid = `c${String(ci + 1).padStart(4, '0')}`;
    const o = c.original;
    o.dup_cluster = cid;
    const seen = new Set([o.text]);
    const copies = new SeededRng(seed, `dup/${cid}`).pick(COPY_COUNTS);
    for (let k = 0; k < copies; k++) {
      let text = o.text;
      if (!c.exact) {
        for (let attempt = 0; attempt < 10; attempt++) {
          const cr = new SeededRng(seed, attempt ? `dup/${cid}/${k}#${attempt}` : `dup/${cid}/${k}`);
          // Later attempts make a single edit: short documents cannot take more and stay close.
          const candidate = nearDuplicate(cr, o, attempt < 5 ? cr.int(1, 3) : 1);
          if (!seen.has(candidate) && jaccard(shingleSet(candidate), o.shingles) >= COPY_MIN) {
            text = candidate;
            break;
          }
        }
        seen.add(text);
      }
      const { prefix, domain, source, true_domain, intended_quality, language, kind } = o;
      make({ prefix, text, domain, source, true_domain, dup_cluster: cid, intended_quality, language, kind });
    }
  });

  // Ids: numbered per prefix in a seeded order, so an id says nothing about how a doc was made.
  const byPrefix = new Map();
  for (const d of docs) byPrefix.set(d.prefix, [...(byPrefix.get(d.prefix) ?? []), d]);
  for (const [prefix, list] of byPrefix) {
    new SeededRng(seed, `ids/${prefix}`).shuffle(list).forEach((d, i) => (d.id = `${prefix}-${String(i).padStart(6, '0')}`));
  }
  docs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { docs, guard };
}
