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
  /**
   * Work done once per run in the main thread before any task (decontaminate's benchmark index);
   * its result must be structured-cloneable and reaches `create` in every worker thread
   * (SharedArrayBuffers in it are shared, not copied). `note` prints a line for the user.
   */
  prepare?(options: O, note: (message: string) => void): Promise<unknown>;
  create(options: O, prepared?: unknown): PipelineStep | GlobalStep;
}

export function defineStep<S extends z.ZodType>(def: {
  name: string;
  summary: string;
  perDocument: boolean;
  global?: boolean;
  options: S;
  prepare?(options: z.output<S>, note: (message: string) => void): Promise<unknown>;
  create(options: z.output<S>, prepared?: unknown): PipelineStep | GlobalStep;
}): StepDefinition {
  return def as unknown as StepDefinition;
}
