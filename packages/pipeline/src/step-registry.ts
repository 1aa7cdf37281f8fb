import { isDocumentStep, isGlobalStep, onlyWhen, scoreInto, type GlobalStep, type PipelineStep } from '@anneal/core';
import type { StepDefinition } from './steps/define-step.js';
import { FILTER_STEPS } from './steps/filter-steps.js';
import { CLASSIFY_STEPS } from './steps/classify-steps.js';
import { DEDUP_STEPS } from './steps/dedup-steps.js';
import { CONTAMINATION_STEPS } from './steps/contamination-steps.js';
import { WEB_STEPS } from './steps/web-steps.js';

/** Every step a pipeline YAML can name, from each package's list in ./steps/. */
export const STEP_DEFINITIONS: readonly StepDefinition[] = [...WEB_STEPS, ...FILTER_STEPS, ...CLASSIFY_STEPS, ...DEDUP_STEPS, ...CONTAMINATION_STEPS];

export type { StepDefinition };

export function stepDefinition(name: string): StepDefinition | undefined {
  return STEP_DEFINITIONS.find((d) => d.name === name);
}

/**
 * Runs the once-per-run preparation of every step that has one (see StepDefinition.prepare), in
 * the main thread: results by step position, to travel to the tasks in their plan.
 */
export async function prepareSteps(steps: readonly { name: string; options: Record<string, unknown> }[], note: (message: string) => void): Promise<Record<number, unknown>> {
  const prepared: Record<number, unknown> = {};
  for (const [i, s] of steps.entries()) {
    const def = stepDefinition(s.name);
    if (def?.prepare) prepared[i] = await def.prepare(s.options, note);
  }
  return prepared;
}

/** Builds the step a resolved config names, turned into a scorer by `score_into:` and restricted by `when:`. */
export function createStep(
  resolved: {
    name: string;
    options: Record<string, unknown>;
    when?: Record<string, unknown[]>;
    score_into?: string;
  },
  prepared?: unknown,
): PipelineStep {
  const def = stepDefinition(resolved.name);
  if (!def) throw new Error(`unknown step ${resolved.name}`);
  let step = def.create(resolved.options, prepared);
  if (isGlobalStep(step)) throw new Error(`step ${resolved.name} needs the whole dataset; the runner plans it as stages`);
  if (resolved.score_into) {
    if (!isDocumentStep(step)) throw new Error(`step ${resolved.name} cannot take "score_into"`);
    step = scoreInto(step, resolved.score_into);
  }
  const when = resolved.when;
  if (!when) return step;
  if (!isDocumentStep(step)) throw new Error(`step ${resolved.name} cannot take "when"`);
  const clauses = Object.entries(when);
  // a missing metadata key matches null, so `when: { domain: [web, null] }` also takes unlabelled docs
  return onlyWhen(step, (doc) => clauses.every(([key, values]) => values.includes(doc.metadata[key] ?? null)));
}

/** Builds a global step (dedup, ...) that a pipeline runs as stages around a barrier. */
export function createGlobalStep(resolved: { name: string; options: Record<string, unknown> }): GlobalStep {
  const step = stepDefinition(resolved.name)?.create(resolved.options);
  if (!isGlobalStep(step)) throw new Error(`step ${resolved.name} is not a global step`);
  return step;
}
