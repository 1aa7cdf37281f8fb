import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@anneal/core';
import { parseTrainingConfig } from '../src/training-run-config.js';
import { runTraining } from '../src/training-run.js';
import { readMetrics } from '../src/training-run-metrics.js';
import { sampleDocuments, writeByteTokenShards } from './support/byte-token-shards.js';
import { skipUnless } from './support/training-backends.js';

async function tinyRun(backend: 'cpu' | 'wasm' | 'tensorflow', workers: number) {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-train-'));
  await writeByteTokenShards(join(dir, 'tokens'), await sampleDocuments(120), 1200);
  const raw = {
    run_dir: join(dir, 'run'),
    seed: 3,
    backend,
    workers,
    data: { shards: join(dir, 'tokens'), held_out_fraction: 0.3, eval_windows: 2 },
    model: { d_model: 16, n_layers: 1, n_heads: 2, n_kv_heads: 1, ffn_hidden: 32 },
    optimizer: { lr: 0.01, min_lr: 0.001, warmup_steps: 2 },
    batch_size: 2,
    gradient_accumulation: 2,
    eval_every: 4,
    checkpoint_every: 3,
    keep_checkpoints: 10,
    stages: [
      { name: 'broad', steps: 5, seq_len: 16, mixture: { web: 0.5, code: 0.25, math: 0.25 }, lr_phase: 'warmup_stable' },
      { name: 'anneal', steps: 3, seq_len: 16, mixture: { encyclopedic: 0.5, math: 0.5 }, lr_phase: 'decay' },
      {
        name: 'long_context',
        steps: 2,
        seq_len: 32,
        batch_size: 1,
        rope_theta: 40000,
        long_documents: { min_tokens: 500, repeat: 2 },
        mixture: { web: 1, encyclopedic: 1 },
        lr_phase: 'constant',
      },
    ],
  };
  return { dir, config: parseTrainingConfig(raw) };
}

for (const [backend, workers] of [
  ['cpu', 1],
  ['wasm', 1],
  ['wasm', 2],
  ['tensorflow', 1],
] as const) {
  test(`multi-stage run (${backend}, ${workers} worker${workers > 1 ? 's' : ''}): stages, metrics, evaluations, long-context perplexity; resume from a mid-run checkpoint continues the loss curve bitwise`, {
    skip: skipUnless(backend),
  }, async () => {
    const { dir, config } = await tinyRun(backend, workers);
    const quiet = () => {};
    const tensorsBefore = tf.memory().numTensors;
    const summary = await runTraining({ config, progress: false, log: quiet });
    if (workers === 1) assert.equal(tf.memory().numTensors, tensorsBefore, 'no tensor outlives the run (training, evaluation, checkpoints)');
    assert.equal(summary.steps, 10);
    const metrics = readMetrics(join(config.run_dir, 'metrics.jsonl'));
    const trainLines = metrics.filter((m) => m.type === 'train');
    assert.deepEqual(
      trainLines.map((m) => m.step),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    assert.deepEqual(
      trainLines.map((m) => m.stage),
      ['broad', 'broad', 'broad', 'broad', 'broad', 'anneal', 'anneal', 'anneal', 'long_context', 'long_context'],
    );
    const lrs = trainLines.map((m) => m.lr);
    assert.ok(lrs[0]! < lrs[2]!, 'warmup');
    assert.ok(lrs[5]! > lrs[6]! && lrs[6]! > lrs[7]!, 'anneal decays');
    assert.equal(lrs[8], 0.001, 'constant phase at min_lr');
    const evals = metrics.filter((m) => m.type === 'eval');
    assert.deepEqual(
      evals.map((m) => m.step),
      [4, 8, 10],
    );
    for (const e of evals) assert.ok(Object.keys(e.loss).length >= 3 && Object.values(e.loss).every(Number.isFinite));
    const long = metrics.filter((m) => m.type === 'long_context');
    assert.deepEqual(
      long.map((m) => [m.when, m.step, m.seq_len, m.rope_theta]),
      [
        ['before', 8, 32, 10000],
        ['after', 10, 32, 40000],
      ],
    );
    assert.equal(summary.longContext.length, 1);
    assert.deepEqual(await readdir(join(config.run_dir, 'checkpoints')), [
      'step-00000003',
      'step-00000005',
      'step-00000006',
      'step-00000008',
      'step-00000009',
      'step-00000010',
    ]);

    // resume from step 5 (end of broad), 6 (inside anneal) and 9 (inside long_context): same curve, bit for bit
    for (const from of [5, 6, 9]) {
      const copy = join(dir, `resumed-${from}`);
      await cp(config.run_dir, copy, { recursive: true });
      for (const name of await readdir(join(copy, 'checkpoints')))
        if (Number(name.slice(5)) > from) await rm(join(copy, 'checkpoints', name), { recursive: true });
      const resumed = await runTraining({ config: { ...config, run_dir: copy }, resume: true, progress: false, log: quiet });
      assert.equal(resumed.resumedFrom, from);
      assert.deepEqual(resumed.longContext, summary.longContext);
      const again = readMetrics(join(copy, 'metrics.jsonl'));
      assert.deepEqual(
        again.filter((m) => m.type === 'train').map((m) => [m.step, m.loss, m.lr, m.grad_norm]),
        trainLines.map((m) => [m.step, m.loss, m.lr, m.grad_norm]),
      );
      assert.deepEqual(
        again.filter((m) => m.type !== 'train'),
        metrics.filter((m) => m.type !== 'train'),
      );
    }
    await assert.rejects(runTraining({ config, progress: false, log: quiet }), /already has checkpoints.*--resume/);
    const finished = await runTraining({ config, resume: true, progress: false, log: quiet });
    assert.equal(finished.steps, 10, 'resuming a finished run trains nothing');
    assert.equal(finished.finalLoss, trainLines.at(-1)!.loss);
    assert.equal(readMetrics(join(config.run_dir, 'metrics.jsonl')).length, metrics.length);
  });
}

test('a bad training config lists every problem with its key path', () => {
  try {
    parseTrainingConfig({
      run_dir: 'x',
      data: { shards: 's' },
      model: { d_model: 8, n_layers: 1, n_heads: 'two' },
      optimizer: { lr: -1 },
      batch_size: 2,
      stages: [
        { name: 'a', seq_len: 8, mixture: { web: 1 } },
        { name: 'a', steps: 1, tokens: 5, seq_len: 8 },
      ],
    });
    assert.fail('expected an error');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /^invalid training config \(\d+ problems\):/);
    const text = err.problems.join('\n');
    assert.match(text, /model\.n_heads: /);
    assert.match(text, /optimizer\.lr: /);
    assert.match(text, /stages\.0: give exactly one of tokens or steps/);
    assert.match(text, /stages\.1: give exactly one of tokens or steps/);
  }
});

test('validation_shards: a separate held-out shard directory is evaluated per domain, and must share the tokenizer', async () => {
  const { dir, config } = await tinyRun('wasm', 1);
  const docs = await sampleDocuments(200);
  await writeByteTokenShards(join(dir, 'validation'), docs.slice(150), 600);
  const stages = [{ ...config.stages[0]!, steps: 4 }];
  const run = { ...config, stages, data: { ...config.data, validation_shards: join(dir, 'validation') } };
  await runTraining({ config: run, progress: false, log: () => {} });
  const evals = readMetrics(join(config.run_dir, 'metrics.jsonl')).filter((m) => m.type === 'eval');
  assert.equal(evals.length, 1);
  const expectedDomains = [...new Set(docs.slice(150).map((d) => d.metadata.domain as string))].sort();
  assert.deepEqual(Object.keys(evals[0]!.type === 'eval' ? evals[0]!.loss : {}).sort(), expectedDomains);

  const index = join(dir, 'validation', 'index.json');
  await writeFile(index, (await readFile(index, 'utf8')).replace('"tokenizer_hash": "bytes"', '"tokenizer_hash": "other"'));
  await assert.rejects(
    runTraining({ config: { ...run, run_dir: join(dir, 'run2') }, progress: false, log: () => {} }),
    /was tokenized with another tokenizer/,
  );
});
