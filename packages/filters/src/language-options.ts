import * as z from 'zod';
import { fraction } from './option-bounds.js';

export const DEFAULT_LANGUAGE_OPTIONS = {
  languages: ['en'],
  // datatrove's LanguageFilter default (a fastText probability there). On eld's scale every real
  // English text measured (WikiText, Shakespeare, GSM8K) scores >= 0.69, and the sample's spam and
  // price-list pages reach down to 0.53.
  min_score: 0.65,
  annotate_only: false,
};

/** Options of the `language` step. */
export const LanguageFilterOptionsSchema = z
  .object({
    /** ISO 639-1 codes to keep; empty keeps every language (annotation only). */
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639-1 code such as en, fr, zh')).default([...DEFAULT_LANGUAGE_OPTIONS.languages]),
    /** Minimum `language_score` to keep a document. */
    min_score: fraction.default(DEFAULT_LANGUAGE_OPTIONS.min_score),
    /** Only write `language` / `language_score`; never drop. */
    annotate_only: z.boolean().default(DEFAULT_LANGUAGE_OPTIONS.annotate_only),
  })
  .strict();

export type LanguageFilterOptions = z.output<typeof LanguageFilterOptionsSchema>;
