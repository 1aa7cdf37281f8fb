import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './support/harness.js';
import { prepareTinyPretrainData, tinyTrainArgs } from './support/tiny-pretrain.js';

test('anneal sample continues a prompt (seeded, greedy = top-k 1) and anneal export hf writes the HF files', async () => {
  const data = await prepareTinyPretrainData();
  const run = join(data.dir, 'run');
  const train = runCli(tinyTrainArgs(data, run, 'wasm'));
  assert.equal(train.code, 0, train.stderr);

  const sample = (...extra: string[]) =>
    runCli(['sample', '--checkpoint', run, '--prompt', 'The history of', '--max-tokens', '24', '--backend', 'wasm', ...extra]);
  const a = sample('--seed', '5');
  assert.equal(a.code, 0, a.stderr);
  assert.ok(a.stdout.startsWith('The history of') && a.stdout.length > 'The history of\n'.length, a.stdout);
  assert.equal(sample('--seed', '5').stdout, a.stdout, 'same seed, same text');
  const greedy = sample('--temperature', '0');
  assert.equal(sample('--temperature', '1.3', '--top-k', '1', '--seed', '9').stdout, greedy.stdout, 'top-k 1 is greedy');

  const bad = runCli(['sample', '--checkpoint', run, '--prompt', 'x', '--top-k', '-2']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /--top-k must be an integer >= 0/);

  const out = join(data.dir, 'hf');
  const exported = runCli(['export', 'hf', '--checkpoint', run, '--out', out]);
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, /step-00000016 \(step 16\)/);
  for (const f of ['config.json', 'generation_config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'])
    assert.ok(existsSync(join(out, f)), f);

  const missing = runCli(['export', 'hf', '--checkpoint', data.dir, '--out', join(data.dir, 'nope')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^anneal: .*not a checkpoint/);
  const help = runCli(['export', '--help']);
  assert.match(help.stdout, /megatron/);
  assert.match(help.stdout, /hf \[options\]/);
});
