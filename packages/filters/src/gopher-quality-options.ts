import * as z from 'zod';
import { fraction, optionalBound } from './option-bounds.js';

/** datatrove's `GopherQualityFilter` defaults (GopherQualityOptionsSchema fills them in). */
export const DEFAULT_GOPHER_QUALITY_OPTIONS = {
  min_doc_words: 50,
  max_doc_words: 100_000,
  min_avg_word_length: 3,
  max_avg_word_length: 10,
  max_symbol_word_ratio: 0.1,
  max_bullet_lines_ratio: 0.9,
  max_ellipsis_lines_ratio: 0.3,
  max_non_alpha_words_ratio: 0.8,
  min_stop_words: 2,
  stop_words: ['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with'],
};

/**
 * Options of the `gopher_quality` step (Rae et al. 2021, appendix A), with datatrove's
 * `GopherQualityFilter` defaults and definitions. `null` (or 0) turns a rule off, as `None` does in datatrove.
 */
export const GopherQualityOptionsSchema = z
  .object({
    min_doc_words: optionalBound(z.number().int().nonnegative(), DEFAULT_GOPHER_QUALITY_OPTIONS.min_doc_words),
    max_doc_words: optionalBound(z.number().int().positive(), DEFAULT_GOPHER_QUALITY_OPTIONS.max_doc_words),
    min_avg_word_length: optionalBound(z.number().nonnegative(), DEFAULT_GOPHER_QUALITY_OPTIONS.min_avg_word_length),
    max_avg_word_length: optionalBound(z.number().positive(), DEFAULT_GOPHER_QUALITY_OPTIONS.max_avg_word_length),
    /** Bound on `#` per word and on `...`/`…` per word. */
    max_symbol_word_ratio: optionalBound(z.number().nonnegative(), DEFAULT_GOPHER_QUALITY_OPTIONS.max_symbol_word_ratio),
    max_bullet_lines_ratio: optionalBound(fraction, DEFAULT_GOPHER_QUALITY_OPTIONS.max_bullet_lines_ratio),
    max_ellipsis_lines_ratio: optionalBound(fraction, DEFAULT_GOPHER_QUALITY_OPTIONS.max_ellipsis_lines_ratio),
    /** datatrove's name; it is the *minimum* share of words with a letter in them. */
    max_non_alpha_words_ratio: optionalBound(fraction, DEFAULT_GOPHER_QUALITY_OPTIONS.max_non_alpha_words_ratio),
    /** How many distinct stop words a document must contain (case-sensitive, as in datatrove). */
    min_stop_words: optionalBound(z.number().int().nonnegative(), DEFAULT_GOPHER_QUALITY_OPTIONS.min_stop_words),
    stop_words: z.array(z.string().min(1)).default([...DEFAULT_GOPHER_QUALITY_OPTIONS.stop_words]),
  })
  .strict();

export type GopherQualityOptions = z.output<typeof GopherQualityOptionsSchema>;
