import type { StepDefinition } from './define-step.js';

/** Steps for exact and MinHash deduplication (package `dedup`). */
export const DEDUP_STEPS: readonly StepDefinition[] = [];
