import { readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { rankName } from './sharding.js';

/**
 * Every path of a pipeline run's output folder (docs/architecture.md, "What a run leaves on disk"; docs/output-folder.md),
 * spelled here only: final shards `<rank:05d>.<ext>`, `errors/`, per-task `stats/`, `completions/`
 * markers, `stats.json`, `config.yaml`, `.tmp/`, `logs/` (Slurm), `dropped/` (keep_dropped) and a
 * global step's `stages/<step index>-<step>/`. The executor writes through it, the ownership marker
 * records what it plans, and `anneal why`/`trace` and older-output adoption read through it, so the
 * layout cannot drift between them.
 */
export class RunLayout {
  /** Names of the files and folders a run writes, for recognising them in a folder (older outputs, lookups). */
  static readonly SHARD_NAME = /^\d{5}\.(jsonl|jsonl\.gz|jsonl\.zst|parquet|arrow)$/;
  static readonly ERRORS_NAME = /^\d{5}(\.stage\d+)?\.jsonl$/;
  static readonly TASK_STATS_NAME = /^\d{5}\.json$/;
  static readonly COMPLETION_NAME = /^\d{5}$/;
  static readonly STAGE_DIR_NAME = /^\d+-[a-z0-9_]+$/;
  static readonly CONFIG_FILE = 'config.yaml';
  static readonly RUN_STATS_FILE = 'stats.json';
  static readonly TMP_DIR = '.tmp';
  static readonly ERRORS_DIR = 'errors';
  static readonly TASK_STATS_DIR = 'stats';
  static readonly COMPLETIONS_DIR = 'completions';
  static readonly STAGES_DIR = 'stages';
  static readonly LOGS_DIR = 'logs';
  static readonly DROPPED_DIR = 'dropped';

  /**
   * `extension` is the final shards' (`jsonl.gz`, `parquet`, ...); a reader that only looks up
   * errors, drops or the config (anneal why) does not know it and leaves it out.
   */
  constructor(
    readonly root: string,
    private readonly extension?: string,
  ) {}

  shardPath(rank: number): string {
    if (this.extension === undefined) throw new Error(`the shard extension of the run in ${this.root} is not known here`);
    return join(this.root, `${rankName(rank)}.${this.extension}`);
  }
  /** A task's record errors; past a global step (segment k > 0) `<rank>.stage<k>.jsonl`, so segments do not overwrite each other's. */
  errorsPath(rank: number, segment = 0): string {
    return join(this.root, RunLayout.ERRORS_DIR, errorsFileName(rank, segment));
  }
  taskStatsPath(rank: number): string {
    return join(this.root, RunLayout.TASK_STATS_DIR, `${rankName(rank)}.json`);
  }
  completionPath(rank: number): string {
    return join(this.root, RunLayout.COMPLETIONS_DIR, rankName(rank));
  }
  /** `keep_dropped`: a task's drops at one step, `.stage<k>.jsonl` past a global step. */
  droppedPath(step: string, rank: number, segment: number): string {
    return join(this.root, RunLayout.DROPPED_DIR, step, `${rankName(rank)}${segment === 0 ? '' : `.stage${segment}`}.jsonl`);
  }
  /** The Slurm executor's job script and per-task logs of one submitted stage. */
  slurmLogDir(stage: number): string {
    return join(this.root, RunLayout.LOGS_DIR, `stage-${stage}`);
  }
  /** The work folder of the global step at `stepIndex` in the pipeline's steps. */
  stage(stepIndex: number, stepName: string): StageLayout {
    return new StageLayout(join(this.root, RunLayout.STAGES_DIR, `${stepIndex}-${stepName}`));
  }
  get tmpDir(): string {
    return join(this.root, RunLayout.TMP_DIR);
  }
  get runStatsPath(): string {
    return join(this.root, RunLayout.RUN_STATS_FILE);
  }
  get configPath(): string {
    return join(this.root, RunLayout.CONFIG_FILE);
  }

  /**
   * Every name a run may write under the root, relative to it, as the ownership marker records
   * them (a name ending in "/" is a folder the run owns whole), in the order the marker lists them.
   */
  plannedEntries(plan: { tasks: number; segments: number; globalSteps: readonly { index: number; name: string }[]; keepDropped: boolean }): string[] {
    const entries = [
      RunLayout.CONFIG_FILE,
      RunLayout.RUN_STATS_FILE,
      `${RunLayout.TMP_DIR}/`,
      `${RunLayout.LOGS_DIR}/`,
      ...(plan.keepDropped ? [`${RunLayout.DROPPED_DIR}/`] : []),
    ];
    for (const step of plan.globalSteps) entries.push(posix.join(RunLayout.STAGES_DIR, `${step.index}-${step.name}`) + '/');
    for (let rank = 0; rank < plan.tasks; rank++) {
      const name = rankName(rank);
      entries.push(`${name}.${this.extension}`, `${RunLayout.TASK_STATS_DIR}/${name}.json`, `${RunLayout.COMPLETIONS_DIR}/${name}`);
      for (let segment = 0; segment < plan.segments; segment++) entries.push(`${RunLayout.ERRORS_DIR}/${errorsFileName(rank, segment)}`);
    }
    return entries;
  }

  /** The run's final shards present now, sorted by rank. */
  async listShards(): Promise<string[]> {
    return (await namesIn(this.root)).filter((n) => RunLayout.SHARD_NAME.test(n)).map((n) => join(this.root, n));
  }
  /** The record-error files present now (every segment's), sorted. */
  async listErrorFiles(): Promise<string[]> {
    const dir = join(this.root, RunLayout.ERRORS_DIR);
    return (await namesIn(dir)).filter((n) => RunLayout.ERRORS_NAME.test(n)).map((n) => join(dir, n));
  }
  /** The `keep_dropped` files present now, step by step (folders sorted by step name), then by file. */
  async listDroppedFiles(): Promise<string[]> {
    const dir = join(this.root, RunLayout.DROPPED_DIR);
    const files: string[] = [];
    for (const step of await namesIn(dir)) {
      for (const name of await namesIn(join(dir, step))) if (name.endsWith('.jsonl')) files.push(join(dir, step, name));
    }
    return files;
  }
}

/** Files of one global step under `<output>/stages/<step index>-<name>/` (intermediate shards, ledgers, markers). */
export class StageLayout {
  constructor(readonly workDir: string) {}

  /** Documents that passed the observer, read back by the next segment. */
  shardPath(rank: number): string {
    return join(this.workDir, 'shards', `${rankName(rank)}.arrow`);
  }
  /** The ledger of everything up to this step, per task. */
  statsPath(rank: number): string {
    return join(this.workDir, 'stats', `${rankName(rank)}.json`);
  }
  completionPath(rank: number): string {
    return join(this.workDir, 'completions', rankName(rank));
  }
}

function errorsFileName(rank: number, segment: number): string {
  return `${rankName(rank)}${segment === 0 ? '' : `.stage${segment}`}.jsonl`;
}

/** A folder's entry names, sorted; none when it does not exist (a run that wrote no errors has no errors/). */
async function namesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw err;
  }
}
