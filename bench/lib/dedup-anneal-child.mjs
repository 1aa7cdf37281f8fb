// Runs one anneal pipeline in a process of its own, so its peak RSS is the run's alone:
// `node bench/lib/dedup-anneal-child.mjs <pipeline.yaml>`. Worker threads share this process, so
// process RSS covers them. Prints one JSON line: wall seconds, sampled peak RSS, VmHWM, stats.
import { readFileSync } from 'node:fs';
import { runPipeline } from '@anneal/pipeline';

let peak = process.memoryUsage.rss();
const timer = setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > peak) peak = rss;
}, 50);
const t0 = process.hrtime.bigint();
const outcome = await runPipeline({ configPath: process.argv[2], force: true, progress: false, logErrors: false });
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
clearInterval(timer);
const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
process.stdout.write(JSON.stringify({ seconds, peakRss: Math.max(peak, process.memoryUsage.rss()), vmHWM: hwm, stats: outcome.stats }) + '\n');
