// bench/filters: throughput of each heuristic filter alone and of the full chain, in process (no
// I/O), on the sample corpus and on ../shared/datasets/real; and franc vs eld for language id.
// Ratios are against floors on the same documents: a loop that only counts whitespace words, and
// the `normalize` step. `--reps N` (default 3): best of N passes.
import { existsSync } from 'node:fs';
import { francAll } from 'franc';
import * as F from '@anneal/filters';
import { MB, fmt, table } from './lib/common.mjs';
import { REAL, cpythonModules, gsm8kProblems, sampleRecords, shakespeareScenes, wikitextArticles } from './lib/filter-bench-texts.mjs';
import { stepThroughputTable, timeSteps } from './lib/step-throughput.mjs';

function sampleDocs() {
  return sampleRecords().map(({ id, text, ...metadata }) => ({ id, text: F.normalizeText(text), metadata }));
}

/** WikiText-2 articles, Tiny Shakespeare in 40-line scenes, GSM8K problems with answers, CPython modules. */
function realDocs() {
  const texts = [
    ...wikitextArticles(),
    ...shakespeareScenes(),
    ...gsm8kProblems('gsm8k-train.jsonl'),
    ...gsm8kProblems('gsm8k-test.jsonl'),
    ...cpythonModules(),
  ];
  return texts.filter((t) => t.trim()).map((text, i) => ({ id: `real-${i}`, text: F.normalizeText(text), metadata: {} }));
}

function throughputTable(name, docs, reps) {
  const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0);
  const chain = [F.normalizeStep(), F.gopherQualityFilter(), F.gopherRepetitionFilter(), F.c4Filter(), F.fineWebFilter()];
  const runChain = (doc) => {
    for (const step of chain) {
      const r = step.apply(doc);
      if ('dropped' in r) return;
      doc = r;
    }
  };
  const rows = timeSteps(
    docs,
    [
      ['gopher_quality', F.gopherQualityFilter().apply],
      ['gopher_repetition', F.gopherRepetitionFilter().apply],
      ['c4', F.c4Filter().apply],
      ['fineweb', F.fineWebFilter().apply],
      ['language (eld)', F.languageFilter({ annotate_only: true }).apply],
      ['chain: normalize → gopher_quality → gopher_repetition → c4 → fineweb', runChain],
    ],
    reps,
  );
  console.log(`\n### ${name}: ${docs.length.toLocaleString('en')} documents, ${fmt(bytes / MB, 2)} MB of text (best of ${reps})\n`);
  console.log(stepThroughputTable(docs, bytes, rows));
}

const FRANC_TO_639_1 = { eng: 'en', fra: 'fr', deu: 'de', spa: 'es', rus: 'ru', cmn: 'zh' };

function languageTable(sample, real) {
  const cases = [
    ['sample, non-English (fr, de, es, ru, zh)', sample.filter((d) => d.metadata.language !== 'en').map((d) => [d.text, d.metadata.language])],
    ['sample, English web pages', sample.filter((d) => d.metadata.language === 'en' && d.metadata.true_domain === 'web').map((d) => [d.text, 'en'])],
    ...(real
      ? [['real English prose (WikiText-2, Shakespeare, GSM8K)', real.filter((d) => !d.text.includes('def ')).map((d) => [d.text, 'en'])]]
      : []),
  ];
  const detectors = [
    [
      'franc 6.2 (187 languages, ISO 639-3)',
      (t) => {
        const c = francAll(t)[0][0];
        return FRANC_TO_639_1[c] ?? c;
      },
    ],
    ['eld 2.1 medium (60 languages, ISO 639-1)', (t) => F.identifyLanguage(t).language],
  ];
  F.identifyLanguage('warm up the model');
  const rows = [];
  for (const [set, docs] of cases) {
    const perDetector = detectors.map(([name, detect]) => {
      let right = 0;
      const t0 = process.hrtime.bigint();
      for (const [text, truth] of docs) if (detect(text) === truth) right++;
      return [name, right, docs.length / (Number(process.hrtime.bigint() - t0) / 1e9)];
    });
    const eldRate = perDetector[1][2];
    for (const [name, right, rate] of perDetector)
      rows.push([
        set,
        name,
        `${right}/${docs.length} (${fmt((100 * right) / docs.length)} %)`,
        Math.round(rate).toLocaleString('en'),
        fmt(rate / eldRate, 2),
      ]);
  }
  console.log('\n### language identification: franc vs eld (whole documents; franc reads 2,048 characters, eld 1,000)\n');
  console.log(table(['documents', 'detector', 'correct', 'docs/s', '÷ eld docs/s'], rows, [false, false, true, true, true]));
}

export async function run({ args }) {
  const reps = Number(args.reps ?? 3);
  console.log("In process, on documents already in memory and normalized: no reading, writing or stats; each step's own `apply`.");
  const sample = sampleDocs();
  throughputTable('sample corpus (datasets/sample, every domain)', sample, reps);
  const real = existsSync(REAL) ? realDocs() : undefined;
  if (real)
    throughputTable('real text (../shared/datasets/real: WikiText-2 articles, Shakespeare 40-line scenes, GSM8K, CPython modules)', real, reps);
  else console.log(`\n(real text skipped: ${REAL} is absent)`);
  languageTable(sample, real);
}
