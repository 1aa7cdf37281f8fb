// The wasm backend with anneal's kernels, and the native TensorFlow backend, compute the same model
// as tfjs's reference `cpu` backend: logits, loss and every gradient agree to float32 rounding; and
// the same seeded training run has the same loss curve on wasm and on TensorFlow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { SeededRng } from '@anneal/core';
import { initBackend, initialWeights, resolveModelConfig, createModel, DecoderModel, SingleThreadTrainer, type TokenBatch } from '../src/index.js';
import { skipUnless } from './support/training-backends.js';

const backends = skipUnless('tensorflow') ? (['cpu', 'wasm'] as const) : (['cpu', 'wasm', 'tensorflow'] as const);

test(`${backends.slice(1).join(' and ')} agree with the cpu backend on logits, loss and gradients`, async () => {
  const config = resolveModelConfig({
    vocabSize: 37,
    dModel: 24,
    nLayers: 2,
    nHeads: 6,
    nKvHeads: 3,
    ffnHidden: 40,
    maxSeqLen: 16,
    tieEmbeddings: false,
    initStd: 0.2,
  });
  const rng = new SeededRng('backends');
  const batch: TokenBatch = { tokens: new Int32Array(3 * 17).map(() => rng.int(0, 36)), batchSize: 3, seqLen: 16 };
  const weights = initialWeights(config, 5);
  const results: Record<string, { logits: Float32Array; loss: number; grads: Map<string, Float32Array> }> = {};
  for (const backend of backends) {
    await initBackend(backend);
    const model = new DecoderModel(config, weights);
    const logitsTensor = model.logits(batch.tokens.subarray(0, 16), 1);
    const logits = logitsTensor.dataSync() as Float32Array;
    logitsTensor.dispose();
    const { loss, grads } = model.lossAndGrads(batch);
    const values = new Map([...grads].map(([name, g]) => [name, g.dataSync() as Float32Array]));
    tf.dispose([...grads.values()]);
    model.dispose();
    results[backend] = { logits, loss, grads: values };
  }
  const cpu = results.cpu!;
  for (const backend of backends.slice(1)) {
    const other = results[backend]!;
    assert.ok(Math.abs(cpu.loss - other.loss) < 1e-5, `loss ${cpu.loss} vs ${backend} ${other.loss}`);
    for (let i = 0; i < cpu.logits.length; i++) assert.ok(Math.abs(cpu.logits[i]! - other.logits[i]!) < 1e-4, `logit ${i} on ${backend}`);
    for (const [name, g] of cpu.grads) {
      const w = other.grads.get(name)!;
      let scale = 0;
      for (const v of g) scale = Math.max(scale, Math.abs(v));
      for (let i = 0; i < g.length; i++)
        assert.ok(Math.abs(g[i]! - w[i]!) <= 1e-5 + 1e-4 * scale, `${name}[${i}]: cpu ${g[i]} vs ${backend} ${w[i]}`);
    }
  }
});

test('the same seeded run has the same loss for 20 steps on wasm and tensorflow (within 1e-4 relative)', {
  skip: skipUnless('tensorflow'),
}, async (t) => {
  const config = resolveModelConfig({ vocabSize: 64, dModel: 32, nLayers: 2, nHeads: 4, nKvHeads: 2, maxSeqLen: 16 });
  const rng = new SeededRng('twenty-steps');
  // rows of a counting sequence from random starts: learnable, so the curve moves
  const batches: TokenBatch[] = Array.from({ length: 20 }, () => {
    const tokens = new Int32Array(4 * 17);
    for (let r = 0; r < 4; r++) {
      const start = rng.int(0, 63);
      for (let j = 0; j < 17; j++) tokens[r * 17 + j] = (start + 3 * j) % 64;
    }
    return { tokens, batchSize: 4, seqLen: 16 };
  });
  const curves: Record<string, number[]> = {};
  for (const backend of ['wasm', 'tensorflow'] as const) {
    await initBackend(backend);
    const model = createModel(config, 11);
    const trainer = new SingleThreadTrainer(model, {
      schedule: { kind: 'cosine', maxLr: 3e-3, minLr: 3e-4, warmupSteps: 3, totalSteps: 20 },
      gradClip: 1,
    });
    curves[backend] = batches.map((b) => trainer.trainStepSync([b]).loss);
    await trainer.dispose();
    model.dispose();
  }
  const worst = Math.max(...curves.wasm!.map((l, i) => Math.abs(l - curves.tensorflow![i]!) / Math.abs(l)));
  t.diagnostic(`loss ${curves.wasm![0]!.toFixed(4)} → ${curves.wasm![19]!.toFixed(4)}; largest relative difference ${worst.toExponential(2)}`);
  assert.ok(curves.wasm![19]! < curves.wasm![0]! - 0.1, 'the run learns');
  assert.ok(worst <= 1e-4, `loss curves differ by ${worst} relative`);
});
