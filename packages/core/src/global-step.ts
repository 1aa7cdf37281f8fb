import type { Doc } from './doc.js';
import type { PipelineStep } from './step.js';

/**
 * Where a global step keeps its files, and which task of the pipeline is asking. `workDir` is
 * `<output>/stages/<step index>-<name>/`, shared by every task and phase of that step.
 */
export interface GlobalStepContext {
  workDir: string;
  /** The pipeline's number of tasks (document shards). */
  tasks: number;
  seed: number;
}

/** Sees every document of one task, in order, before the global phases run. */
export interface DocumentObserver {
  observe(doc: Doc, index: number): void | Promise<void>;
  /** Writes what was observed (atomically: temporary name, then rename). */
  finish(): Promise<void>;
}

/**
 * A phase between observing and applying: `tasks` independent units of work (e.g. one per LSH
 * band). `run(task)` must skip work that is already complete, so a killed or re-scheduled phase
 * resumes without redoing it.
 */
export interface GlobalPhase {
  name: string;
  tasks: number;
  run(task: number): Promise<void>;
}

/**
 * A step that needs a view of the whole dataset (dedup, mixture statistics). The runner splits the
 * pipeline at it: every task streams its documents past `observe` into an intermediate shard; then
 * the phases run, exchanging data only through files in `workDir`; then every task reads its
 * intermediate shard back through the step `apply` returns. Memory is bounded by what one phase
 * task loads, never by the corpus held in one process.
 */
export interface GlobalStep {
  readonly name: string;
  readonly global: true;
  observer(ctx: GlobalStepContext, rank: number): Promise<DocumentObserver>;
  phases(ctx: GlobalStepContext): GlobalPhase[];
  apply(ctx: GlobalStepContext, rank: number): Promise<PipelineStep>;
}

export function isGlobalStep(step: unknown): step is GlobalStep {
  return typeof step === 'object' && step !== null && (step as { global?: unknown }).global === true;
}
