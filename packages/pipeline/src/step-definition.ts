import type { GlobalStep, PipelineStep } from '@anneal/core';
import type { StepCatalogEntry } from './step-catalog.js';

/** How a step is built from options its catalog schema (step-catalog.ts) has parsed. */
export interface StepFactory<O = unknown> {
  /**
   * Work done once per run in the main thread before any task (decontaminate's benchmark index);
   * its result must be structured-cloneable and reaches `create` in every worker thread
   * (SharedArrayBuffers in it are shared, not copied). `note` prints a line for the user.
   */
  prepare?(options: O, note: (message: string) => void): Promise<unknown>;
  create(options: O, prepared?: unknown): PipelineStep | GlobalStep;
}

/** Every step a pipeline YAML can name: its catalog entry (name, summary, options schema) and its factory. */
export type StepDefinition = StepCatalogEntry & StepFactory;

/** A factory typed by the options type of its step, stored untyped beside the others. */
export function stepFactory<O>(factory: StepFactory<O>): StepFactory {
  return factory as unknown as StepFactory;
}
