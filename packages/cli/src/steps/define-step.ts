import type { z } from 'zod';
import type { PipelineStep } from '@anneal/core';

/**
 * Every step a pipeline YAML can name: its options schema (validated before any work) and a factory.
 */
export interface StepDefinition<O = unknown> {
  name: string;
  summary: string;
  /** True when the step looks at one document at a time, so YAML `when:` can restrict it. */
  perDocument: boolean;
  options: z.ZodType<O>;
  create(options: O): PipelineStep;
}

export function defineStep<S extends z.ZodType>(def: {
  name: string;
  summary: string;
  perDocument: boolean;
  options: S;
  create(options: z.output<S>): PipelineStep;
}): StepDefinition {
  return def as unknown as StepDefinition;
}

