import * as z from 'zod';

/**
 * What to do when an input is absent (key missing or null):
 * - `renormalize`: drop it and divide by the weights of the inputs present (the score stays an
 *   average of the evidence there is); a document with no input present is an error;
 * - `zero`: count it as 0 (absence is evidence of low quality);
 * - `error`: the document is an error (counted, written to errors/).
 */
const MissingScorePolicySchema = z.enum(['renormalize', 'zero', 'error']);

export type MissingScorePolicy = z.output<typeof MissingScorePolicySchema>;

const metadataKey = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a metadata key such as domain or quality_fasttext');

/** Options of the `quality_ensemble` step as a pipeline YAML gives them. */
export const QualityEnsembleOptionsSchema = z
  .object({
    /** The scores read from metadata; `invert` uses 1 - value, for scores where higher means worse (a spam probability). */
    inputs: z
      .array(z.object({ key: metadataKey, weight: z.number().nonnegative().default(1), invert: z.boolean().default(false) }).strict())
      .min(1)
      .refine((inputs) => inputs.some((i) => i.weight > 0), 'at least one weight must be positive'),
    output: metadataKey.default('quality'),
    missing: MissingScorePolicySchema.default('renormalize'),
  })
  .strict();

export type QualityEnsembleOptions = z.output<typeof QualityEnsembleOptionsSchema>;

/** One score the ensemble reads from metadata. */
export type EnsembleInput = QualityEnsembleOptions['inputs'][number];
