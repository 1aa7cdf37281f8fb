import { access, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { claimOutput, hash64Hex, recordEntries, writeFileAtomic } from '@anneal/core';
import { expandSourceFiles, inputPatterns } from './input-sources.js';
import { stringify as stringifyYaml } from 'yaml';
import { olderRunOutput } from './older-outputs.js';
import { refuseOutputOverlappingInputs } from './output-input-overlap.js';
import { toConfigDocument, type ResolvedPipeline } from './pipeline-config.js';
import { outputLayout } from './pipeline-task.js';
import { acquireRunLock } from './run-lock.js';
import { loadPipeline, mergeRunStats, outputDecidingConfig, planRunStages, prepareRunOutput, type RunOutcome, type RunStage } from './run-pipeline.js';
import { SlurmExecutorSchema, type SlurmExecutorConfig } from './slurm-executor-config.js';
import { arrayTaskStates, queuedJobsNamed, sbatch, scancel, squeue } from './slurm-commands.js';

/**
 * `anneal run --executor slurm`: each stage of the run (planRunStages) becomes one Slurm array job
 * whose task R runs `anneal run <config> --world-size T --stage S --rank R` on a compute node; each
 * stage depends on the one before (afterok, and dependents of a failed stage are cancelled). Only
 * the tasks without a completion marker are submitted, so a re-run after a failure submits what is
 * missing. With --wait it follows the jobs, then merges stats.json as a local run does.
 */
export interface SlurmRunOptions {
  configPath: string;
  overrides: string[];
  force: boolean;
  wait: boolean;
  /** From `--executor slurm` when the YAML has no `executor:` block. */
  executor?: SlurmExecutorConfig;
  log(message: string): void;
}

export interface SubmittedStage {
  stage: RunStage;
  job: string;
  units: number[];
  logDir: string;
}

export interface SlurmOutcome {
  outcome: RunOutcome;
  submitted: SubmittedStage[];
  /** With --wait: the tasks that did not complete, with their logs; empty when all did. */
  failed: { stage: RunStage; unit: number; state: string; log: string }[];
  /** With --wait: stages never run because a stage before them failed. */
  notRun: RunStage[];
}

export async function submitPipelineToSlurm(options: SlurmRunOptions): Promise<SlurmOutcome> {
  const pipeline = await loadPipeline(options.configPath, options.overrides);
  const executor = pipeline.executor?.type === 'slurm' ? pipeline.executor : (options.executor ?? SlurmExecutorSchema.parse({ type: 'slurm' }));
  const files = await expandSourceFiles(pipeline, process.cwd());
  const tasks = pipeline.tasks ?? files.length;
  const resolved: ResolvedPipeline = { ...pipeline, tasks };
  const layout = outputLayout(resolved);
  const configDoc = toConfigDocument(resolved);
  const runId = hash64Hex(outputDecidingConfig(configDoc));

  await refuseOutputOverlappingInputs(layout.root, { files, patterns: inputPatterns(pipeline) }, process.cwd());
  await claimOutput(layout.root, { verb: 'run', label: 'output.path', recogniseOlder: olderRunOutput, log: options.log });
  // shared with the ranks of this run (they start while later stages are still being submitted),
  // refused beside a local run or a different run on the same output
  const lock = await acquireRunLock(layout.root, { run: runId, mode: 'shared', command: `anneal run ${options.configPath} --executor slurm` }, options.log);
  let submitted: SubmittedStage[];
  const stages = planRunStages(resolved, tasks);
  try {
    const jobName = (s: RunStage) => `anneal-${runId.slice(0, 8)}-s${s.index}`;
    const live = await queuedJobsNamed(stages.map(jobName));
    if (live.length > 0) {
      throw new Error(
        `jobs of this run are still queued or running (${live.map((j) => `${j.name}: ${j.job}`).join(', ')}); ` +
          `wait for them (squeue -j ${live.map((j) => j.job).join(',')}) or scancel them before submitting again`,
      );
    }
    await prepareRunOutput({ force: options.force }, resolved, configDoc);
    await recordEntries(layout.root, ['logs/'], 'add');
    await writeFileAtomic(layout.configPath, stringifyYaml(configDoc), layout.tmpDir);
    const todo = await stagesToSubmit(stages);
    submitted = [];
    const command = executor.command ?? `${shellQuote(process.execPath)} ${shellQuote(annealBinPath())}`;
    for (const { stage, units } of todo) {
      const logDir = join(layout.root, 'logs', `stage-${stage.index}`);
      await mkdir(logDir, { recursive: true });
      const script = join(logDir, 'job.sh');
      const runArgs = ['run', resolve(options.configPath), '--world-size', String(tasks), '--stage', String(stage.index), '--no-progress', ...options.overrides.flatMap((o) => ['--set', o])];
      await writeFileAtomic(script, batchScript(executor, command, runArgs, stage), layout.tmpDir);
      const previous = submitted[submitted.length - 1];
      const job = await sbatch(
        [
          `--job-name=${jobName(stage)}`,
          `--array=${arraySpec(units)}${executor.max_parallel ? `%${executor.max_parallel}` : ''}`,
          `--output=${join(logDir, '%a.out')}`,
          `--chdir=${process.cwd()}`,
          ...(previous ? [`--dependency=afterok:${previous.job}`, '--kill-on-invalid-dep=yes'] : []),
        ],
        script,
      );
      options.log(`stage ${stage.index} (${stage.label}): job ${job}, ${units.length} of ${stage.units} task(s); logs in ${logDir}`);
      submitted.push({ stage, job, units, logDir });
    }
    const skippedStages = stages.length - todo.length;
    if (skippedStages > 0) options.log(`${skippedStages} stage(s) already complete: not submitted`);
  } finally {
    await lock.release();
  }

  const outcome: RunOutcome = { pipeline: resolved, tasks, ranRanks: [], skippedRanks: [] };
  const result: SlurmOutcome = { outcome, submitted, failed: [], notRun: [] };
  if (!options.wait && submitted.length > 0) return result;
  if (submitted.length > 0) await followJobs(submitted, executor, result, options.log);
  const last = stages[stages.length - 1]!;
  const lastSubmitted = submitted.find((s) => s.stage.index === last.index);
  outcome.ranRanks = lastSubmitted?.units ?? [];
  outcome.skippedRanks = [...Array(tasks).keys()].filter((r) => !outcome.ranRanks.includes(r));
  const stats = result.failed.length === 0 ? await mergeRunStats(resolved, tasks) : undefined;
  if (stats) outcome.stats = stats;
  return result;
}

/**
 * The stages to submit and, for each, its units. A stage after the last fully complete segment
 * stage is needed (later stages read what earlier ones wrote, so a complete segment means every
 * stage before it completed); a segment stage submits only its tasks without a completion marker,
 * a global step's phase all of its tasks (each skips its own finished work).
 */
async function stagesToSubmit(stages: RunStage[]): Promise<{ stage: RunStage; units: number[] }[]> {
  let firstNeeded = 0;
  const missing = new Map<number, number[]>();
  for (const stage of stages) {
    if (stage.job.kind !== 'segment') continue;
    const units: number[] = [];
    for (let u = 0; u < stage.units; u++) if (!(await stage.isDone(u))) units.push(u);
    missing.set(stage.index, units);
    if (units.length === 0) firstNeeded = stage.index + 1;
  }
  return stages
    .filter((s) => s.index >= firstNeeded)
    .map((stage) => ({ stage, units: missing.get(stage.index) ?? [...Array(stage.units).keys()] }))
    .filter((s) => s.units.length > 0);
}

/** `0-3`, `1,3,5-7`: sbatch's --array list for these task indices. */
export function arraySpec(units: number[]): string {
  const sorted = [...units].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function batchScript(executor: SlurmExecutorConfig, command: string, runArgs: string[], stage: RunStage): string {
  const directives = [
    ...(executor.partition ? [`--partition=${executor.partition}`] : []),
    ...(executor.time ? [`--time=${executor.time}`] : []),
    `--cpus-per-task=${executor.cpus_per_task}`,
    ...(executor.mem ? [`--mem=${executor.mem}`] : []),
    ...(executor.qos ? [`--qos=${executor.qos}`] : []),
    ...(executor.account ? [`--account=${executor.account}`] : []),
    ...executor.sbatch_lines,
  ];
  return [
    '#!/bin/bash',
    `# anneal: stage ${stage.index} (${stage.label}); task R runs unit R of it`,
    ...directives.map((d) => `#SBATCH ${d}`),
    'set -euo pipefail',
    ...Object.entries(executor.env).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
    `exec ${command} ${runArgs.map(shellQuote).join(' ')} --rank "$SLURM_ARRAY_TASK_ID"`,
    '',
  ].join('\n');
}

/** Follows the submitted jobs until none is queued, printing a line per stage when its counts change. */
async function followJobs(submitted: SubmittedStage[], executor: SlurmExecutorConfig, result: SlurmOutcome, log: (m: string) => void): Promise<void> {
  const ended = new Map<string, Map<number, string>>(submitted.map((s) => [s.job, new Map()]));
  const lastLine = new Map<string, string>();
  for (;;) {
    const queued = await squeue(submitted.map((s) => s.job));
    // a cluster that ignores --kill-on-invalid-dep keeps the dependents of a failed stage pending forever
    const stuck = [...new Set(queued.filter((q) => q.reason === 'DependencyNeverSatisfied').map((q) => q.job))];
    if (stuck.length > 0) await scancel(stuck);
    for (const s of submitted) {
      for (const t of await arrayTaskStates(s.job)) if (!isQueuedState(t.state)) ended.get(s.job)!.set(t.task, t.state);
      const mine = queued.filter((q) => q.job === s.job);
      const running = mine.filter((q) => q.state === 'RUNNING' || q.state === 'COMPLETING').length;
      const pending = mine.length - running;
      const states = [...ended.get(s.job)!.values()];
      const completed = states.filter((st) => st === 'COMPLETED').length;
      const failed = s.units.length - mine.length - completed;
      const line = `stage ${s.stage.index} (${s.stage.label}): ${completed}/${s.units.length} completed, ${running} running, ${pending} pending${failed > 0 ? `, ${failed} failed or cancelled` : ''}`;
      if (lastLine.get(s.job) !== line) log(line);
      lastLine.set(s.job, line);
    }
    if (queued.length === 0) break;
    await new Promise((r) => setTimeout(r, executor.poll_seconds * 1000));
  }
  let broken = false;
  for (const s of submitted) {
    const states = ended.get(s.job)!;
    const failedHere: SlurmOutcome['failed'] = [];
    for (const unit of s.units) {
      // a task cancelled while pending leaves no record in the controller, and a task never started no log
      const state = states.get(unit) ?? ((await pathExists(join(s.logDir, `${unit}.out`))) ? 'ENDED (no record left in Slurm; see its log)' : 'CANCELLED before it started (no log, no record left in Slurm)');
      // a segment's task is complete when its marker exists, whatever the scheduler remembers
      const done = s.stage.job.kind === 'segment' ? await s.stage.isDone(unit) : state === 'COMPLETED';
      if (!done) failedHere.push({ stage: s.stage, unit, state, log: join(s.logDir, `${unit}.out`) });
    }
    if (broken) {
      result.notRun.push(s.stage);
      continue;
    }
    result.failed.push(...failedHere);
    if (failedHere.length > 0) {
      broken = true;
      // with --kill-on-invalid-dep they are cancelled already; a cluster that ignores it leaves them pending forever
      await scancel(submitted.filter((x) => x.stage.index > s.stage.index).map((x) => x.job)).catch(() => undefined);
    }
  }
}

function isQueuedState(state: string): boolean {
  return ['PENDING', 'RUNNING', 'COMPLETING', 'CONFIGURING', 'SUSPENDED', 'REQUEUED', 'RESIZING'].includes(state);
}

/** bin/anneal.js of this installation, which compute nodes run from the same shared path. */
function annealBinPath(): string {
  return fileURLToPath(new URL('../../bin/anneal.js', import.meta.url));
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

async function pathExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
