import { z } from 'zod';
import type { PipelineStep } from '@anneal/core';
import { lengthFilter, normalizeStep } from '@anneal/filters';

/**
 * Every step a pipeline YAML can name: its options schema (validated before any work) and a factory.
 * Packages that add steps (filters, classify, dedup, mixture, ...) register them here.
 */
export interface StepDefinition<O = unknown> {
  name: string;
  summary: string;
  options: z.ZodType<O>;
  create(options: O): PipelineStep;
}

function defineStep<S extends z.ZodType>(def: {
  name: string;
  summary: string;
  options: S;
  create(options: z.output<S>): PipelineStep;
}): StepDefinition {
  return def as unknown as StepDefinition;
}

export const STEP_DEFINITIONS: readonly StepDefinition[] = [
  defineStep({
    name: 'normalize',
    summary: 'Unicode NFC (or NFKC), control characters removed, whitespace collapsed; drops documents left empty',
    options: z
      .object({
        form: z.enum(['NFC', 'NFKC', 'none']).default('NFC'),
        strip_control: z.boolean().default(true),
        collapse_whitespace: z.boolean().default(true),
        drop_empty: z.boolean().default(true),
      })
      .strict(),
    create: (options) => normalizeStep(options),
  }),
  defineStep({
    name: 'length',
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
];

export function stepDefinition(name: string): StepDefinition | undefined {
  return STEP_DEFINITIONS.find((d) => d.name === name);
}
