// Wall time and peak memory of a command and every process it starts, for benchmarks that compare
// a single Node process (worker threads) with a Python pool of forked worker processes.
//
// Memory is sampled every 50 ms over the process tree (the command and all its descendants, found
// through /proc/<pid>/task/<tid>/children) and two sums are kept:
//   - RSS: the sum of each process's VmRSS. Pages that forked processes share (the interpreter,
//     numpy, spaCy's model, copy-on-write heap) are counted once per process, so for a pool of
//     forked workers this overstates the memory the run takes.
//   - PSS: the sum of each process's Pss (/proc/<pid>/smaps_rollup), where a page shared by n
//     processes counts 1/n in each: the sum is the memory the tree actually holds. For one process
//     with threads, PSS ≈ RSS.
// /usr/bin/time -v is no substitute: its "maximum resident set size" is the largest single
// process's peak, not the tree's.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const SAMPLE_MS = 50;

/** Runs `cmd argv` in `cwd`; resolves with exit code, output, wall seconds and the peak sums. */
export function measureProcessTree(cmd, argv, cwd) {
  return new Promise((resolve) => {
    const start = Date.now();
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-100_000)));
    let peakTree = 0;
    let peakPss = 0;
    let peakProcesses = 0;
    let samples = 0;
    const timer = setInterval(() => {
      const m = treeMemory(child.pid);
      samples++;
      if (m.rss > peakTree) peakTree = m.rss;
      if (m.pss > peakPss) peakPss = m.pss;
      if (m.processes > peakProcesses) peakProcesses = m.processes;
    }, SAMPLE_MS);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr, seconds: Number(process.hrtime.bigint() - t0) / 1e9, peakTree, peakPss, peakProcesses, samples, start });
    });
  });
}

/** Summed VmRSS and Pss (bytes) of `pid` and its descendants, and how many processes that was. */
export function treeMemory(pid) {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      pss += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
      processes++;
      for (const tid of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim();
        if (kids) stack.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // the process ended between the listing and the read
    }
  }
  return { rss, pss, processes };
}
