// The texts the filter and decontamination benchmarks run over: the sample corpus and
// ../shared/datasets/real cut into documents, each cut made here once so both benchmarks measure
// the same documents.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BENCH_DIR } from './common.mjs';

const ROOT = join(BENCH_DIR, '..');
export const REAL = join(ROOT, '..', 'shared', 'datasets', 'real');

const readReal = (file) => readFileSync(join(REAL, file), 'utf8');
const jsonLines = (file) =>
  readReal(file)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/** Every record of datasets/sample, shard by shard, as its JSON lines hold it. */
export function sampleRecords() {
  const dir = join(ROOT, 'datasets', 'sample');
  return readdirSync(dir)
    .sort()
    .flatMap((n) =>
      gunzipSync(readFileSync(join(dir, n)))
        .toString('utf8')
        .split('\n')
        .filter(Boolean),
    )
    .map((l) => JSON.parse(l));
}

/** WikiText-2 validation and test, one text per article. */
export function wikitextArticles() {
  return ['wikitext2-valid.txt', 'wikitext2-test.txt'].flatMap((f) => readReal(f).split(/\n \n = (?=[^=])/));
}

/** Tiny Shakespeare in 40-line passages: a line joins the last passage or starts a new one. */
export function shakespeareScenes() {
  return readReal('tinyshakespeare.txt')
    .split('\n')
    .reduce((acc, line, i) => {
      if (i % 40) acc[acc.length - 1] += '\n' + line;
      else acc.push(line);
      return acc;
    }, []);
}

/** GSM8K problems of `file` with their answers, one text each. */
export function gsm8kProblems(file) {
  return jsonLines(file).map((j) => `${j.question}\n${j.answer}`);
}

/** The CPython standard-library modules, one text each. */
export function cpythonModules() {
  return jsonLines('python-stdlib-code.jsonl').map((j) => j.text);
}

/** The GSM8K test items (question and answer), the decontamination benchmark's planted contamination. */
export function gsm8kTestItems() {
  return jsonLines('gsm8k-test.jsonl');
}
