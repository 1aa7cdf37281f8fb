import * as z from 'zod';

/** datatrove's `C4QualityFilter` defaults (C4OptionsSchema fills them in). */
export const DEFAULT_C4_OPTIONS = {
  remove_citations: true,
  filter_no_terminal_punct: true,
  min_num_sentences: 5,
  min_words_per_line: 3,
  max_word_length: 1000,
  filter_lorem_ipsum: true,
  filter_javascript: true,
  filter_curly_bracket: true,
  filter_policy: true,
};

type C4Default = typeof DEFAULT_C4_OPTIONS;

type KeyOf<T> = { [K in keyof C4Default]: C4Default[K] extends T ? K : never }[keyof C4Default];

/** A rule that is on or off, datatrove's default when the YAML leaves it out. */
const rule = (key: KeyOf<boolean>) => z.boolean().default(DEFAULT_C4_OPTIONS[key]);

/** A rule's integer threshold, datatrove's default when left out; -1 turns the rule off. */
const threshold = (key: KeyOf<number>) => z.number().int().min(-1).default(DEFAULT_C4_OPTIONS[key]);

/** Options of the `c4` step: C4's cleaning rules (Raffel et al. 2020, section 2.2) with datatrove's `C4QualityFilter` defaults. */
export const C4OptionsSchema = z
  .object({
    /** Remove Wikipedia-style citation marks: [1], [edit], [citation needed]. */
    remove_citations: rule('remove_citations'),
    /** Keep only lines ending in . ? ! " ' (and not in "..."). */
    filter_no_terminal_punct: rule('filter_no_terminal_punct'),
    /** A page needs at least this many sentences in its kept lines; -1 turns the rule off. */
    min_num_sentences: threshold('min_num_sentences'),
    /** Keep only lines with at least this many words; -1 turns the rule off. */
    min_words_per_line: threshold('min_words_per_line'),
    /** Drop lines holding a word longer than this (minified code, base64); -1 turns the rule off. */
    max_word_length: threshold('max_word_length'),
    filter_lorem_ipsum: rule('filter_lorem_ipsum'),
    filter_javascript: rule('filter_javascript'),
    filter_curly_bracket: rule('filter_curly_bracket'),
    filter_policy: rule('filter_policy'),
  })
  .strict();

export type C4Options = z.output<typeof C4OptionsSchema>;
