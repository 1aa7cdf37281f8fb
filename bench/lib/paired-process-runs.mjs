// The whole `anneal tokenize` process against tiktoken, run in alternating pairs. The VM's speed
// drifts by up to 1.7× within an hour (other tenants share its memory bandwidth), so two rows
// timed minutes apart can disagree on which is faster; a pair runs both within seconds, and the
// spread of the pairs' ratios says how much the figure moves.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fmt, table, timed } from './common.mjs';

/**
 * `pairs` times: `anneal tokenize --workers 2` as a child process (wall time, node start-up
 * included), then `tiktoken()` (encode only, texts in memory; returns seconds). Prints one row per
 * pair and the median ratio.
 */
export async function pairedWholeProcessRuns({ pairs, bytes, annealArgs, tiktoken }) {
  const rows = [];
  for (let p = 0; p < pairs; p++) {
    const anneal = await timed(async () => spawnSync(process.execPath, annealArgs, { encoding: 'utf8' }));
    if (anneal.value.status !== 0) throw new Error(`anneal tokenize failed: ${anneal.value.stderr}`);
    const tk = tiktoken();
    rows.push({ anneal: anneal.seconds, tiktoken: tk, ratio: tk / anneal.seconds });
  }
  const ratios = rows.map((r) => r.ratio).sort((a, b) => a - b);
  const median = ratios.length % 2 ? ratios[(ratios.length - 1) >> 1] : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
  console.log(
    `\n## Whole \`anneal tokenize\` process (2 workers) and tiktoken (2 threads, encode only), ${pairs} alternating pairs (load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')})\n`,
  );
  console.log(
    table(
      ['pair', 'anneal process (s)', 'anneal MB/s', 'tiktoken (s)', 'tiktoken MB/s', 'anneal / tiktoken'],
      rows.map((r, i) => [
        String(i + 1),
        fmt(r.anneal, 2),
        fmt(bytes / 1e6 / r.anneal, 2),
        fmt(r.tiktoken, 2),
        fmt(bytes / 1e6 / r.tiktoken, 2),
        fmt(r.ratio, 2),
      ]),
      [true, true, true, true, true, true],
    ),
  );
  console.log(`\nmedian anneal / tiktoken: ${fmt(median, 2)} (range ${fmt(ratios[0], 2)}–${fmt(ratios[ratios.length - 1], 2)})`);
}
