import * as z from 'zod';

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
