import * as z from 'zod';
import { BenchmarkIndexOptionsSchema } from './benchmark-index-options.js';

/** How a decontaminate step matches and what it does with a hit (its options beside the index's). */
export const DEFAULT_DECONTAMINATE_OPTIONS = {
  action: 'drop' as 'drop' | 'remove_spans',
  min_coverage: 0.8,
  margin_words: 20,
  min_remaining_words: 50,
};

/** Options of the `decontaminate` step: the benchmark index it is built on, then how it matches. */
export const DecontaminateOptionsSchema = z
  .object({
    ...BenchmarkIndexOptionsSchema.shape,
    /**
     * Share of one field of an item (a GSM8K question, a HumanEval prompt) that matching n-grams
     * must cover for the document to count as holding it. 0 flags any single shared n-gram (GPT-3's
     * and datatrove's rule), which also flags different problems built from the same template.
     */
    min_coverage: z.number().min(0).max(1).default(DEFAULT_DECONTAMINATE_OPTIONS.min_coverage),
    /** drop: the whole document goes (reason `contaminated_<set>`); remove_spans: the matching passages go. */
    action: z.enum(['drop', 'remove_spans']).default(DEFAULT_DECONTAMINATE_OPTIONS.action),
    /** remove_spans: words cut on each side of a matching passage (the rest of a test item's answer, its lead-in). */
    margin_words: z.number().int().nonnegative().default(DEFAULT_DECONTAMINATE_OPTIONS.margin_words),
    /** remove_spans: a document left with fewer words is dropped as contaminated. */
    min_remaining_words: z.number().int().nonnegative().default(DEFAULT_DECONTAMINATE_OPTIONS.min_remaining_words),
  })
  .strict();

export type DecontaminateOptions = z.output<typeof DecontaminateOptionsSchema>;
