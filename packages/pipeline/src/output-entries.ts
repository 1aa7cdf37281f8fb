import { posix } from 'node:path';
import { rankName } from '@anneal/core';
import { extensionOf } from '@anneal/io';
import type { ResolvedPipeline } from './pipeline-config.js';
import { planSegments } from './pipeline-segments.js';

/**
 * Every name a run of `pipeline` with `tasks` tasks may write under its output folder, relative to
 * it, as the ownership marker records them (a name ending in "/" is a folder the run owns whole).
 * Kept in step with OutputLayout, StageLayout and runSegmentTask, which write these names.
 */
export function plannedOutputEntries(pipeline: ResolvedPipeline, tasks: number): string[] {
  const extension = extensionOf(pipeline.output.format);
  const segments = planSegments(pipeline);
  // logs/: the Slurm executor's per-task logs and job scripts (slurm-array-job.ts)
  const entries = ['config.yaml', 'stats.json', '.tmp/', 'logs/', ...(pipeline.keep_dropped ? ['dropped/'] : [])];
  for (const segment of segments) {
    if (segment.barrier) entries.push(posix.join('stages', `${segment.barrier.index}-${segment.barrier.resolved.name}`) + '/');
  }
  for (let rank = 0; rank < tasks; rank++) {
    const name = rankName(rank);
    entries.push(`${name}.${extension}`, `stats/${name}.json`, `completions/${name}`);
    for (const segment of segments) entries.push(`errors/${name}${segment.index === 0 ? '' : `.stage${segment.index}`}.jsonl`);
  }
  return entries;
}
