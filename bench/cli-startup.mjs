// `node bench/run.mjs cli-startup [--runs 11]`
//
// Wall seconds from spawning to exit of CLI commands that do little work, best and median of
// `--runs` fresh processes each, with `node -e 0` as the floor: what a verb pays to start (Node,
// the bundle's modules it loads, and for `validate` parsing, checking and printing one config).
// Run it on two builds of the same tree, in alternation, to compare them (docs/development.md).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, table } from './lib/common.mjs';

const ROOT = join(BENCH_DIR, '..');
const ANNEAL = join(ROOT, 'packages', 'cli', 'bin', 'anneal.js');

const COMMANDS = [
  ['node -e 0', ['-e', '0']],
  ['anneal --help', [ANNEAL, '--help']],
  ['anneal validate pipelines/quickstart.yaml', [ANNEAL, 'validate', 'pipelines/quickstart.yaml']],
  ['anneal validate pipelines/dedup.yaml', [ANNEAL, 'validate', 'pipelines/dedup.yaml']],
  ['anneal steps', [ANNEAL, 'steps']],
  ['anneal tokenize --help', [ANNEAL, 'tokenize', '--help']],
  ['anneal run --help', [ANNEAL, 'run', '--help']],
  ['anneal stats --help', [ANNEAL, 'stats', '--help']],
  ['anneal train --help', [ANNEAL, 'train', '--help']],
];

/** Whether bin/anneal.js will run the bundle (the check it makes), not dist/src. */
function bundleIsCurrent() {
  const bundle = join(ROOT, 'packages', 'cli', 'dist', 'bundle');
  try {
    const builtFrom = JSON.parse(readFileSync(join(bundle, 'built-from.json'), 'utf8'));
    return builtFrom.every(({ file, mtimeMs }) => statSync(join(bundle, file)).mtimeMs === mtimeMs);
  } catch {
    return false;
  }
}

export async function run({ args }) {
  const runs = Number(args.runs ?? 11);
  if (!bundleIsCurrent()) console.log('the bundle is not current (`npx tsc -b && node scripts/bundle-cli.mjs`): these are dist/src figures\n');
  const rows = [];
  for (const [label, argv] of COMMANDS) {
    const seconds = [];
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      const child = spawnSync(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
      if (child.status !== 0) throw new Error(`${label}: exit ${child.status}: ${child.stderr}`);
    }
    seconds.sort((a, b) => a - b);
    rows.push([label, seconds[0].toFixed(3), seconds[Math.floor(runs / 2)].toFixed(3)]);
  }
  console.log(table(['command', 'best (s)', 'median (s)'], rows, [false, true, true]));
  console.log(`\n${runs} processes per command, one after another; the bundle runs when it is current (bin/anneal.js).`);
}
