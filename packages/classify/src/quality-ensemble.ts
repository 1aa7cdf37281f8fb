import { documentStep, type Doc, type DocumentStep } from '@anneal/core';
import type { QualityEnsembleOptions } from './quality-ensemble-options.js';

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
