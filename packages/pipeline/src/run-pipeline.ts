import { readFile, rm } from 'node:fs/promises';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  ledgerImbalances,
  mergeStepStats,
  rankName,
  runOnWorkerThreads,
  removeStaleTemporariesUnder,
  runStatsFromSteps,
  writeFileAtomic,
  hash64Hex,
  claimOutput,
  ownedFolders,
  readMarker,
  recordEntries,
  refuseUnrecordedNames,
  removeRecordedEntries,
  type OwnershipMarker,
  type RunStats,
  type StepStats,
  pathExists,
  RunLayout,
} from '@anneal/core';
import { expandSourceFiles, inputPatterns, type SourcedInputFile } from './input-sources.js';
import { olderRunOutput } from '@anneal/core';
import { refuseOutputOverlappingInputs } from '@anneal/core';
import { plannedOutputEntries } from './output-entries.js';
import { acquireRunLock } from '@anneal/core';
import { loadPipeline, toConfigDocument, type ResolvedPipeline } from './pipeline-config.js';
import { globalStepContext, outputLayout, runPlanJob, type PlanJob, type TaskPlan } from './pipeline-task.js';
import { planSegments, stageLayout } from './pipeline-segments.js';
import { createGlobalStep, prepareSteps } from './step-registry.js';
import { RunProgress } from '@anneal/core';

export interface RunOptions {
  configPath: string;
  overrides?: string[];
  force?: boolean;
  /** Run only this task (Slurm array style); with `worldSize`. */
  rank?: number;
  worldSize?: number;
  /** Run only this stage of a multi-stage pipeline (see `planRunStages`); with `rank`, one unit of it. */
  stage?: number;
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

/** The config that decides output bytes: everything but the worker count and where tasks run. */
export function outputDecidingConfig(doc: Record<string, unknown>): string {
  const { workers: _workers, executor: _executor, ...rest } = doc;
  return JSON.stringify(rest);
}

export async function runPipeline(options: RunOptions): Promise<RunOutcome> {
  const pipeline = await loadPipeline(options.configPath, options.overrides);
  const files = await expandSourceFiles(pipeline, process.cwd(), noteAliases);
  const tasks = options.worldSize ?? pipeline.tasks ?? files.length;
  if (options.stage === undefined && options.rank !== undefined && (options.rank < 0 || options.rank >= tasks)) {
    throw new Error(`--rank ${options.rank} is outside 0..${tasks - 1}`);
  }
  const resolved: ResolvedPipeline = { ...pipeline, tasks };
  const layout = outputLayout(resolved);
  const configDoc = toConfigDocument(resolved);

  // Nothing is written before these: the output must not be an input, must be anneal's own (or new),
  // and must not be in use by another run (docs/output-folder.md).
  await refuseOutputOverlappingInputs(layout.root, { files, patterns: inputPatterns(pipeline) }, process.cwd());
  await claimOutput(layout.root, { verb: 'run', label: 'output.path', recogniseOlder: olderRunOutput, log });
  const lock = await acquireRunLock(
    layout.root,
    {
      run: hash64Hex(outputDecidingConfig(configDoc)),
      mode: options.rank === undefined ? 'exclusive' : 'shared',
      command: [
        'anneal run',
        options.configPath,
        ...(options.rank !== undefined ? [`--rank ${options.rank} --world-size ${tasks}`] : []),
        ...(options.stage !== undefined ? [`--stage ${options.stage}`] : []),
      ].join(' '),
    },
    log,
  );
  try {
    return await runLockedPipeline(options, resolved, files, configDoc);
  } finally {
    await lock.release();
  }
}

/**
 * What every run does to its output before any task: refuse names it did not write, apply --force
 * (exactly what earlier runs recorded), refuse the output of a different config, record what this
 * run will write, and write config.yaml. Shared by local runs and Slurm submissions.
 */
export async function prepareRunOutput(
  options: Pick<RunOptions, 'force' | 'rank'>,
  resolved: ResolvedPipeline,
  configDoc: Record<string, unknown>,
): Promise<OwnershipMarker> {
  const tasks = resolved.tasks!;
  const layout = outputLayout(resolved);
  const allRanks = options.rank !== undefined ? [options.rank] : [...Array(tasks).keys()];
  const planned = plannedOutputEntries(resolved, tasks);
  // a file of the user's named like a shard of a larger task count is neither overwritten nor, later, removed by --force
  await refuseUnrecordedNames(layout.root, (await readMarker(layout.root))!, planned, 'output.path');
  let marker: OwnershipMarker;
  if (options.force && options.rank === undefined) {
    // --force on a whole run: remove exactly what earlier runs recorded, whatever their task count
    const removed = await removeRecordedEntries(layout.root, (await readMarker(layout.root))!);
    if (removed > 0) log(`--force: removed ${removed} file(s)/folder(s) earlier runs wrote in ${layout.root}`);
    marker = await recordEntries(layout.root, planned, 'replace');
  } else {
    if (options.force) {
      for (const r of allRanks) await rm(layout.completionPath(r), { force: true });
      await rm(layout.runStatsPath, { force: true });
    } else if (await pathExists(layout.configPath)) {
      const previous = parseYaml(await readFile(layout.configPath, 'utf8')) as Record<string, unknown>;
      if (outputDecidingConfig(previous) !== outputDecidingConfig(configDoc)) {
        throw new Error(`${layout.root} holds the output of a different config (see its config.yaml); re-run with --force to replace it`);
      }
    }
    marker = await recordEntries(layout.root, planned, 'add');
  }
  return marker;
}

/** The run itself, once the output is known to be anneal's and this run holds its lock. */
async function runLockedPipeline(
  options: RunOptions,
  resolved: ResolvedPipeline,
  files: SourcedInputFile[],
  configDoc: Record<string, unknown>,
): Promise<RunOutcome> {
  const tasks = resolved.tasks!;
  const layout = outputLayout(resolved);
  const marker = await prepareRunOutput(options, resolved, configDoc);
  // Leftover temporary files of a killed run are garbage (under .tmp/ and beside stage files); Slurm
  // ranks share the output directory, so only a full local run, which holds it alone, clears them,
  // and only in the folders the marker says anneal owns.
  if (options.rank === undefined) await clearTemporaries(layout.root, marker);
  await writeFileAtomic(layout.configPath, stringifyYaml(configDoc), layout.tmpDir);

  const stages = planRunStages(resolved, tasks);
  if (options.stage !== undefined && (options.stage < 0 || options.stage >= stages.length)) {
    throw new Error(`--stage ${options.stage} is outside 0..${stages.length - 1} (see --plan)`);
  }
  if (options.rank !== undefined && options.stage === undefined && stages.length > 1) {
    throw new Error(`this pipeline runs in ${stages.length} stages (a global step needs every task's output); give --stage with --rank (see --plan)`);
  }
  const selected = options.stage !== undefined ? [stages[options.stage]!] : stages;
  // built once here, before any task: a worker thread gets it with the plan (e.g. decontaminate's index)
  const prepared = await prepareSteps(resolved.steps, log);
  const basePlan = { pipeline: resolved, files, tasks, printErrors: options.logErrors === false ? 0 : 5, prepared };
  const rankFiles = (r: number) => files.filter((_, i) => i % tasks === r);
  let ran: number[] = [];
  let skipped: number[] = [];
  try {
    for (const stage of selected) {
      const units = options.rank !== undefined ? [options.rank] : [...Array(stage.units).keys()];
      if (options.rank !== undefined && options.rank >= stage.units)
        throw new Error(`--rank ${options.rank} is outside 0..${stage.units - 1} for stage ${stage.index}`);
      const todo: number[] = [];
      const done: number[] = [];
      for (const u of units) ((await stage.isDone(u)) ? done : todo).push(u);
      const totalBytes = stage.readsInput ? todo.reduce((sum, r) => sum + rankFiles(r).reduce((s, f) => s + f.bytes, 0), 0) : 0;
      await runJob({ ...basePlan, job: stage.job }, todo, resolved.workers, totalBytes, (options.progress ?? true) && stage.job.kind === 'segment');
      [ran, skipped] = [todo, done];
    }
  } finally {
    if (options.rank === undefined) await clearTemporaries(layout.root, marker);
  }

  const outcome: RunOutcome = { pipeline: resolved, tasks, ranRanks: ran, skippedRanks: skipped };
  const stats = await mergeRunStats(resolved, tasks);
  if (stats) outcome.stats = stats;
  if (options.rank === undefined) await rm(layout.tmpDir, { recursive: true, force: true });
  return outcome;
}

function log(message: string): void {
  process.stderr.write(`anneal: ${message}\n`);
}

function noteAliases(kept: string, skipped: string[]): void {
  log(`${kept} is also reached as ${skipped.join(', ')} (symlinked folders); reading it once`);
}

/**
 * One schedulable stage of a run: a segment's tasks, or a global step's phase. Locally they run in
 * order; on a cluster each is one job array (`--stage S --rank R`) depending on the one before.
 */
export interface RunStage {
  index: number;
  label: string;
  units: number;
  job: PlanJob;
  readsInput: boolean;
  isDone(unit: number): Promise<boolean>;
}

export function planRunStages(pipeline: ResolvedPipeline, tasks: number): RunStage[] {
  const layout = outputLayout(pipeline);
  const stages: RunStage[] = [];
  for (const segment of planSegments(pipeline)) {
    const barrier = segment.barrier ? stageLayout(layout, segment.barrier) : undefined;
    const names = [...(segment.after ? [`${segment.after.resolved.name} (apply)`] : []), ...segment.steps.map((s) => s.resolved.name)];
    if (segment.barrier) names.push(`${segment.barrier.resolved.name} (observe)`);
    stages.push({
      index: stages.length,
      label: `${segment.index === 0 ? 'read' : 'intermediate shards'} → ${names.join(' → ') || '(no steps)'} → ${barrier ? 'intermediate shards' : 'output shards'}`,
      units: tasks,
      job: { kind: 'segment', segment: segment.index },
      readsInput: segment.index === 0,
      isDone: (r) => pathExists(barrier ? barrier.completionPath(r) : layout.completionPath(r)),
    });
    if (!segment.barrier || !barrier) continue;
    const phases = createGlobalStep(segment.barrier.resolved).phases(globalStepContext(pipeline, tasks, barrier));
    phases.forEach((phase, p) => {
      stages.push({
        index: stages.length,
        label: `${segment.barrier!.resolved.name}: ${phase.name}`,
        units: phase.tasks,
        job: { kind: 'phase', stepIndex: segment.barrier!.index, phase: p },
        readsInput: false,
        // phase tasks skip their own finished work (GlobalPhase contract), so always schedule them
        isDone: async () => false,
      });
    });
  }
  return stages;
}

/** `anneal run --plan`: the stages, and how to run them as dependent Slurm job arrays. */
export async function describeRunPlan(configPath: string, overrides: string[], worldSize?: number): Promise<string> {
  const pipeline = await loadPipeline(configPath, overrides);
  const files = await expandSourceFiles(pipeline, process.cwd());
  const tasks = worldSize ?? pipeline.tasks ?? files.length;
  const stages = planRunStages({ ...pipeline, tasks }, tasks);
  const lines = [`${stages.length} stage(s), ${files.length} input file(s), ${tasks} task(s):`];
  for (const s of stages) lines.push(`  stage ${s.index}: ${s.units} unit(s)  ${s.label}`);
  lines.push('', 'on Slurm, one array job per stage, each after the previous one (sbatch --dependency=afterok:<previous job id>):');
  for (const s of stages) {
    lines.push(
      `  sbatch --array=0-${s.units - 1} --wrap "npx anneal run ${configPath} --world-size ${tasks} --stage ${s.index} --rank $SLURM_ARRAY_TASK_ID"`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Runs units of one job in this thread (one unit, or one worker) or on the worker-thread pool. */
async function runJob(plan: TaskPlan, units: number[], workers: number, totalBytes: number, showProgress: boolean): Promise<void> {
  if (units.length === 0) return;
  const progress = new RunProgress(totalBytes, showProgress);
  try {
    if (units.length === 1 || workers === 1) {
      for (const u of units) await runPlanJob(plan, u, (d, b) => progress.update(u, d, b));
    } else {
      await runOnWorkerThreads({
        workerModule: new URL('./pipeline-task-worker.js', import.meta.url),
        data: plan,
        workers,
        ranks: units,
        onProgress: (p) => progress.update(p.rank, p.documents, p.inputBytes),
      });
    }
  } finally {
    progress.stop();
  }
}

/** Merges per-task ledgers into `<output>/stats.json` once every task is complete. */
export async function mergeRunStats(pipeline: ResolvedPipeline, tasks: number): Promise<RunStats | undefined> {
  const layout = outputLayout(pipeline);
  const parts: StepStats[][] = [];
  for (let r = 0; r < tasks; r++) {
    if (!(await pathExists(layout.completionPath(r)))) return undefined;
    parts.push(JSON.parse(await readFile(layout.taskStatsPath(r), 'utf8')) as StepStats[]);
  }
  const stats = runStatsFromSteps(mergeStepStats(parts), { tasks, output_files: tasks });
  const problems = ledgerImbalances(stats);
  if (problems.length > 0) throw new Error(`stats do not balance:\n  ${problems.join('\n  ')}`);
  await writeFileAtomic(layout.runStatsPath, JSON.stringify(stats, null, 2) + '\n', layout.tmpDir);
  return stats;
}

/** Removes leftover temporaries only where anneal owns the folder: .tmp/ and global steps' work folders. */
async function clearTemporaries(root: string, marker: OwnershipMarker): Promise<void> {
  for (const folder of ownedFolders(root, marker)) {
    if (folder === new RunLayout(root).tmpDir) await rm(folder, { recursive: true, force: true });
    else await removeStaleTemporariesUnder(folder);
  }
}

export { rankName };
