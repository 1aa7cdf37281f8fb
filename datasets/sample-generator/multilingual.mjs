/**
 * Non-English documents: hand-written sentence pieces in real French, German, Spanish, Russian
 * and Chinese, combined by the RNG. Each language has a town article and web-style posts. The
 * sentences (lead, sections, web posts) are data in words/multilingual-phrases.json, the values of
 * their {slots} in words/multilingual-slot-values.json; this module draws one document's values.
 */
import { pickN } from './random-choice.mjs';
import { fill, intSlot } from './template-fill.mjs';
import { loadWordTable } from './word-tables.mjs';

const PHRASES = loadWordTable('multilingual-phrases');

const ruPlural = (n, [one, few, many]) => {
  const m10 = n % 10,
    m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
};

// Per language, the values a document's {slots} take: `drawn` lists feed the code below (a place,
// a town name from parts), `perDocument` lists get one value each per document in i18nDoc, drawn in
// the JSON's key order (reordering them there changes the sample corpus).
const VALUES = loadWordTable('multilingual-slot-values');

/** Per language: the slot values of one document, and which of them is the article title. */
const SLOTS = {
  fr: {
    vars: (r, { drawn, perDocument }) => {
      const [dept, region] = r.pick(drawn.places);
      return {
        nom: `${r.pick(drawn.towns)}${r.pick(drawn.townEndings)}`,
        dept,
        region,
        n: intSlot(180, 9500),
        sup: intSlot(6, 60),
        annee: intSlot(980, 1250),
        annee2: intSlot(1905, 1990),
        k: intSlot(3, 25),
        m: (q) => String(q.int(2, 8) * 5),
        t: (q) => String(q.pick([160, 180, 200, 210])),
        alt: intSlot(120, 1400),
        ...perDocument,
      };
    },
    title: (v) => v.nom,
  },
  de: {
    vars: (r, { drawn, perDocument }) => {
      const [land, kreis, stadt] = r.pick(drawn.places);
      const pre = r.pick(drawn.prefixes);
      const root = r.pick(drawn.roots);
      return {
        name: pre + (pre ? root.toLowerCase() : root) + r.pick(drawn.endings),
        land,
        kreis,
        stadt,
        n: intSlot(400, 12000),
        f: intSlot(8, 70),
        k: intSlot(4, 30),
        jahr: intSlot(780, 1300),
        jahr2: intSlot(1550, 1780),
        hoehe: intSlot(180, 1100),
        h: intSlot(2, 6),
        min: (q) => String(q.int(2, 8) * 5),
        ...perDocument,
      };
    },
    title: (v) => v.name,
  },
  es: {
    vars: (r, { drawn, perDocument }) => {
      const [prov, ca] = r.pick(drawn.places);
      return {
        nombre: `${r.pick(drawn.townStarts)} ${r.pick(drawn.townEnds)}`,
        prov,
        ca,
        n: intSlot(90, 6000),
        s: intSlot(12, 180),
        k: intSlot(8, 70),
        y: intSlot(1100, 1400),
        min: (q) => String(q.int(3, 12) * 5),
        alt: intSlot(300, 1300),
        ...perDocument,
      };
    },
    title: (v) => v.nombre,
  },
  ru: {
    vars: (r, { drawn, perDocument }) => {
      const [river, riverGen] = r.pick(drawn.rivers);
      const n = r.int(60, 3000);
      return {
        name: r.pick(drawn.villages),
        n: String(n),
        people: ruPlural(n, ['человек', 'человека', 'человек']),
        river,
        riverGen,
        k: intSlot(5, 20),
        god: intSlot(1750, 1890),
        min: (q) => String(q.pick([10, 15, 20, 25, 30, 35, 40])),
        ...perDocument,
      };
    },
    title: (v) => v.name,
  },
  zh: {
    vars: (r, { drawn, perDocument }) => ({
      name: r.pick(drawn.counties),
      area: intSlot(800, 3500),
      n: intSlot(12, 95),
      min: (q) => String(q.int(2, 8) * 5),
      ...perDocument,
    }),
    title: (v) => v.name,
  },
};

export function i18nDoc(rng, lang, domain) {
  const L = { ...SLOTS[lang], ...PHRASES[lang] };
  const v = L.vars(rng, VALUES[lang]);
  // One dish, one town, one river per document: fix every list slot once.
  for (const [k, val] of Object.entries(v)) if (Array.isArray(val)) v[k] = rng.pick(val);
  const join = L.joiner ?? ' ';
  if (domain === 'encyclopedic') {
    const title = fill(rng, '{x}', { x: L.title(v) });
    const parts = [title, L.lead.map((s) => fill(rng, s, v)).join(join)];
    for (const [heading, pool] of Object.entries(L.sections)) {
      if (!rng.chance(0.75)) continue;
      const picked = pickN(rng, pool, rng.int(1, Math.min(3, pool.length)));
      parts.push(
        heading,
        pool
          .filter((s) => picked.includes(s))
          .map((s) => fill(rng, s, v))
          .join(join),
      );
    }
    return { text: parts.join('\n\n'), quality: 'high', kind: `${lang}/article` };
  }
  const [theme, { title, lines }] = rng.pick(Object.entries(L.web));
  const first = lines[0];
  const rest = pickN(rng, lines.slice(1), rng.int(3, lines.length - 1));
  const ordered = [first, ...lines.slice(1).filter((s) => rest.includes(s))].map((s) => fill(rng, s, v));
  const cut = rng.int(2, ordered.length - 1);
  const text = [fill(rng, title, v), ordered.slice(0, cut).join(join), ordered.slice(cut).join(join)].join('\n\n');
  return { text, quality: ordered.length >= 5 ? 'high' : 'medium', kind: `${lang}/${theme}` };
}
