// The training step: schedules, AdamW's update rule, gradient accumulation, flat memory, and
// data parallelism over worker threads agreeing with one thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { SeededRng } from '@anneal/core';
import {
  AdamW,
  DataParallelTrainer,
  assignShards,
  SingleThreadTrainer,
  accumulateGradients,
  createLrSchedule,
  createModel,
  initBackend,
  resolveModelConfig,
  splitRows,
  type TokenBatch,
  type TrainStepConfig,
} from '../src/index.js';
import { TRAINING_BACKENDS, skipUnless } from './support/training-backends.js';

const config = resolveModelConfig({ vocabSize: 29, dModel: 16, nLayers: 2, nHeads: 4, nKvHeads: 2, maxSeqLen: 10 });
const trainStep: TrainStepConfig = { schedule: { kind: 'cosine', maxLr: 3e-3, minLr: 3e-4, warmupSteps: 2, totalSteps: 20 }, gradClip: 1 };

function randomBatch(batchSize: number, seqLen: number, seed: number | string): TokenBatch {
  const rng = new SeededRng(seed);
  return { tokens: new Int32Array(batchSize * (seqLen + 1)).map(() => rng.int(0, config.vocabSize - 1)), batchSize, seqLen };
}

test('cosine and wsd schedules: warmup, plateau, decay, floor', () => {
  const cosine = createLrSchedule({ kind: 'cosine', maxLr: 1, minLr: 0.1, warmupSteps: 10, totalSteps: 110 });
  assert.ok(cosine(9) < 1 && Math.abs(cosine(10) - 1) < 1e-12); // warmup ends at step 10
  assert.ok(cosine(0) > 0 && cosine(0) < cosine(5));
  assert.ok(Math.abs(cosine(60) - 0.55) < 1e-12); // halfway down the cosine
  assert.equal(cosine(110), 0.1);
  assert.equal(cosine(5000), 0.1);
  const wsd = createLrSchedule({ kind: 'wsd', maxLr: 1, minLr: 0, warmupSteps: 10, totalSteps: 100, decaySteps: 20 });
  assert.equal(wsd(10), 1);
  assert.equal(wsd(79), 1);
  assert.ok(Math.abs(wsd(90) - 0.5) < 1e-12);
  assert.equal(wsd(100), 0);
  for (let s = 80; s < 100; s++) assert.ok(wsd(s + 1) < wsd(s));
  assert.throws(
    () => createLrSchedule({ kind: 'wsd', maxLr: 1, minLr: 2, warmupSteps: -1, totalSteps: 0 }),
    /minLr[\s\S]*warmupSteps[\s\S]*totalSteps/,
  );
});

for (const backend of TRAINING_BACKENDS) {
  test(`AdamW applies the decoupled update and skips decay on norms and embeddings (${backend})`, { skip: skipUnless(backend) }, async () => {
    await initBackend(backend);
    const params = new Map([
      ['model.layers.0.mlp.up_proj.weight', tf.variable(tf.tensor1d([1, -2]))],
      ['model.layers.0.input_layernorm.weight', tf.variable(tf.tensor1d([1, 1]))],
      ['model.embed_tokens.weight', tf.variable(tf.tensor1d([0.5, 0.5]))],
    ]);
    const opt = new AdamW(params, { beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.5, noDecay: 'norms-and-embeddings' });
    const grads = new Map([...params.keys()].map((n) => [n, tf.tensor1d([0.1, -0.4])] as [string, tf.Tensor]));
    opt.apply(grads, 0.01);
    // first step: m̂ = g, v̂ = g², so the Adam part is lr · sign(g); decay multiplies by 1 - lr·wd
    const w = params.get('model.layers.0.mlp.up_proj.weight')!.dataSync();
    assert.ok(Math.abs(w[0]! - (1 * (1 - 0.005) - 0.01)) < 1e-6);
    assert.ok(Math.abs(w[1]! - (-2 * (1 - 0.005) + 0.01)) < 1e-6);
    const norm = params.get('model.layers.0.input_layernorm.weight')!.dataSync();
    assert.ok(Math.abs(norm[0]! - 0.99) < 1e-6 && Math.abs(norm[1]! - 1.01) < 1e-6);
    const emb = params.get('model.embed_tokens.weight')!.dataSync();
    assert.ok(Math.abs(emb[0]! - 0.49) < 1e-6);
    const state = opt.state();
    assert.equal(state.step, 1);
    assert.ok(Math.abs(state.moments.get('exp_avg.model.embed_tokens.weight')![1]! - -0.04) < 1e-7);
    opt.dispose();
    tf.dispose([...params.values(), ...grads.values()]);
  });
}

for (const backend of TRAINING_BACKENDS) {
  test(`gradient accumulation over two micro-batches equals one batch of both (${backend})`, { skip: skipUnless(backend) }, async () => {
    await initBackend(backend);
    const model = createModel(config, 2);
    const whole = randomBatch(4, 8, 'accumulate');
    const [first, second] = splitRows([whole], 2).map((share) => share[0]!);
    const big = accumulateGradients(model, [whole]);
    const accumulated = accumulateGradients(model, [first!, second!]);
    assert.ok(Math.abs(big.loss - accumulated.loss) < 1e-5);
    for (const [name, g] of big.grads) {
      const a = g.dataSync();
      const b = accumulated.grads.get(name)!.dataSync();
      for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-5, `${name}[${i}]: ${a[i]} vs ${b[i]}`);
    }
    tf.dispose([...big.grads.values(), ...accumulated.grads.values()]);
    model.dispose();
  });
}

for (const backend of TRAINING_BACKENDS) {
  test(`memory stays flat over training steps (tf.memory().numTensors is stable) (${backend})`, { skip: skipUnless(backend) }, async () => {
    await initBackend(backend);
    const model = createModel(config, 4);
    const trainer = new SingleThreadTrainer(model, trainStep);
    const counts: number[] = [];
    for (let step = 0; step < 12; step++) {
      trainer.trainStepSync([randomBatch(2, 8, step), randomBatch(2, 8, step + 100)]);
      tf.tidy(() => void model.evalLoss(randomBatch(2, 8, 'eval')));
      model.logits(new Int32Array([1, 2, 3]), 1).dispose();
      counts.push(tf.memory().numTensors);
    }
    assert.deepEqual(new Set(counts.slice(2)).size, 1, `tensor counts over steps: ${counts.join(' ')}`);
    void trainer.dispose();
    model.dispose();
  });
}

test('data parallel over 2 worker threads tracks the single-thread run and is deterministic', async () => {
  await initBackend('wasm'); // data parallelism is the wasm backend's way to use several cores
  const batches = Array.from({ length: 4 }, (_, i) => randomBatch(4, 8, `dp-${i}`));
  const single = new SingleThreadTrainer(createModel(config, 9), trainStep);
  const singleLosses = batches.map((b) => single.trainStepSync([b]).loss);
  const singleWeights = await single.weights();

  const singleOptimizer = await single.optimizerState();
  const runParallel = async () => {
    const dp = await DataParallelTrainer.create({ workers: 2, modelConfig: config, seed: 9, trainStep, backend: 'wasm' });
    try {
      const losses: number[] = [];
      let resumeFrom: { weights: Map<string, Float32Array>; optimizer: Awaited<ReturnType<typeof dp.optimizerState>> } | undefined;
      for (const b of batches) {
        losses.push((await dp.trainStep([b])).loss);
        if (dp.step === 2) resumeFrom = { weights: await dp.weights(), optimizer: await dp.optimizerState() };
      }
      return { losses, weights: await dp.weights(), optimizer: await dp.optimizerState(), step: dp.step, resumeFrom: resumeFrom! };
    } finally {
      await dp.dispose();
    }
  };
  const first = await runParallel();
  const second = await runParallel();
  // resume: fresh replicas loaded with the state after step 2 continue exactly as the uninterrupted run
  const resumed = await DataParallelTrainer.create({ workers: 2, modelConfig: config, seed: 123, trainStep, backend: 'wasm' });
  try {
    await resumed.loadState(first.resumeFrom.weights, first.resumeFrom.optimizer);
    assert.equal(resumed.step, 2);
    const continued = [(await resumed.trainStep([batches[2]!])).loss, (await resumed.trainStep([batches[3]!])).loss];
    assert.deepEqual(continued, first.losses.slice(2));
  } finally {
    await resumed.dispose();
  }
  // a bad batch is refused before any replica sees it, naming the row of the caller's batch
  const checked = await DataParallelTrainer.create({ workers: 2, modelConfig: config, seed: 9, trainStep, backend: 'wasm' });
  try {
    const bad = randomBatch(4, 8, 'bad');
    bad.tokens[3 * 9 + 5] = config.vocabSize;
    await assert.rejects(checked.trainStep([bad]), /row 3 position 5 holds token 29, outside the vocabulary \[0, 29\)/);
    assert.equal(checked.step, 0);
    assert.ok(Number.isFinite((await checked.trainStep([batches[0]!])).loss));
  } finally {
    await checked.dispose();
  }
  // the sharded optimizer's gathered state is the whole state
  assert.deepEqual([...first.optimizer.moments.keys()].sort(), [...singleOptimizer.moments.keys()].sort());
  assert.equal(first.optimizer.step, singleOptimizer.step);
  assert.equal(first.step, 4);
  assert.deepEqual(first.losses, second.losses, 'same batches, same worker count → same losses');
  for (const [name, w] of first.weights) assert.deepEqual(w, second.weights.get(name), `${name} differs between two parallel runs`);
  for (let i = 0; i < batches.length; i++)
    assert.ok(Math.abs(first.losses[i]! - singleLosses[i]!) < 1e-4, `step ${i}: ${first.losses[i]} vs ${singleLosses[i]}`);
  for (const [name, w] of first.weights) {
    const s = singleWeights.get(name)!;
    for (let i = 0; i < w.length; i++) assert.ok(Math.abs(w[i]! - s[i]!) < 1e-4, `${name}[${i}]: ${w[i]} vs ${s[i]}`);
  }
  void single.dispose();
});

test('optimizer shards cover every parameter once and are balanced', () => {
  const sizes = [4096, 16, 4096, 1024, 1024, 16, 2816, 2816, 2816, 16];
  for (const workers of [1, 2, 3]) {
    const owner = assignShards(sizes, workers);
    assert.equal(owner.length, sizes.length);
    const load = new Array<number>(workers).fill(0);
    owner.forEach((r, i) => (load[r]! += sizes[i]!));
    assert.ok(owner.every((r) => r >= 0 && r < workers));
    assert.ok(Math.max(...load) - Math.min(...load) <= Math.max(...sizes), `loads ${load}`);
    assert.deepEqual(assignShards(sizes, workers), owner);
  }
});
