import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * The Slurm client commands the executor uses (sbatch, squeue, scontrol, scancel), run as child
 * processes with their output parsed. They find the cluster as a user's shell would (SLURM_CONF,
 * /etc/slurm), so nothing here names a cluster.
 */
const run = promisify(execFile);

async function slurm(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${command} is not installed here (the Slurm executor needs the Slurm client commands on this machine)`);
    throw new Error(`${command} ${args.join(' ')} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

/** Submits a batch script; returns the job id (`sbatch --parsable` prints "<id>" or "<id>;<cluster>"). */
export async function sbatch(args: string[], script: string): Promise<string> {
  const out = (await slurm('sbatch', ['--parsable', ...args, script])).trim();
  const id = out.split(';')[0]!;
  if (!/^\d+$/.test(id)) throw new Error(`sbatch printed "${out}", not a job id`);
  return id;
}

/** One array task as the queue sees it. */
export interface QueuedTask {
  job: string;
  task: number;
  state: string;
  reason: string;
}

/** The array tasks of these jobs still in the queue (pending, running, completing), one per task (`-r`). */
export async function squeue(jobs: string[]): Promise<QueuedTask[]> {
  if (jobs.length === 0) return [];
  // %F the array's job id, %K the task index, %T the state, %r the reason it waits
  const out = await slurm('squeue', ['-h', '-r', '-j', jobs.join(','), '-o', '%F|%K|%T|%r']).catch((err: Error) => {
    // squeue errors on job ids that have left the controller's memory: nothing of them is queued
    if (/Invalid job id/i.test(err.message)) return '';
    throw err;
  });
  const tasks: QueuedTask[] = [];
  for (const line of out.split('\n')) {
    const [job, task, state, reason] = line.trim().split('|');
    if (!job || task === undefined || !/^\d+$/.test(task)) continue;
    tasks.push({ job, task: Number(task), state: state ?? '', reason: reason ?? '' });
  }
  return tasks;
}

/** How an array task ended, as the controller remembers it (for MinJobAge after the end, 300 s by default). */
export interface FinishedTask {
  task: number;
  state: string;
  exitCode: string;
}

/** The array tasks of a job that scontrol still knows, with their states; [] once the job is purged. */
export async function arrayTaskStates(job: string): Promise<FinishedTask[]> {
  const out = await slurm('scontrol', ['-o', 'show', 'job', job]).catch((err: Error) => {
    if (/Invalid job id/i.test(err.message)) return '';
    throw err;
  });
  const tasks: FinishedTask[] = [];
  for (const line of out.split('\n')) {
    const task = /\bArrayTaskId=(\d+)\b(?![-,])/.exec(line)?.[1];
    const state = /\bJobState=(\S+)/.exec(line)?.[1];
    if (task === undefined || !state) continue; // a range of pending tasks ("ArrayTaskId=2-5%1") has no single state yet
    tasks.push({ task: Number(task), state, exitCode: /\bExitCode=(\S+)/.exec(line)?.[1] ?? '' });
  }
  return tasks;
}

/** Jobs of this user whose name is one of `names`, still queued or running. */
export async function queuedJobsNamed(names: string[]): Promise<{ job: string; name: string }[]> {
  const out = await slurm('squeue', ['-h', '--me', '-n', names.join(','), '-o', '%F|%j']);
  const jobs = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [job, name] = line.trim().split('|');
    if (job && name) jobs.set(job, name);
  }
  return [...jobs].map(([job, name]) => ({ job, name }));
}

export async function scancel(jobs: string[]): Promise<void> {
  if (jobs.length > 0) await slurm('scancel', jobs);
}
