import { fork, type ChildProcess } from 'node:child_process';
import { runProxy, type ProxyJob, type ProxyResult } from './proxy-run.js';

type Reply = { index: number; result: ProxyResult } | { index: number; error: string };

/**
 * Trains proxies `workers` at a time, each worker a process of its own that takes the next job when
 * it finishes one (so a slow proxy does not hold the others back). `workers: 0` trains them in this
 * process, one after another. The first failure stops the pool; finished proxies keep their results.
 */
export async function trainProxies(jobs: ProxyJob[], workers: number, onDone: (result: ProxyResult) => void): Promise<void> {
  if (jobs.length === 0) return;
  if (workers === 0) {
    for (const job of jobs) onDone(await runProxy(job));
    return;
  }
  const queue = [...jobs];
  const children: ChildProcess[] = [];
  let failure: Error | undefined;
  const one = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      const next = () => {
        const job = failure ? undefined : queue.shift();
        if (!job) {
          child.send({ exit: true });
          resolve();
          return;
        }
        child.send({ job });
      };
      child.on('message', (reply: Reply) => {
        if ('error' in reply) failure ??= new Error(`proxy ${reply.index}: ${reply.error}`);
        else onDone(reply.result);
        next();
      });
      child.on('exit', (code, signal) => {
        if (code !== 0 && !failure) failure = new Error(`a proxy worker exited with ${signal ?? `code ${code}`}`);
        resolve();
      });
      next();
    });
  const running: Promise<void>[] = [];
  for (let w = 0; w < Math.min(workers, jobs.length); w++) {
    // stdout carries nothing the user needs from a worker; its stderr (TensorFlow's own log) is kept
    const child = fork(new URL('./proxy-worker.js', import.meta.url), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    running.push(one(child));
  }
  try {
    await Promise.all(running);
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
  }
  if (failure) throw failure;
}
