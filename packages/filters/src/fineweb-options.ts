import * as z from 'zod';
import { fraction } from './option-bounds.js';
import { TERMINAL_PUNCTUATION } from './sentence-punctuation.js';

/** datatrove's `FineWebQualityFilter` defaults (FineWebOptionsSchema fills them in). */
export const DEFAULT_FINEWEB_OPTIONS = {
  line_punct_thr: 0.12,
  line_punct_exclude_zero: false,
  // datatrove's TERMINAL_PUNCTUATION: every script's sentence terminators, but no quotes or "…"
  stop_chars: [...TERMINAL_PUNCTUATION],
  short_line_thr: 0.67,
  short_line_length: 30,
  char_duplicates_ratio: 0.01,
  new_line_ratio: 0.3,
};

/** Options of the `fineweb` step: FineWeb's own quality rules (Penedo et al. 2024), datatrove's `FineWebQualityFilter` defaults. */
export const FineWebOptionsSchema = z
  .object({
    /** Drop when the share of lines ending in a stop character is below this. */
    line_punct_thr: fraction.default(DEFAULT_FINEWEB_OPTIONS.line_punct_thr),
    /** Keep documents where no line at all ends in a stop character (e.g. for languages without them). */
    line_punct_exclude_zero: z.boolean().default(DEFAULT_FINEWEB_OPTIONS.line_punct_exclude_zero),
    stop_chars: z
      .array(z.string().min(1))
      .min(1)
      .default([...DEFAULT_FINEWEB_OPTIONS.stop_chars]),
    /** Drop when the share of lines of at most `short_line_length` characters is above this. */
    short_line_thr: fraction.default(DEFAULT_FINEWEB_OPTIONS.short_line_thr),
    short_line_length: z.number().int().nonnegative().default(DEFAULT_FINEWEB_OPTIONS.short_line_length),
    /** Drop when characters in repeated lines, over all non-newline characters, are above this. */
    char_duplicates_ratio: fraction.default(DEFAULT_FINEWEB_OPTIONS.char_duplicates_ratio),
    /** Drop when newlines per word are above this: the page is a list. */
    new_line_ratio: z.number().nonnegative().default(DEFAULT_FINEWEB_OPTIONS.new_line_ratio),
  })
  .strict();

export type FineWebOptions = z.output<typeof FineWebOptionsSchema>;
