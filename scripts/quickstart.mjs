#!/usr/bin/env node
// `npm start`: the main job on the bundled sample, one anneal command after another, each printed
// before it runs so a user can copy it. Grows with the toolkit: curate → stats → tokenize → train.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const anneal = fileURLToPath(new URL('../packages/cli/bin/anneal.js', import.meta.url));

const STEPS = [
  [
    'train the domain classifier (fastText) on the sample, and on ../shared/datasets/real when present',
    ['classify', 'train', '--config', 'pipelines/domain-classifier.yaml'],
  ],
  [
    'train the quality classifier (fastText): curated text vs spam and boilerplate pages',
    ['classify', 'train', '--config', 'pipelines/quality-classifier.yaml'],
  ],
  ['curate: filters, classifiers, quality ensemble, exact and MinHash dedup', ['run', 'pipelines/quickstart.yaml', ...process.argv.slice(2)]],
  [
    'domain statistics of the curated shards: terminal table, JSON and the HTML report',
    ['stats', 'out/quickstart', '--json', 'out/quickstart-stats.json', '--html', 'out/quickstart-report.html'],
  ],
  ['balance domains and draw frequency-aware repeat counts for the three xGen-style stages', ['mix', 'pipelines/mixture-xgen.yaml']],
  [
    'train a byte-level BPE tokenizer (vocab 4,096: the sample is small) on a domain-balanced sample of the curated shards',
    ['tokenizer', 'train', '--config', 'pipelines/tokenizer.yaml', '--set', 'input.paths=[out/quickstart/*.jsonl]', '--set', 'vocab_size=4096'],
  ],
  [
    'encode the curated shards into Arrow token shards',
    ['tokenize', '--tokenizer', 'out/tokenizer/tokenizer.json', '--input', 'out/quickstart', '--out', 'out/tokens'],
  ],
  [
    'pre-train broad → anneal (WSD decay) → long_context (seq_len ×4, RoPE base raised) on the stage manifests; ' +
      'a short run: leave out the --set steps to train on the whole mixture; --resume continues (or skips) a run already there',
    // 175 steps × 3,072 tokens = 538 k tokens (5.1× what the quickstart trained on wasm); a 2-layer
    // model and one 12-row micro-batch per step keep it near a minute on the native backend
    [
      'train',
      'pipelines/pretrain-xgen.yaml',
      '--resume',
      '--set',
      'model.n_layers=2',
      '--set',
      'stages.0.steps=110',
      '--set',
      'stages.1.steps=45',
      '--set',
      'stages.2.steps=20',
      '--set',
      'batch_size=12',
      '--set',
      'gradient_accumulation=1',
      '--set',
      'stages.2.batch_size=3',
      '--set',
      'stages.2.gradient_accumulation=1',
      '--set',
      'eval_every=90',
      '--set',
      'checkpoint_every=90',
    ],
  ],
  [
    'sample from the trained model',
    ['sample', '--checkpoint', 'out/pretrain-xgen', '--prompt', 'The history of the', '--max-tokens', '60', '--seed', '1'],
  ],
];

/**
 * How English the sample is, measured rather than eyeballed: the share of its words (letters only,
 * lower-cased) that occur as words in the curated training text.
 */
function wordsKnownToTraining(sample) {
  const known = new Set();
  const dir = join(root, 'out', 'quickstart');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (line)
        for (const w of JSON.parse(line)
          .text.toLowerCase()
          .match(/[a-z]+/g) ?? [])
          known.add(w);
    }
  }
  const words = sample.toLowerCase().match(/[a-z]+/g) ?? [];
  return { words: words.length, known: words.filter((w) => known.has(w)).length };
}

const started = Date.now();
for (const [what, args] of STEPS) {
  process.stdout.write(`\n── ${what}\n$ anneal ${args.join(' ')}\n`);
  const sampling = args[0] === 'sample';
  const r = spawnSync(process.execPath, [anneal, ...args], {
    cwd: root,
    stdio: ['inherit', sampling ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
  });
  if (sampling && r.stdout) {
    process.stdout.write(r.stdout);
    const { words, known } = wordsKnownToTraining(r.stdout);
    process.stdout.write(
      `(${known} of the sample's ${words} words, ${((100 * known) / Math.max(1, words)).toFixed(0)} %, are words of the training text)\n`,
    );
  }
  if (r.status !== 0) {
    process.stderr.write(`quickstart: "anneal ${args.join(' ')}" failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}
process.stdout.write(`\nquickstart: done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
