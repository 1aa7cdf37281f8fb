// The wasm backend with anneal's kernels computes the same model as tfjs's reference `cpu`
// backend: logits, loss and every gradient agree to float32 rounding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { SeededRng } from '@anneal/core';
import { initBackend, initialWeights, resolveModelConfig, DecoderModel, type TokenBatch } from '../src/index.js';

test('wasm (fixed kernels) and cpu backends agree on logits, loss and gradients', async () => {
  const config = resolveModelConfig({ vocabSize: 37, dModel: 24, nLayers: 2, nHeads: 6, nKvHeads: 3, ffnHidden: 40, maxSeqLen: 16, tieEmbeddings: false, initStd: 0.2 });
  const rng = new SeededRng('backends');
  const batch: TokenBatch = { tokens: new Int32Array(3 * 17).map(() => rng.int(0, 36)), batchSize: 3, seqLen: 16 };
  const weights = initialWeights(config, 5);
  const results: Record<string, { logits: Float32Array; loss: number; grads: Map<string, Float32Array> }> = {};
  for (const backend of ['cpu', 'wasm'] as const) {
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
  const { cpu, wasm } = results as Required<typeof results>;
  assert.ok(Math.abs(cpu!.loss - wasm!.loss) < 1e-5, `loss ${cpu!.loss} vs ${wasm!.loss}`);
  for (let i = 0; i < cpu!.logits.length; i++) assert.ok(Math.abs(cpu!.logits[i]! - wasm!.logits[i]!) < 1e-4, `logit ${i}`);
  for (const [name, g] of cpu!.grads) {
    const w = wasm!.grads.get(name)!;
    let scale = 0;
    for (const v of g) scale = Math.max(scale, Math.abs(v));
    for (let i = 0; i < g.length; i++) assert.ok(Math.abs(g[i]! - w[i]!) <= 1e-5 + 1e-4 * scale, `${name}[${i}]: cpu ${g[i]} vs wasm ${w[i]}`);
  }
});
