/**
 * Near-duplicate edits: the small changes (swapped words, numbers, typos, synonyms, added or removed
 * lines) that turn an original into the other members of its duplicate cluster.
 */
import { wordCount } from './text-case.mjs';
import { weighted } from './random-choice.mjs';
import { dateString } from './people-and-dates.mjs';
import { loadWordTable } from './word-tables.mjs';

const { MONTHS } = loadWordTable('people-and-places');
const { COOKIE_LINES, FOOTER_LINES, SHARE_LINES } = loadWordTable('web-boilerplate');
const { SYNONYMS } = loadWordTable('synonyms');

const EXTRA_WEB_LINES = [
  ...COOKIE_LINES,
  ...FOOTER_LINES,
  ...SHARE_LINES,
  'Subscribe to our newsletter',
  'Print this page',
  'Back to top',
  'Advertisement',
];

function replaceAt(text, index, length, replacement) {
  return text.slice(0, index) + replacement + text.slice(index + length);
}

function allMatches(text, re) {
  return [...text.matchAll(re)];
}

const EDITS = {
  swap(r, text) {
    const lines = text.split('\n');
    const candidates = lines.map((l, i) => i).filter((i) => wordCount(lines[i]) >= 8);
    if (!candidates.length) return null;
    for (let attempt = 0; attempt < 10; attempt++) {
      const li = r.pick(candidates);
      const words = lines[li].split(' ');
      const i = r.int(0, words.length - 2);
      if (/^[a-z]+$/.test(words[i]) && /^[a-z]+$/.test(words[i + 1]) && words[i] !== words[i + 1]) {
        [words[i], words[i + 1]] = [words[i + 1], words[i]];
        lines[li] = words.join(' ');
        return lines.join('\n');
      }
    }
    return null;
  },
  number(r, text) {
    const ms = allMatches(text, /(?<![\w.-])\d+(?![\w.])/g).filter((m) => m[0].length <= 6);
    if (!ms.length) return null;
    const m = r.pick(ms);
    const n = Number(m[0]);
    const next = m[0].length === 4 && n >= 1000 && n <= 2099 ? n + r.pick([-2, -1, 1, 2]) : n + r.int(1, Math.max(1, Math.round(n * 0.2)) + 1);
    return replaceAt(text, m.index, m[0].length, String(next));
  },
  month(r, text) {
    const ms = allMatches(text, new RegExp(`\\b(${MONTHS.join('|')})\\b`, 'g'));
    if (!ms.length) return null;
    const m = r.pick(ms);
    return replaceAt(text, m.index, m[0].length, r.pick(MONTHS.filter((x) => x !== m[0])));
  },
  typo(r, text, doc) {
    // In code, only comments get typos, so the copy still parses.
    const ms = allMatches(text, /\b[a-z]{5,}\b/g).filter(
      (m) => doc?.true_domain !== 'code' || /^\s*(#|\/\/|\*|\/\*|""")/.test(text.slice(text.lastIndexOf('\n', m.index) + 1, m.index + 1)),
    );
    if (!ms.length) return null;
    for (let attempt = 0; attempt < 10; attempt++) {
      const m = r.pick(ms);
      const w = m[0];
      const i = r.int(1, w.length - 3);
      if (w[i] === w[i + 1]) continue;
      const typo = r.chance(0.7) ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i) + w.slice(i + 1);
      return replaceAt(text, m.index, w.length, typo);
    }
    return null;
  },
  synonym(r, text) {
    const pairs = SYNONYMS.flatMap(([a, b]) => [
      [a, b],
      [b, a],
    ]);
    const ms = allMatches(text, new RegExp(`\\b(${pairs.map((p) => p[0]).join('|')})\\b`, 'g'));
    if (!ms.length) return null;
    const m = r.pick(ms);
    return replaceAt(text, m.index, m[0].length, pairs.find((p) => p[0] === m[0])[1]);
  },
  addLine(r, text, doc) {
    const lines = text.split('\n');
    let line;
    if (doc.true_domain === 'web' && doc.language === 'en') line = r.chance(0.3) ? `Updated ${dateString(r)}` : r.pick(EXTRA_WEB_LINES);
    else if (doc.true_domain === 'encyclopedic' && doc.language === 'en')
      line = r.pick([
        'This article needs additional citations for verification.',
        `Retrieved ${dateString(r, 2015, 2024)}.`,
        'From Wikipedia, the free encyclopedia',
      ]);
    else if (doc.true_domain === 'code') {
      const note = r.pick([
        'TODO: add tests',
        `Last reviewed ${r.int(2019, 2024)}-${String(r.int(1, 12)).padStart(2, '0')}`,
        'Copied from the shared utils repository',
        'See CONTRIBUTING.md before editing',
      ]);
      line = text.includes('def ') ? `# ${note}` : text.includes('#include') ? `/* ${note} */` : `// ${note}`;
      return `${line}\n${text}`;
    } else return null;
    const at = r.chance(0.5) ? lines.length : 1;
    lines.splice(at, 0, line);
    return lines.join('\n');
  },
  removeLine(r, text, doc) {
    if (doc.true_domain !== 'web' && doc.true_domain !== 'encyclopedic') return null;
    const lines = text.split('\n');
    const candidates = lines.map((l, i) => i).filter((i) => i > 0 && lines[i].trim() !== '' && wordCount(lines[i]) < 10);
    if (lines.length < 4 || !candidates.length) return null;
    lines.splice(r.pick(candidates), 1);
    return lines.join('\n').replace(/\n{3,}/g, '\n\n');
  },
};

export function nearDuplicate(r, doc, edits) {
  // Math answers must stay correct, so math copies only get wording edits.
  const ops =
    doc.true_domain === 'math'
      ? [
          ['swap', 1],
          ['typo', 2],
          ['synonym', 1],
        ]
      : doc.true_domain === 'code'
        ? [
            ['number', 2],
            ['typo', 2],
            ['addLine', 1],
          ]
        : [
            ['swap', 2],
            ['number', 2],
            ['month', 1],
            ['typo', 2],
            ['synonym', 1],
            ['addLine', 1.5],
            ['removeLine', 1],
          ];
  let text = doc.text;
  let applied = 0;
  for (let attempt = 0; attempt < 30 && applied < edits; attempt++) {
    const out = EDITS[weighted(r, ops)](r, text, doc);
    if (out !== null && out !== text) {
      text = out;
      applied++;
    }
  }
  return text;
}
