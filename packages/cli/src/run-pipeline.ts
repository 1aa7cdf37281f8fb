import { readFile, readdir, rm, access } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml, YAMLParseError } from 'yaml';
import {
  ledgerImbalances,
  mergeStepStats,
  rankName,
  runOnWorkerThreads,
  runStatsFromSteps,
  writeFileAtomic,
  type RunStats,
  type StepStats,
} from '@anneal/core';
import { expandInputs } from '@anneal/io';
import { applyOverrides } from './config-overrides.js';
import { ConfigError, resolvePipeline, toConfigDocument, type ResolvedPipeline } from './pipeline-config.js';
import { outputLayout, runPipelineTask, type TaskPlan } from './pipeline-task.js';
import { RunProgress } from './progress.js';

export interface RunOptions {
  configPath: string;
  overrides?: string[];
  force?: boolean;
  /** Run only this task (Slurm array style); with `worldSize`. */
  rank?: number;
  worldSize?: number;
  progress?: boolean;
  /** Print the first few bad records of each task to stderr (default true). */
  logErrors?: boolean;
}

export interface RunOutcome {
  pipeline: ResolvedPipeline;
  tasks: number;
  ranRanks: number[];
  skippedRanks: number[];
  /** Present once every task of the run is complete. */
  stats?: RunStats;
}

/** Reads, overrides and validates a pipeline YAML file; nothing runs before this succeeds. */
export async function loadPipeline(configPath: string, overrides: string[] = []): Promise<ResolvedPipeline> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (err) {
    throw new ConfigError([`${configPath}: cannot read (${(err as Error).message})`]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` line ${err.linePos[0].line}` : '';
    throw new ConfigError([`${configPath}${where}: not valid YAML (${(err as Error).message.split('\n')[0]})`]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError([`${configPath}: expected a YAML map at the top level`]);
  applyOverrides(raw as Record<string, unknown>, overrides);
  return resolvePipeline(raw);
}

/** The config that decides output bytes: everything but the worker count. */
function outputDecidingConfig(doc: Record<string, unknown>): string {
  const { workers: _workers, ...rest } = doc;
  return JSON.stringify(rest);
}

export async function runPipeline(options: RunOptions): Promise<RunOutcome> {
  const pipeline = await loadPipeline(options.configPath, options.overrides);
  const files = await expandInputs(pipeline.input.paths, process.cwd());
  const tasks = options.worldSize ?? pipeline.tasks ?? files.length;
  if (options.rank !== undefined && (options.rank < 0 || options.rank >= tasks)) {
    throw new Error(`--rank ${options.rank} is outside 0..${tasks - 1}`);
  }
  const resolved: ResolvedPipeline = { ...pipeline, tasks };
  const layout = outputLayout(resolved);
  const configDoc = toConfigDocument(resolved);

  const allRanks = options.rank !== undefined ? [options.rank] : [...Array(tasks).keys()];
  if (options.force && options.rank === undefined) {
    await clearRunOutputs(layout.root);
  } else if (options.force) {
    for (const r of allRanks) await rm(layout.completionPath(r), { force: true });
    await rm(layout.runStatsPath, { force: true });
  } else if (await exists(layout.configPath)) {
    const previous = parseYaml(await readFile(layout.configPath, 'utf8')) as Record<string, unknown>;
    if (outputDecidingConfig(previous) !== outputDecidingConfig(configDoc)) {
      throw new Error(`${layout.root} holds the output of a different config (see its config.yaml); re-run with --force to replace it`);
    }
  }
  // Leftover temporary files of a killed run are garbage; Slurm ranks may share .tmp, so only a full local run clears it.
  if (options.rank === undefined) await rm(layout.tmpDir, { recursive: true, force: true });
  await writeFileAtomic(layout.configPath, stringifyYaml(configDoc), layout.tmpDir);

  const pending: number[] = [];
  const skipped: number[] = [];
  for (const r of allRanks) ((await exists(layout.completionPath(r))) ? skipped : pending).push(r);

  const plan: TaskPlan = { pipeline: resolved, files, tasks, printErrors: options.logErrors === false ? 0 : 5 };
  const rankFiles = (r: number) => files.filter((_, i) => i % tasks === r);
  const totalBytes = pending.reduce((sum, r) => sum + rankFiles(r).reduce((s, f) => s + f.bytes, 0), 0);
  const progress = new RunProgress(totalBytes, options.progress ?? true);
  try {
    if (pending.length === 1 || resolved.workers === 1) {
      for (const r of pending) await runPipelineTask(plan, r, (d, b) => progress.update(r, d, b));
    } else if (pending.length > 0) {
      await runOnWorkerThreads({
        workerModule: new URL('./pipeline-task-worker.js', import.meta.url),
        data: plan,
        workers: resolved.workers,
        ranks: pending,
        onProgress: (p) => progress.update(p.rank, p.documents, p.inputBytes),
      });
    }
  } finally {
    progress.stop();
    if (options.rank === undefined) await rm(layout.tmpDir, { recursive: true, force: true });
  }

  const outcome: RunOutcome = { pipeline: resolved, tasks, ranRanks: pending, skippedRanks: skipped };
  const stats = await mergeRunStats(resolved, tasks);
  if (stats) outcome.stats = stats;
  if (options.rank === undefined) await rm(layout.tmpDir, { recursive: true, force: true });
  return outcome;
}

/** Merges per-task ledgers into `<output>/stats.json` once every task is complete. */
export async function mergeRunStats(pipeline: ResolvedPipeline, tasks: number): Promise<RunStats | undefined> {
  const layout = outputLayout(pipeline);
  const parts: StepStats[][] = [];
  for (let r = 0; r < tasks; r++) {
    if (!(await exists(layout.completionPath(r)))) return undefined;
    parts.push(JSON.parse(await readFile(layout.taskStatsPath(r), 'utf8')) as StepStats[]);
  }
  const stats = runStatsFromSteps(mergeStepStats(parts), { tasks, output_files: tasks });
  const problems = ledgerImbalances(stats);
  if (problems.length > 0) throw new Error(`stats do not balance:\n  ${problems.join('\n  ')}`);
  await writeFileAtomic(layout.runStatsPath, JSON.stringify(stats, null, 2) + '\n', layout.tmpDir);
  return stats;
}

/** --force on a whole run: remove everything a previous run wrote, whatever its task count. */
async function clearRunOutputs(root: string): Promise<void> {
  for (const dir of ['completions', 'stats', 'errors', '.tmp']) await rm(join(root, dir), { recursive: true, force: true });
  let entries: string[] = [];
  try {
    entries = await readdir(root);
  } catch {
    return;
  }
  for (const name of entries) if (/^\d{5}\.(jsonl|jsonl\.gz|jsonl\.zst|parquet|arrow)$/.test(name)) await rm(join(root, name), { force: true });
  await rm(join(root, 'stats.json'), { force: true });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function listErrorFiles(pipeline: ResolvedPipeline): Promise<string[]> {
  const dir = join(pipeline.output.path, 'errors');
  try {
    return (await readdir(dir)).filter((f) => /^\d{5}\.jsonl$/.test(f)).map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export { rankName };
