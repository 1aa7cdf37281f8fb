import { z } from 'zod';
import {
  c4Filter,
  fineWebFilter,
  gopherQualityFilter,
  gopherRepetitionFilter,
  languageFilter,
  lengthFilter,
  normalizeStep,
  DEFAULT_C4_OPTIONS as C4,
  DEFAULT_FINEWEB_OPTIONS as FINEWEB,
  DEFAULT_GOPHER_QUALITY_OPTIONS as GOPHER,
  DEFAULT_GOPHER_REPETITION_OPTIONS as REPETITION,
  DEFAULT_LANGUAGE_OPTIONS as LANGUAGE,
  DEFAULT_NORMALIZE_OPTIONS as NORMALIZE,
} from '@anneal/filters';
import { defineStep, type StepDefinition } from './define-step.js';

const fraction = z.number().min(0).max(1);
/** A bound that `null` turns off, as `None` does in datatrove. */
const optionalBound = (schema: z.ZodNumber, fallback: number | null) => schema.nullable().default(fallback);
/** [[n, max fraction], ...] for the Gopher n-gram rules. */
const nGramBounds = (fallback: [number, number][]) =>
  z.array(z.tuple([z.number().int().min(1).max(100), fraction])).default(fallback.map(([n, f]) => [n, f] as [number, number]));

/** Text normalization and heuristic filters (package `filters`). */
export const FILTER_STEPS: readonly StepDefinition[] = [
  defineStep({
    name: 'normalize',
    perDocument: true,
    summary: 'Unicode NFC (or NFKC), control characters removed, \\r\\n → \\n, line-end spaces cut (indentation kept); collapse_whitespace for prose; drops documents left empty',
    options: z
      .object({
        form: z.enum(['NFC', 'NFKC', 'none']).default(NORMALIZE.form),
        strip_control: z.boolean().default(NORMALIZE.strip_control),
        trim_line_ends: z.boolean().default(NORMALIZE.trim_line_ends),
        collapse_whitespace: z.boolean().default(NORMALIZE.collapse_whitespace),
        drop_empty: z.boolean().default(NORMALIZE.drop_empty),
      })
      .strict(),
    create: (options) => normalizeStep(options),
  }),
  defineStep({
    name: 'length',
    perDocument: true,
    summary: 'Drops documents outside character / word bounds (too_few_chars, too_many_chars, too_few_words, too_many_words)',
    options: z
      .object({
        min_chars: z.number().int().nonnegative().optional(),
        max_chars: z.number().int().positive().optional(),
        min_words: z.number().int().nonnegative().optional(),
        max_words: z.number().int().positive().optional(),
      })
      .strict(),
    create: (options) => lengthFilter(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined))),
  }),
  defineStep({
    name: 'gopher_quality',
    perDocument: true,
    summary: 'Gopher quality rules: word count, mean word length, # and ... per word, bullet / ellipsis lines, alphabetic words, stop words (gopher_*)',
    options: z
      .object({
        min_doc_words: optionalBound(z.number().int().nonnegative(), GOPHER.min_doc_words),
        max_doc_words: optionalBound(z.number().int().positive(), GOPHER.max_doc_words),
        min_avg_word_length: optionalBound(z.number().nonnegative(), GOPHER.min_avg_word_length),
        max_avg_word_length: optionalBound(z.number().positive(), GOPHER.max_avg_word_length),
        max_symbol_word_ratio: optionalBound(z.number().nonnegative(), GOPHER.max_symbol_word_ratio),
        max_bullet_lines_ratio: optionalBound(fraction, GOPHER.max_bullet_lines_ratio),
        max_ellipsis_lines_ratio: optionalBound(fraction, GOPHER.max_ellipsis_lines_ratio),
        max_non_alpha_words_ratio: optionalBound(fraction, GOPHER.max_non_alpha_words_ratio),
        min_stop_words: optionalBound(z.number().int().nonnegative(), GOPHER.min_stop_words),
        stop_words: z.array(z.string().min(1)).default([...GOPHER.stop_words]),
      })
      .strict(),
    create: (options) => gopherQualityFilter(options),
  }),
  defineStep({
    name: 'gopher_repetition',
    perDocument: true,
    summary: 'Gopher repetition rules: duplicate lines / paragraphs, top 2-4-gram and duplicated 5-10-gram character fractions (gopher_dup_*, gopher_top_*)',
    options: z
      .object({
        dup_line_frac: optionalBound(fraction, REPETITION.dup_line_frac),
        dup_para_frac: optionalBound(fraction, REPETITION.dup_para_frac),
        dup_line_char_frac: optionalBound(fraction, REPETITION.dup_line_char_frac),
        dup_para_char_frac: optionalBound(fraction, REPETITION.dup_para_char_frac),
        top_n_grams: nGramBounds(REPETITION.top_n_grams),
        dup_n_grams: nGramBounds(REPETITION.dup_n_grams),
      })
      .strict(),
    create: (options) => gopherRepetitionFilter(options),
  }),
  defineStep({
    name: 'c4',
    perDocument: true,
    summary: 'C4 rules: removes lines without terminal punctuation, short, javascript or policy lines; drops lorem ipsum, { and < 5 sentences (c4_*)',
    options: z
      .object({
        remove_citations: z.boolean().default(C4.remove_citations),
        filter_no_terminal_punct: z.boolean().default(C4.filter_no_terminal_punct),
        min_num_sentences: z.number().int().min(-1).default(C4.min_num_sentences),
        min_words_per_line: z.number().int().min(-1).default(C4.min_words_per_line),
        max_word_length: z.number().int().min(-1).default(C4.max_word_length),
        filter_lorem_ipsum: z.boolean().default(C4.filter_lorem_ipsum),
        filter_javascript: z.boolean().default(C4.filter_javascript),
        filter_curly_bracket: z.boolean().default(C4.filter_curly_bracket),
        filter_policy: z.boolean().default(C4.filter_policy),
      })
      .strict(),
    create: (options) => c4Filter(options),
  }),
  defineStep({
    name: 'fineweb',
    perDocument: true,
    summary: 'FineWeb rules: lines ending in punctuation, short lines, duplicated-line characters, newlines per word (fineweb_*)',
    options: z
      .object({
        line_punct_thr: fraction.default(FINEWEB.line_punct_thr),
        line_punct_exclude_zero: z.boolean().default(FINEWEB.line_punct_exclude_zero),
        stop_chars: z.array(z.string().min(1)).min(1).default([...FINEWEB.stop_chars]),
        short_line_thr: fraction.default(FINEWEB.short_line_thr),
        short_line_length: z.number().int().nonnegative().default(FINEWEB.short_line_length),
        char_duplicates_ratio: fraction.default(FINEWEB.char_duplicates_ratio),
        new_line_ratio: z.number().nonnegative().default(FINEWEB.new_line_ratio),
      })
      .strict(),
    create: (options) => fineWebFilter(options),
  }),
  defineStep({
    name: 'language',
    perDocument: true,
    summary: 'Language id (eld, 60 languages): writes language (ISO 639-1) and language_score; keeps `languages` above min_score (language_not_kept, language_low_score)',
    options: z
      .object({
        languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639-1 code such as en, fr, zh')).default([...LANGUAGE.languages]),
        min_score: fraction.default(LANGUAGE.min_score),
        annotate_only: z.boolean().default(LANGUAGE.annotate_only),
      })
      .strict(),
    create: (options) => languageFilter(options),
  }),
];
