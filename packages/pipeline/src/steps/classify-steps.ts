import { z } from 'zod';
import { classifyStep, qualityEnsembleStep } from '@anneal/classify';
import { defineStep, type StepDefinition } from './define-step.js';

const metadataKey = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a metadata key such as domain or quality_fasttext');

/** Steps for fastText classifiers and quality ensembles (package `classify`). */
export const CLASSIFY_STEPS: readonly StepDefinition[] = [
  defineStep({
    name: 'classify',
    summary: 'fastText classifiers (in-process, batched): writes <field> = best label and <field>_score, or <field> = P(score_label)',
    // Prediction is asynchronous (the native binding answers on libuv's thread pool), so the step
    // works on batches of documents, not one document at a time: it cannot take `when:`.
    perDocument: false,
    options: z
      .object({
        models: z
          .array(
            z
              .object({
                model: z.string().min(1),
                field: metadataKey,
                score_label: z.string().min(1).optional(),
              })
              .strict(),
          )
          .min(1),
        batch_size: z.number().int().min(1).max(65536).default(256),
      })
      .strict(),
    create: (o) =>
      classifyStep({ models: o.models.map((m) => ({ model: m.model, field: m.field, scoreLabel: m.score_label })), batchSize: o.batch_size }),
  }),
  defineStep({
    name: 'quality_ensemble',
    summary: 'Weighted mean of scores in [0, 1] from metadata (classifier probabilities, filter pass fractions) into one quality score',
    perDocument: true,
    options: z
      .object({
        inputs: z
          .array(z.object({ key: metadataKey, weight: z.number().nonnegative().default(1), invert: z.boolean().default(false) }).strict())
          .min(1)
          .refine((inputs) => inputs.some((i) => i.weight > 0), 'at least one weight must be positive'),
        output: metadataKey.default('quality'),
        missing: z.enum(['renormalize', 'zero', 'error']).default('renormalize'),
      })
      .strict(),
    create: (o) => qualityEnsembleStep(o),
  }),
];
