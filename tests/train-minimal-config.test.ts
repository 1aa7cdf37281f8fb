import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SeededRng } from '@anneal/core';
import { parseTrainingConfig } from '@anneal/trainer';
import { runCli, tempDir } from './support/harness.js';
import { readMetricsLines } from './support/tiny-pretrain.js';

// A new user's first run, through the real CLI: three JSONL files of their own with no `domain`
// field → anneal stats → anneal mix → tokenizer train → tokenize → anneal train with the smallest
// training YAML (run_dir, tokenizer, data.shards, model, one stage with steps and seq_len).
// Everything else must come from defaults, and "no domain" must be called `unknown` by the stats,
// the mixture manifest, the token shards and the trainer.

const SUBJECTS = ['the river', 'a small dog', 'my neighbour', 'the old train', 'every student', 'the baker', 'a quiet city', 'the north wind'];
const VERBS = ['walks past', 'looks at', 'waits for', 'talks about', 'remembers', 'carries', 'follows', 'paints'];
const OBJECTS = [
  'the bridge',
  'a red house',
  'the morning market',
  'an open window',
  'the long road',
  'a bowl of soup',
  'the summer garden',
  'a blue boat',
];
const ENDINGS = ['before dinner.', 'in the rain.', 'every Sunday.', 'without a word.', 'after school.', 'near the harbour.'];

/** A few short English sentences, drawn from a seeded stream so every run writes the same files. */
function documentText(rng: SeededRng): string {
  const sentences: string[] = [];
  const count = rng.int(3, 6);
  for (let i = 0; i < count; i++) {
    const s = `${rng.pick(SUBJECTS)} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)} ${rng.pick(ENDINGS)}`;
    sentences.push(s[0]!.toUpperCase() + s.slice(1));
  }
  return sentences.join(' ');
}

interface Prepared {
  dir: string;
  tokenizer: string;
  shards: string;
  /** token shards of the documents an `anneal mix` stage manifest selected */
  mixedShards: string;
  statsDomains: string[];
  manifestDomains: string[];
}

let prepared: Prepared;

before(() => {
  return (async () => {
    const dir = await tempDir('minimal-train');
    const rng = new SeededRng(7, 'minimal-config-docs');
    for (let f = 0; f < 3; f++) {
      const lines = Array.from({ length: 150 }, (_, i) => JSON.stringify({ id: `doc-${f}-${i}`, text: documentText(rng) }));
      writeFileSync(join(dir, `part-${f}.jsonl`), lines.join('\n') + '\n');
    }
    const inputs = [0, 1, 2].map((f) => join(dir, `part-${f}.jsonl`));

    const statsJson = join(dir, 'stats.json');
    const stats = runCli(['stats', ...inputs, '--json', statsJson]);
    assert.equal(stats.code, 0, stats.stderr);
    const statsDomains = (JSON.parse(readFileSync(statsJson, 'utf8')) as { domains: { domain: string }[] }).domains.map((d) => d.domain);

    const mixtureYaml = join(dir, 'mixture.yaml');
    writeFileSync(
      mixtureYaml,
      `name: first\ninputs: ${JSON.stringify(inputs)}\noutput: ${join(dir, 'mix')}\nstages:\n  - { name: all, tokens: 10k, strategy: natural }\n`,
    );
    const mix = runCli(['mix', mixtureYaml, '--no-progress']);
    assert.equal(mix.code, 0, mix.stderr);
    const manifest = join(dir, 'mix', 'all.manifest.json');
    const manifestDomains = (JSON.parse(readFileSync(manifest, 'utf8')) as { domains: { domain: string }[] }).domains.map((d) => d.domain);

    const tokenizerYaml = join(dir, 'tokenizer.yaml');
    writeFileSync(tokenizerYaml, `input:\n  paths: ${JSON.stringify(inputs)}\noutput: ${join(dir, 'tokenizer')}\nvocab_size: 320\nworkers: 1\n`);
    const t = runCli(['tokenizer', 'train', '--config', tokenizerYaml, '--quiet']);
    assert.equal(t.code, 0, t.stderr);
    const tokenizer = join(dir, 'tokenizer', 'tokenizer.json');

    const shards = join(dir, 'tokens');
    const k = runCli(['tokenize', '--tokenizer', tokenizer, '--input', ...inputs, '--out', shards, '--workers', '0']);
    assert.equal(k.code, 0, k.stderr);
    const mixedShards = join(dir, 'tokens-mixed');
    const m = runCli(['tokenize', '--tokenizer', tokenizer, '--input', manifest, '--out', mixedShards, '--workers', '0']);
    assert.equal(m.code, 0, m.stderr);
    prepared = { dir, tokenizer, shards, mixedShards, statsDomains, manifestDomains };
  })();
});

/** The smallest training YAML a new user writes, plus an `extra` line in the stage. */
function minimalYaml(runDir: string, stageExtra = '', shards = prepared.shards): string {
  return [
    `run_dir: ${runDir}`,
    `tokenizer: ${prepared.tokenizer}`,
    'data:',
    `  shards: ${shards}`,
    'model:',
    '  d_model: 64',
    '  n_layers: 2',
    '  n_heads: 2',
    'stages:',
    '  - steps: 5',
    '    seq_len: 64',
    ...(stageExtra ? [`    ${stageExtra}`] : []),
    '',
  ].join('\n');
}

function train(name: string, yaml: string) {
  const path = join(prepared.dir, `${name}.yaml`);
  writeFileSync(path, yaml);
  return runCli(['train', path, '--backend', 'wasm', '--no-progress']);
}

test('documents without a domain are "unknown" in anneal stats, the mixture manifest and the token shards', () => {
  assert.deepEqual(prepared.statsDomains, ['unknown']);
  assert.deepEqual(prepared.manifestDomains, ['unknown']);
  for (const shards of [prepared.shards, prepared.mixedShards]) {
    const index = JSON.parse(readFileSync(join(shards, 'index.json'), 'utf8')) as { totals: { domains: Record<string, unknown> } };
    assert.deepEqual(Object.keys(index.totals.domains), ['unknown'], shards);
  }
});

test('the minimal training YAML trains 5 steps with finite loss, and config.yaml shows the optimizer defaults it resolved', () => {
  const runDir = join(prepared.dir, 'run-minimal');
  const r = train('minimal', minimalYaml(runDir));
  assert.equal(r.code, 0, r.stderr);
  const steps = readMetricsLines(runDir).filter((l) => l.type === 'train');
  assert.deepEqual(
    steps.map((s) => s.step),
    [1, 2, 3, 4, 5],
  );
  assert.ok(
    steps.every((s) => Number.isFinite(s.loss)),
    JSON.stringify(steps),
  );

  const resolved = parseYaml(readFileSync(join(runDir, 'config.yaml'), 'utf8')) as {
    optimizer: Record<string, unknown>;
    batch_size: number;
    stages: { name: string; lr_phase: string }[];
  };
  // config.yaml holds every optimizer default the parser resolves (their values are pinned by
  // packages/trainer/test/training-run-defaults.test.ts), plus the warmup the run derived: 1 step of 5
  assert.deepEqual(resolved.optimizer, { ...parseTrainingConfig(parseYaml(minimalYaml(runDir))).optimizer, warmup_steps: 1 });
  // d_model 64: 3e-4 × 1024 / 64 = 4.8e-3, capped at 3e-3; min_lr a tenth
  assert.deepEqual([resolved.optimizer.lr, resolved.optimizer.min_lr], [3e-3, 3e-3 / 10]);
  assert.equal(resolved.batch_size, 8);
  assert.deepEqual(
    resolved.stages.map((s) => [s.name, s.lr_phase]),
    [['stage1', 'cosine']],
  );
  // warmup, then cosine decay toward min_lr over the stage
  const lrs = steps.map((s) => s.lr!);
  assert.ok(lrs[0]! < lrs[1]! && lrs[1]! === 3e-3 && lrs[4]! < lrs[2]! && lrs[4]! > 3e-4, `lr per step: ${lrs.join(', ')}`);
});

test('mixture: { unknown: 1 } trains on shards (tokenized from an anneal mix manifest) whose documents have no domain', () => {
  const runDir = join(prepared.dir, 'run-unknown');
  const r = train('unknown', minimalYaml(runDir, 'mixture: { unknown: 1 }', prepared.mixedShards));
  assert.equal(r.code, 0, r.stderr);
  const steps = readMetricsLines(runDir).filter((l) => l.type === 'train');
  assert.equal(steps.length, 5);
  assert.ok(steps.every((s) => Number.isFinite(s.loss)));
});

test('a broken training YAML exits 2 with "invalid training config" and the key paths', () => {
  const r = train('broken', minimalYaml(join(prepared.dir, 'run-broken'), 'lr_phase: sideways').replace('  d_model: 64', '  d_model: -64'));
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^anneal: invalid training config \(2 problems\):/);
  assert.match(r.stderr, /broken\.yaml: model\.d_model: /);
  assert.match(r.stderr, /broken\.yaml: stages\.0\.lr_phase: /);
});
