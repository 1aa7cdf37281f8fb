import { resolve } from 'node:path';
import { claimOutput, hash64Hex, writeFileAtomic } from '@anneal/core';
import { expandSourceFiles, inputPatterns } from './input-sources.js';
import { stringify as stringifyYaml } from 'yaml';
import { olderRunOutput } from '@anneal/core';
import { refuseOutputOverlappingInputs } from '@anneal/core';
import { loadPipeline, toConfigDocument, type ResolvedPipeline } from './pipeline-config.js';
import { outputLayout } from './pipeline-task.js';
import { acquireRunLock } from '@anneal/core';
import { mergeRunStats, outputDecidingConfig, planRunStages, prepareRunOutput, type RunOutcome, type RunStage } from './run-pipeline.js';
import { SlurmExecutorSchema, type SlurmExecutorConfig } from './slurm-executor-config.js';
import { queuedJobsNamed } from './slurm-commands.js';
import { followArrayJobs, submitArrayJob, type FailedTask, type SubmittedJob } from './slurm-array-job.js';

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
  failed: FailedTask[];
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
  const lock = await acquireRunLock(
    layout.root,
    { run: runId, mode: 'shared', command: `anneal run ${options.configPath} --executor slurm` },
    options.log,
  );
  const submitted: SubmittedStage[] = [];
  const jobs: SubmittedJob[] = [];
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
    await writeFileAtomic(layout.configPath, stringifyYaml(configDoc), layout.tmpDir);
    const todo = await stagesToSubmit(stages);
    for (const { stage, units } of todo) {
      const spec = {
        name: jobName(stage),
        label: `stage ${stage.index} (${stage.label})`,
        units,
        logDir: layout.slurmLogDir(stage.index),
        annealArgs: [
          'run',
          resolve(options.configPath),
          '--world-size',
          String(tasks),
          '--stage',
          String(stage.index),
          '--no-progress',
          ...options.overrides.flatMap((o) => ['--set', o]),
        ],
        after: jobs[jobs.length - 1]?.job,
      };
      const job = await submitArrayJob(executor, spec, layout.tmpDir);
      options.log(`${spec.label}: job ${job}, ${units.length} of ${stage.units} task(s); logs in ${spec.logDir}`);
      // a segment's task is complete when its marker exists, whatever the scheduler remembers
      jobs.push({ spec, job, ...(stage.job.kind === 'segment' ? { isDone: (u: number) => stage.isDone(u) } : {}) });
      submitted.push({ stage, job, units, logDir: spec.logDir });
    }
    const skippedStages = stages.length - todo.length;
    if (skippedStages > 0) options.log(`${skippedStages} stage(s) already complete: not submitted`);
  } finally {
    await lock.release();
  }

  const outcome: RunOutcome = { pipeline: resolved, tasks, ranRanks: [], skippedRanks: [] };
  const result: SlurmOutcome = { outcome, submitted, failed: [], notRun: [] };
  if (!options.wait && submitted.length > 0) return result;
  if (jobs.length > 0) {
    const followed = await followArrayJobs(jobs, executor, options.log);
    result.failed = followed.failed;
    result.notRun = followed.notRun.map((j) => submitted.find((s) => s.job === j.job)!.stage);
  }
  const last = stages[stages.length - 1]!;
  outcome.ranRanks = submitted.find((s) => s.stage.index === last.index)?.units ?? [];
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
