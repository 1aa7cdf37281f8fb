import * as z from 'zod';
import { fraction, nGramBounds, optionalBound } from './option-bounds.js';

/** datatrove's `GopherRepetitionFilter` defaults (GopherRepetitionOptionsSchema fills them in). */
export const DEFAULT_GOPHER_REPETITION_OPTIONS = {
  dup_line_frac: 0.3,
  dup_para_frac: 0.3,
  dup_line_char_frac: 0.2,
  dup_para_char_frac: 0.2,
  top_n_grams: <[number, number][]>[
    [2, 0.2],
    [3, 0.18],
    [4, 0.16],
  ],
  dup_n_grams: <[number, number][]>[
    [5, 0.15],
    [6, 0.14],
    [7, 0.13],
    [8, 0.12],
    [9, 0.11],
    [10, 0.1],
  ],
};

/** Options of the `gopher_repetition` step (Rae et al. 2021, table A1), datatrove's `GopherRepetitionFilter` defaults. */
export const GopherRepetitionOptionsSchema = z
  .object({
    dup_line_frac: optionalBound(fraction, DEFAULT_GOPHER_REPETITION_OPTIONS.dup_line_frac),
    dup_para_frac: optionalBound(fraction, DEFAULT_GOPHER_REPETITION_OPTIONS.dup_para_frac),
    dup_line_char_frac: optionalBound(fraction, DEFAULT_GOPHER_REPETITION_OPTIONS.dup_line_char_frac),
    dup_para_char_frac: optionalBound(fraction, DEFAULT_GOPHER_REPETITION_OPTIONS.dup_para_char_frac),
    /** [n, max fraction of characters in the most frequent n-gram (counted each time it occurs)]. */
    top_n_grams: nGramBounds(DEFAULT_GOPHER_REPETITION_OPTIONS.top_n_grams),
    /** [n, max fraction of characters in n-grams that repeat an earlier one]. */
    dup_n_grams: nGramBounds(DEFAULT_GOPHER_REPETITION_OPTIONS.dup_n_grams),
  })
  .strict();

export type GopherRepetitionOptions = z.output<typeof GopherRepetitionOptionsSchema>;
