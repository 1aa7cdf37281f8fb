// trafilatura's evaluation set (../shared/datasets/web/trafilatura-eval): loading and scoring as
// trafilatura's tests/evaluate.py does: a `with` segment found in the extracted text is a true
// positive (else a false negative), a `without` segment found is a false positive (else a true negative).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const EVAL_DIR = fileURLToPath(new URL('../../../shared/datasets/web/trafilatura-eval/', import.meta.url));

/** [{ url, file, bytes (raw HTML as fetched), with, without }], or undefined when the set is absent. */
export function loadEvalSet(dir = EVAL_DIR) {
  if (!existsSync(join(dir, 'evaldata.json'))) return undefined;
  const index = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8'));
  return Object.entries(index).map(([url, item]) => ({
    url,
    file: item.file,
    bytes: gunzipSync(readFileSync(join(dir, 'html', `${item.file}.gz`))),
    with: item.with,
    without: item.without,
  }));
}

/** Precision, recall, F1 and accuracy over every segment of every page; `texts[i]` is page i's extraction (or null). */
export function score(pages, texts) {
  let tp = 0,
    fn = 0,
    fp = 0,
    tn = 0;
  pages.forEach((page, i) => {
    const text = texts[i];
    for (const s of page.with)
      if (typeof text === 'string' && text.includes(s)) tp++;
      else fn++;
    for (const s of page.without)
      if (typeof text === 'string' && text.includes(s)) fp++;
      else tn++;
  });
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall || 1), accuracy: (tp + tn) / (tp + tn + fp + fn), tp, fn, fp, tn };
}
