import { z } from 'zod';
import { isDocumentStep, onlyWhen, type PipelineStep } from '@anneal/core';
import { lengthFilter, normalizeStep } from '@anneal/filters';

/**
 * Every step a pipeline YAML can name: its options schema (validated before any work) and a factory.
 * Packages that add steps (filters, classify, dedup, mixture, ...) register them here.
 */
export interface StepDefinition<O = unknown> {
  name: string;
  summary: string;
  /** True when the step looks at one document at a time, so YAML `when:` can restrict it. */
  perDocument: boolean;
  options: z.ZodType<O>;
  create(options: O): PipelineStep;
}

function defineStep<S extends z.ZodType>(def: {
  name: string;
  summary: string;
  perDocument: boolean;
  options: S;
  create(options: z.output<S>): PipelineStep;
}): StepDefinition {
  return def as unknown as StepDefinition;
}

export const STEP_DEFINITIONS: readonly StepDefinition[] = [
  defineStep({
    name: 'normalize',
    perDocument: true,
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
];

export function stepDefinition(name: string): StepDefinition | undefined {
  return STEP_DEFINITIONS.find((d) => d.name === name);
}

/** Builds the step a resolved config names, restricted by its `when:` if it has one. */
export function createStep(resolved: { name: string; options: Record<string, unknown>; when?: Record<string, unknown[]> }): PipelineStep {
  const def = stepDefinition(resolved.name);
  if (!def) throw new Error(`unknown step ${resolved.name}`);
  const step = def.create(resolved.options);
  const when = resolved.when;
  if (!when) return step;
  if (!isDocumentStep(step)) throw new Error(`step ${resolved.name} cannot take "when"`);
  const clauses = Object.entries(when);
  // a missing metadata key matches null, so `when: { domain: [web, null] }` also takes unlabelled docs
  return onlyWhen(step, (doc) => clauses.every(([key, values]) => values.includes(doc.metadata[key] ?? null)));
}
