import type { ResolvedPipeline } from './pipeline-config.js';
import { planSegments } from './pipeline-segments.js';
import { outputLayout } from './pipeline-task.js';

/**
 * Every name a run of `pipeline` with `tasks` tasks may write under its output folder, relative to
 * it, as the ownership marker records them (RunLayout.plannedEntries spells them).
 */
export function plannedOutputEntries(pipeline: ResolvedPipeline, tasks: number): string[] {
  const segments = planSegments(pipeline);
  return outputLayout(pipeline).plannedEntries({
    tasks,
    segments: segments.length,
    globalSteps: segments.flatMap((s) => (s.barrier ? [{ index: s.barrier.index, name: s.barrier.resolved.name }] : [])),
    keepDropped: pipeline.keep_dropped === true,
  });
}
