import { mkdir } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomic, pathExists } from '@anneal/core';
import type { SlurmExecutorConfig } from './slurm-executor-config.js';
import { arrayTaskStates, sbatch, scancel, squeue } from './slurm-commands.js';

/**
 * One Slurm array job of anneal tasks, and following a chain of them: what `anneal run` (one job per
 * stage) and `anneal tokenize` (one job) submit. Task R of a job runs `anneal <args> --rank R` on a
 * compute node and logs to `<logDir>/<R>.out`; its batch script is kept as `<logDir>/job.sh`.
 */
export interface ArrayJobSpec {
  /** Slurm job name (a run's jobs share a prefix, so a second submission can find them queued) */
  name: string;
  /** for messages: "stage 3 (dedup_minhash: buckets)" */
  label: string;
  units: number[];
  logDir: string;
  /** the anneal arguments every task runs, before `--rank $SLURM_ARRAY_TASK_ID` */
  annealArgs: string[];
  /** job id this one runs after (afterok; cancelled if that one fails) */
  after?: string | undefined;
}

export interface SubmittedJob {
  spec: ArrayJobSpec;
  job: string;
  /** a unit is complete when this says so (a completion marker), else when Slurm says COMPLETED */
  isDone?: (unit: number) => Promise<boolean>;
}

export interface FailedTask {
  label: string;
  unit: number;
  state: string;
  log: string;
}

export async function submitArrayJob(executor: SlurmExecutorConfig, spec: ArrayJobSpec, scratchDir: string): Promise<string> {
  await mkdir(spec.logDir, { recursive: true });
  const script = join(spec.logDir, 'job.sh');
  const command = executor.command ?? `${shellQuote(process.execPath)} ${shellQuote(annealBinPath())}`;
  await writeFileAtomic(script, batchScript(executor, command, spec), scratchDir);
  return sbatch(
    [
      `--job-name=${spec.name}`,
      `--array=${arraySpec(spec.units)}${executor.max_parallel ? `%${executor.max_parallel}` : ''}`,
      `--output=${join(spec.logDir, '%a.out')}`,
      `--chdir=${process.cwd()}`,
      ...(spec.after ? [`--dependency=afterok:${spec.after}`, '--kill-on-invalid-dep=yes'] : []),
    ],
    script,
  );
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

function batchScript(executor: SlurmExecutorConfig, command: string, spec: ArrayJobSpec): string {
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
    `# anneal: ${spec.label.replace(/\n/g, ' ')}; array task R runs unit R`,
    ...directives.map((d) => `#SBATCH ${d}`),
    'set -euo pipefail',
    ...Object.entries(executor.env).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
    `exec ${command} ${spec.annealArgs.map(shellQuote).join(' ')} --rank "$SLURM_ARRAY_TASK_ID"`,
    '',
  ].join('\n');
}

/**
 * Follows jobs (each after the one before) until none is queued, printing a line per job when its
 * counts change; then names every unit that did not complete and the jobs never run because one
 * before them failed.
 */
export async function followArrayJobs(
  submitted: SubmittedJob[],
  executor: SlurmExecutorConfig,
  log: (m: string) => void,
): Promise<{ failed: FailedTask[]; notRun: SubmittedJob[] }> {
  const ended = new Map<string, Map<number, string>>(submitted.map((s) => [s.job, new Map()]));
  const lastLine = new Map<string, string>();
  for (;;) {
    const queued = await squeue(submitted.map((s) => s.job));
    // a cluster that ignores --kill-on-invalid-dep keeps the dependents of a failed job pending forever
    const stuck = [...new Set(queued.filter((q) => q.reason === 'DependencyNeverSatisfied').map((q) => q.job))];
    if (stuck.length > 0) await scancel(stuck);
    for (const s of submitted) {
      // scontrol remembers ended tasks for MinJobAge (300 s by default); polling keeps what it said
      for (const t of await arrayTaskStates(s.job)) if (!isQueuedState(t.state)) ended.get(s.job)!.set(t.task, t.state);
      const mine = queued.filter((q) => q.job === s.job);
      const running = mine.filter((q) => q.state === 'RUNNING' || q.state === 'COMPLETING').length;
      const pending = mine.length - running;
      const completed = [...ended.get(s.job)!.values()].filter((st) => st === 'COMPLETED').length;
      const failed = s.spec.units.length - mine.length - completed;
      const line = `${s.spec.label}: ${completed}/${s.spec.units.length} completed, ${running} running, ${pending} pending${failed > 0 ? `, ${failed} failed or cancelled` : ''}`;
      if (lastLine.get(s.job) !== line) log(line);
      lastLine.set(s.job, line);
    }
    if (queued.length === 0) break;
    await new Promise((r) => setTimeout(r, executor.poll_seconds * 1000));
  }
  const failed: FailedTask[] = [];
  const notRun: SubmittedJob[] = [];
  for (const s of submitted) {
    if (failed.length > 0) {
      notRun.push(s);
      continue;
    }
    const states = ended.get(s.job)!;
    for (const unit of s.spec.units) {
      const log = join(s.spec.logDir, `${unit}.out`);
      // a task cancelled while pending leaves no record in the controller, and a task never started no log
      const state =
        states.get(unit) ??
        ((await pathExists(log)) ? 'ENDED (no record left in Slurm; see its log)' : 'CANCELLED before it started (no log, no record left in Slurm)');
      const done = s.isDone ? await s.isDone(unit) : state === 'COMPLETED';
      if (!done) failed.push({ label: s.spec.label, unit, state, log });
    }
    // with --kill-on-invalid-dep they are cancelled already; this covers a cluster that ignores it
    if (failed.length > 0) await scancel(submitted.slice(submitted.indexOf(s) + 1).map((x) => x.job)).catch(() => undefined);
  }
  return { failed, notRun };
}

function isQueuedState(state: string): boolean {
  return ['PENDING', 'RUNNING', 'COMPLETING', 'CONFIGURING', 'SUSPENDED', 'REQUEUED', 'RESIZING'].includes(state);
}

/**
 * The anneal command line this process was started as (`anneal …`, `npx anneal …`: argv[1] is the
 * CLI's bin/anneal.js, through npm's link), which compute nodes run from the same shared path. A
 * program that uses this package as a library names its command in `executor.command` instead.
 */
function annealBinPath(): string {
  const script = process.argv[1] ? realpathSync(process.argv[1]) : '';
  if (basename(script) !== 'anneal.js') {
    throw new Error(
      `the Slurm executor runs "anneal" on the compute nodes, and this process (${script || process.argv0}) is not the anneal CLI: set executor.command (e.g. "node /shared/anneal/packages/cli/bin/anneal.js")`,
    );
  }
  return script;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
