// Throughput of pipeline steps run in process over documents, against two floors on the same
// documents: a loop that only counts whitespace words, and the `normalize` step.
import * as F from '@anneal/filters';
import { MB, best, fmt, table } from './common.mjs';

/** [label, best-of-`reps` seconds] for the two floors, then for each of `steps` ([label, apply]). */
export function timeSteps(docs, steps, reps) {
  return [['floor: count whitespace words', (d) => F.countWords(d.text)], ['normalize', F.normalizeStep().apply], ...steps].map(([label, fn]) => [
    label,
    best(docs, fn, reps),
  ]);
}

/** The table of `timeSteps` rows: documents/s, MB/s, and how many times slower than each floor. */
export function stepThroughputTable(docs, bytes, rows) {
  const [floor, normalize] = [rows[0][1], rows[1][1]];
  return table(
    ['step', 'docs/s', 'MB/s', '÷ word-count floor', '÷ normalize'],
    rows.map(([label, s]) => [
      label,
      Math.round(docs.length / s).toLocaleString('en'),
      fmt(bytes / MB / s),
      fmt(floor / s, 3),
      fmt(normalize / s, 2),
    ]),
    [false, true, true, true, true],
  );
}
