import { documentStep, dropped, type PipelineStep } from '@anneal/core';
import { DEFAULT_NORMALIZE_OPTIONS, type NormalizeOptions } from './normalize-options.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff\ufffe]/g;
const UNUSUAL_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const LINE_END_SPACES = /[ \t]+$/gm;

/** Normalizes one text; exported so other steps (dedup keys, classifiers) normalize the same way. */
export function normalizeText(text: string, options: NormalizeOptions = DEFAULT_NORMALIZE_OPTIONS): string {
  // every line ending becomes \n (Windows \r\n and old Mac \r), whatever else is asked
  let out = text.replace(/\r\n?/g, '\n');
  if (options.form !== 'none') out = out.normalize(options.form);
  if (options.strip_control) out = out.replace(CONTROL, '');
  if (options.trim_line_ends) out = out.replace(LINE_END_SPACES, '');
  if (options.collapse_whitespace) {
    // each pattern matches only what it changes (a tab or 2+ spaces, not every space; a newline next
    // to a space, not every newline): V8 keeps a part per match, and a 20 MB page has 3 million spaces
    out = out
      .replace(UNUSUAL_SPACES, ' ')
      .replace(/[ \t]*\t[ \t]*| {2,}/g, ' ')
      .replace(/ \n ?|\n /g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
  return out;
}

/** Pipeline step `normalize`. */
export function normalizeStep(options: Partial<NormalizeOptions> = {}): PipelineStep {
  const resolved = { ...DEFAULT_NORMALIZE_OPTIONS, ...options };
  return documentStep('normalize', (doc) => {
    const text = normalizeText(doc.text, resolved);
    if (resolved.drop_empty && text.trim().length === 0) return dropped('empty_after_normalize');
    return text === doc.text ? doc : { ...doc, text };
  });
}
