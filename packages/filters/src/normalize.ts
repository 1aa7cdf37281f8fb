import * as z from 'zod';
import { documentStep, dropped, type PipelineStep } from '@anneal/core';

/**
 * The defaults change no whitespace that carries meaning (indentation, blank lines, tabs), so
 * source code, poems and tables survive them: Unicode form, control characters, line endings and
 * spaces at line ends only. Collapsing whitespace is for prose and must be asked for.
 */
export const DEFAULT_NORMALIZE_OPTIONS = {
  form: 'NFC' as 'NFC' | 'NFKC' | 'none',
  strip_control: true,
  trim_line_ends: true,
  collapse_whitespace: false,
  drop_empty: true,
};

/** Options of the `normalize` step as a pipeline YAML gives them, every default filled in. */
export const NormalizeOptionsSchema = z
  .object({
    /** Unicode normalization form; NFC keeps meaning, NFKC also folds compatibility forms (ﬁ → fi). */
    form: z.enum(['NFC', 'NFKC', 'none']).default(DEFAULT_NORMALIZE_OPTIONS.form),
    /** Remove C0/C1 control characters (except tab and newline) and zero-width/BOM characters. */
    strip_control: z.boolean().default(DEFAULT_NORMALIZE_OPTIONS.strip_control),
    /** Cut spaces and tabs at the end of each line (never at the start: indentation is kept). */
    trim_line_ends: z.boolean().default(DEFAULT_NORMALIZE_OPTIONS.trim_line_ends),
    /**
     * Prose only: unusual spaces → ' ', runs of spaces/tabs → one space (indentation included),
     * 3+ newlines → 2, leading and trailing whitespace cut. Destroys source code.
     */
    collapse_whitespace: z.boolean().default(DEFAULT_NORMALIZE_OPTIONS.collapse_whitespace),
    /** Drop documents with nothing but whitespace left after normalization (reason `empty_after_normalize`). */
    drop_empty: z.boolean().default(DEFAULT_NORMALIZE_OPTIONS.drop_empty),
  })
  .strict();

export type NormalizeOptions = z.output<typeof NormalizeOptionsSchema>;

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
