import type { z } from 'zod';
import type { GlobalStep, PipelineStep } from '@anneal/core';

/**
 * Every step a pipeline YAML can name: its options schema (validated before any work) and a factory.
 */
export interface StepDefinition<O = unknown> {
  name: string;
  summary: string;
  /** True when the step looks at one document at a time, so YAML `when:` can restrict it. */
  perDocument: boolean;
  /** True when the step needs the whole dataset (dedup): the runner splits the pipeline at it. */
  global?: boolean;
  options: z.ZodType<O>;
  create(options: O): PipelineStep | GlobalStep;
}

export function defineStep<S extends z.ZodType>(def: {
  name: string;
  summary: string;
  perDocument: boolean;
  global?: boolean;
  options: S;
  create(options: z.output<S>): PipelineStep | GlobalStep;
}): StepDefinition {
  return def as unknown as StepDefinition;
}

