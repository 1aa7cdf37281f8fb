import type { RunLayout, StageLayout } from '@anneal/core';
import type { ResolvedPipeline, ResolvedStep } from './pipeline-config.js';
import { stepCatalogEntry } from './step-catalog.js';

export interface PlannedStep {
  /** Position in the pipeline's `steps` list (names the stage directory). */
  index: number;
  resolved: ResolvedStep;
}

/**
 * A run of steps between global steps. Segment 0 reads the input; segment k > 0 reads the
 * intermediate shards of the global step before it and starts with that step's apply side; a
 * segment that ends at a global step writes intermediate shards past the step's observer.
 */
export interface Segment {
  index: number;
  after?: PlannedStep | undefined;
  steps: PlannedStep[];
  barrier?: PlannedStep | undefined;
}

export function planSegments(pipeline: ResolvedPipeline): Segment[] {
  const segments: Segment[] = [];
  let current: Segment = { index: 0, steps: [] };
  pipeline.steps.forEach((resolved, index) => {
    if (stepCatalogEntry(resolved.name)?.global) {
      current.barrier = { index, resolved };
      segments.push(current);
      current = { index: segments.length, after: { index, resolved }, steps: [] };
    } else current.steps.push({ index, resolved });
  });
  segments.push(current);
  return segments;
}

/** The work folder of a global step in a run's output (RunLayout names it). */
export function stageLayout(layout: RunLayout, step: PlannedStep): StageLayout {
  return layout.stage(step.index, step.resolved.name);
}
