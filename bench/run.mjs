#!/usr/bin/env node
// Runs the benchmarks: `node bench/run.mjs [name ...] [--mb N] [--keep]` (or `npm run bench -- io --mb 50`).
// Each benchmark is bench/<name>.mjs exporting `async function run({ scaleMB, args })`.
import { readdirSync } from 'node:fs';
import { BENCH_DIR, machine } from './lib/common.mjs';

const available = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .map((f) => f.slice(0, -'.mjs'.length))
  .sort();

const argv = process.argv.slice(2);
const BOOLEAN_FLAGS = new Set(['keep']);
const names = [];
const args = {};
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--help' || a === '-h') {
    console.log(`usage: node bench/run.mjs [name ...] [--mb N] [--rows N] [--reps N] [--keep]\nbenchmarks: ${available.join(', ')}`);
    process.exit(0);
  } else if (a.startsWith('--')) {
    const [key, inline] = a.slice(2).split('=', 2);
    args[key] = inline ?? (BOOLEAN_FLAGS.has(key) ? 'true' : argv[++i]);
  } else names.push(a);
}
const scaleMB = Number(args.mb ?? process.env.BENCH_MB ?? 200);
if (!(scaleMB > 0)) {
  console.error(`--mb must be a positive number, got ${args.mb ?? process.env.BENCH_MB}`);
  process.exit(2);
}
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}

console.log(machine());
let failed = 0;
for (const name of names.length ? names : available) {
  console.log(`\n## ${name}\n`);
  const t0 = Date.now();
  try {
    const mod = await import(new URL(`./${name}.mjs`, import.meta.url));
    await mod.run({ scaleMB, args });
  } catch (err) {
    failed++;
    console.error(`benchmark ${name} failed: ${err?.stack ?? err}`);
  }
  console.log(`\n(${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
process.exitCode = failed ? 1 : 0;
