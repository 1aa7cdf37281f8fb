/**
 * A code document: picks the language and quality, renames identifiers per file, and makes the
 * medium (comments stripped) and low (minified bundle, generated data table) variants.
 */
import { snakeToCamel, pascal } from './text-case.mjs';
import { weighted } from './random-choice.mjs';
import { pythonFile } from './code-python.mjs';
import { javascriptFile } from './code-javascript.mjs';
import { cFile } from './code-c.mjs';
import { goFile } from './code-go.mjs';
import { loadWordTable } from './word-tables.mjs';

const { ENTITIES, GROUP_KEYS, CODE_RENAMES } = loadWordTable('code-identifiers');

function codeVars(rng) {
  const e = rng.pick(ENTITIES);
  const field = rng.pick(e.fields);
  const key = rng.pick(GROUP_KEYS);
  return {
    s: e.s,
    p: e.p,
    S: pascal(e.s),
    P: pascal(e.p),
    field,
    field2: rng.pick(e.fields.filter((f) => f !== field)),
    fieldC: snakeToCamel(field),
    F: pascal(field),
    key,
    K: pascal(key),
    n: rng.int(2, 8),
    window: rng.int(3, 12),
    limit: rng.pick([10, 20, 50, 100, 250, 500, 1000]),
    delay: rng.pick([100, 200, 250, 500, 1000]),
    threshold: rng.pick(['0.5', '0.75', '0.9', '1.5', '2.0', '3.0']),
    size: rng.pick([8, 16, 32, 64, 128, 256]),
  };
}

/** Strip comments and docstrings: the "medium" variant of a file. */
function stripComments(code) {
  return code
    .split('\n')
    .filter((line) => !/^\s*(#\s|#$|\/\/|\/\*.*\*\/\s*$|\/\*\*?$|\*\s|\*\/|\*$|"""[^"]*"""\s*$)/.test(line))
    .join('\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .replace(/^\n+/, '');
}

function minifyJs(code) {
  return code
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .map((line) => line.trim())
    .join('')
    .replace(/\s*([=+*/<>{}(),;:?|&!-])\s*/g, '$1');
}

function renameIdentifiers(rng, text) {
  for (const [from, options] of Object.entries(CODE_RENAMES)) {
    const to = rng.pick(options);
    if (to !== from) text = text.replace(new RegExp(`(?<![.\\w'"])${from}\\b(?!['"])`, 'g'), to);
  }
  return text;
}

export function codeDoc(rng) {
  const c = codeVars(rng);
  const lang = weighted(rng, [
    ['python', 55],
    ['javascript', 30],
    ['c', 7],
    ['go', 8],
  ]);
  const quality = weighted(rng, [
    ['high', 85],
    ['medium', 10],
    ['low', 5],
  ]);
  let text;
  if (lang === 'python') text = pythonFile(rng, c);
  else if (lang === 'javascript') text = javascriptFile(rng, c);
  else if (lang === 'c') text = cFile(rng, c);
  else text = goFile(rng, c);
  text = renameIdentifiers(rng, text);
  let kind = lang;
  if (quality === 'medium') {
    text = stripComments(text);
    kind += '/no-comments';
  } else if (quality === 'low') {
    if (lang === 'javascript' || rng.chance(0.5)) {
      // A minified bundle: what a crawler finds in a dist/ folder.
      const js = renameIdentifiers(rng, javascriptFile(rng, c)).replace(/^export /gm, '');
      text = `/*! ${c.s}-utils v${rng.int(1, 4)}.${rng.int(0, 20)}.${rng.int(0, 9)} | MIT */` + minifyJs(js) + '\n';
      kind = 'javascript/minified';
    } else {
      // A generated data module: numbers, no prose.
      const rows = [];
      const n = rng.int(60, 160);
      for (let i = 0; i < n; i++) rows.push(`    (${i + 1}, ${rng.int(0, 9999) / 100}, ${rng.int(0, 500)}, ${rng.int(0, 9)}),`);
      text = `# This file is generated automatically. Do not edit.\n${c.P.toUpperCase()}_TABLE = [\n${rows.join('\n')}\n]\n`;
      kind = 'python/generated-data';
    }
  }
  return { text, quality, kind };
}
