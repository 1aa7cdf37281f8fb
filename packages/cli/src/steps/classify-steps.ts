import type { StepDefinition } from './define-step.js';

/** Steps for fastText classifiers and quality ensembles (package `classify`). */
export const CLASSIFY_STEPS: readonly StepDefinition[] = [];
