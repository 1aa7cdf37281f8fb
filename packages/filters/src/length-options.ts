import * as z from 'zod';

/** Options of the `length` step: character and word bounds, each optional. */
export const LengthFilterOptionsSchema = z
  .object({
    min_chars: z.number().int().nonnegative().optional(),
    max_chars: z.number().int().positive().optional(),
    min_words: z.number().int().nonnegative().optional(),
    max_words: z.number().int().positive().optional(),
  })
  .strict();

export type LengthFilterOptions = z.output<typeof LengthFilterOptionsSchema>;

/** No bound: a bound left out of the options is off. */
export const DEFAULT_LENGTH_OPTIONS: Required<LengthFilterOptions> = {
  min_chars: 0,
  max_chars: Number.POSITIVE_INFINITY,
  min_words: 0,
  max_words: Number.POSITIVE_INFINITY,
};
