import * as z from 'zod';
import { documentStep, type Doc, type DocumentStep } from '@anneal/core';

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

/**
 * quality = Σ wᵢ·sᵢ / Σ wᵢ over the inputs counted: a weighted mean of scores in [0, 1], so the
 * result is in [0, 1] whatever the weights' scale (xGen-small combines its quality classifiers'
 * scores into one ensemble score in this way). A score outside [0, 1] or not a number is an error:
 * silently clamping a log-probability or a count would hide a misconfigured key.
 */
export function ensembleScore(metadata: Record<string, unknown>, options: QualityEnsembleOptions): number {
  let weighted = 0;
  let weights = 0;
  for (const input of options.inputs) {
    const value = metadata[input.key];
    if (value === undefined || value === null) {
      if (options.missing === 'error') throw new Error(`quality_ensemble: metadata.${input.key} is missing`);
      if (options.missing === 'zero') weights += input.weight;
      continue;
    }
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new Error(`quality_ensemble: metadata.${input.key} is ${JSON.stringify(value)}, expected a number in [0, 1]`);
    }
    weighted += input.weight * (input.invert ? 1 - value : value);
    weights += input.weight;
  }
  if (weights === 0) throw new Error(`quality_ensemble: none of ${options.inputs.map((i) => i.key).join(', ')} is present`);
  return weighted / weights;
}

export function qualityEnsembleStep(options: QualityEnsembleOptions): DocumentStep {
  if (options.inputs.length === 0 || options.inputs.some((i) => !(i.weight >= 0)) || options.inputs.every((i) => i.weight === 0)) {
    throw new Error('quality_ensemble: needs inputs with non-negative weights, at least one positive');
  }
  return documentStep('quality_ensemble', (doc: Doc) => ({
    ...doc,
    metadata: { ...doc.metadata, [options.output]: ensembleScore(doc.metadata, options) },
  }));
}
