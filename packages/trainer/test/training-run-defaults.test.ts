import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLrSchedule } from '../src/lr-schedule.js';
import { parseTrainingConfig } from '../src/training-run-config.js';
import { defaultLearningRate, defaultWarmupSteps } from '../src/training-run-defaults.js';
import { planStages } from '../src/training-run-plan.js';

test('default learning rate: 3e-4 at d_model 1024, scaled by 1024 / d_model, at most 3e-3', () => {
  const close = (a: number, b: number) => Math.abs(a - b) < 1e-15;
  assert.ok(close(defaultLearningRate(1024), 3e-4));
  assert.ok(close(defaultLearningRate(512), 6e-4));
  assert.ok(close(defaultLearningRate(768), 4e-4));
  assert.ok(close(defaultLearningRate(2048), 1.5e-4));
  assert.ok(close(defaultLearningRate(128), 2.4e-3));
  assert.equal(defaultLearningRate(64), 3e-3, 'capped for tiny models');
  assert.equal(defaultLearningRate(8), 3e-3);
});

test('default warmup: 2 % of the run, at least 10 steps, at most a tenth of a short run', () => {
  assert.deepEqual([1, 5, 50, 100, 300, 1000, 100_000].map(defaultWarmupSteps), [1, 1, 5, 10, 10, 20, 2000]);
});

test('a minimal config (no optimizer, batch_size, stage name or lr_phase) gets AdamW defaults and one cosine over the run', async () => {
  const config = parseTrainingConfig({
    run_dir: '/tmp/x',
    data: { shards: '/tmp/s' },
    model: { d_model: 128, n_layers: 2, n_heads: 2 },
    stages: [{ steps: 300, seq_len: 64, mixture: { unknown: 1 } }],
  });
  assert.deepEqual(config.optimizer, {
    lr: 2.4e-3,
    min_lr: 2.4e-3 / 10,
    weight_decay: 0.1,
    beta1: 0.9,
    beta2: 0.95,
    eps: 1e-8,
    no_decay: 'norms-and-embeddings',
    grad_clip: 1,
  });
  assert.equal(config.batch_size, 8);
  assert.equal(config.stages[0]!.name, 'stage1');
  assert.equal(config.stages[0]!.lr_phase, 'cosine');
  const [stage] = await planStages(config);
  assert.deepEqual(stage!.schedule, { kind: 'cosine', maxLr: 2.4e-3, minLr: 2.4e-3 / 10, warmupSteps: 10, totalSteps: 300 });
  const lr = createLrSchedule(stage!.schedule);
  assert.ok(lr(0) < lr(5) && lr(5) < lr(9) && lr(9) < 2.4e-3, 'warmup rises');
  assert.ok(Math.abs(lr(10) - 2.4e-3) < 1e-12, 'peak after warmup');
  assert.ok(lr(100) > lr(200) && lr(200) > lr(299) && lr(299) > 2.4e-3 / 10, 'cosine decay');
  assert.equal(lr(300), 2.4e-3 / 10, 'ends at min_lr');
});

test('given optimizer values win over the defaults; min_lr defaults to a tenth of the given lr', () => {
  const base = { run_dir: '/tmp/x', data: { shards: '/tmp/s' }, model: { d_model: 64, n_layers: 1, n_heads: 1 }, stages: [{ steps: 3, seq_len: 8 }] };
  const given = parseTrainingConfig({ ...base, optimizer: { lr: 0.01, warmup_steps: 0, beta2: 0.99 } });
  assert.equal(given.optimizer.lr, 0.01);
  assert.equal(given.optimizer.min_lr, 0.001);
  assert.equal(given.optimizer.warmup_steps, 0);
  assert.equal(given.optimizer.beta2, 0.99);
  assert.throws(() => parseTrainingConfig({ ...base, optimizer: { min_lr: 0.5 } }), /optimizer\.min_lr: must not exceed optimizer\.lr/);
  assert.throws(
    () => parseTrainingConfig({ ...base, stages: [{ steps: 3, seq_len: 8, mixture: { web: 1 }, manifest: 'm.json' }] }),
    /stages\.0: give at most one of mixture .* or manifest/,
  );
});
