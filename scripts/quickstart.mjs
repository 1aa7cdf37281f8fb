#!/usr/bin/env node
// `npm start`: the main job on the bundled sample, one anneal command after another, each printed
// before it runs so a user can copy it. Grows with the toolkit: curate → stats → tokenize → train.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const anneal = fileURLToPath(new URL('../packages/cli/bin/anneal.js', import.meta.url));

const STEPS = [
  ['train the domain classifier (fastText) on the sample, and on ../shared/datasets/real when present',
    ['classify', 'train', '--config', 'pipelines/domain-classifier.yaml']],
  ['train the quality classifier (fastText): curated text vs spam and boilerplate pages',
    ['classify', 'train', '--config', 'pipelines/quality-classifier.yaml']],
  ['curate: filters, classifiers, quality ensemble, exact and MinHash dedup',
    ['run', 'pipelines/quickstart.yaml', ...process.argv.slice(2)]],
  ['domain statistics of the curated shards: terminal table, JSON and the HTML report',
    ['stats', 'out/quickstart', '--json', 'out/quickstart-stats.json', '--html', 'out/quickstart-report.html']],
  ['balance domains and draw frequency-aware repeat counts for the three xGen-style stages',
    ['mix', 'pipelines/mixture-xgen.yaml']],
  ['train a byte-level BPE tokenizer (vocab 8,192) on a domain-balanced sample of the curated shards',
    ['tokenizer', 'train', '--config', 'pipelines/tokenizer.yaml', '--set', 'input.paths=[out/quickstart/*.jsonl]']],
  ['encode the curated shards into Arrow token shards',
    ['tokenize', '--tokenizer', 'out/tokenizer/tokenizer.json', '--input', 'out/quickstart', '--out', 'out/tokens']],
  ['pre-train broad → anneal (WSD decay) → long_context (seq_len ×4, RoPE base raised) on the stage manifests; ' +
    'a short run: leave out the --set steps to train on the whole mixture; --resume continues (or skips) a run already there',
    ['train', 'pipelines/pretrain-xgen.yaml', '--resume', '--set', 'stages.0.steps=20', '--set', 'stages.1.steps=10', '--set', 'stages.2.steps=4',
      '--set', 'eval_every=10', '--set', 'checkpoint_every=10']],
  ['sample from the trained model',
    ['sample', '--checkpoint', 'out/pretrain-xgen', '--prompt', 'The ', '--max-tokens', '40', '--seed', '1']],
];

for (const [what, args] of STEPS) {
  process.stdout.write(`\n── ${what}\n$ anneal ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [anneal, ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`quickstart: "anneal ${args.join(' ')}" failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}
