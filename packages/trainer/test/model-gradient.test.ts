// The analytic gradient of the loss (tfjs autodiff through RoPE, GQA attention, SwiGLU, RMSNorm,
// the gather embedding with its UnsortedSegmentSum kernel, and the fixed BatchMatMul) agrees with
// central finite differences, on the wasm backend the trainer uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { SeededRng } from '@anneal/core';
import { createModel, initBackend, resolveModelConfig, type ModelConfig, type TokenBatch } from '../src/index.js';
import { TRAINING_BACKENDS, skipUnless } from './support/training-backends.js';

function tinyBatch(vocab: number, b: number, t: number, seed: number): TokenBatch {
  const rng = new SeededRng(seed);
  const tokens = new Int32Array(b * (t + 1)).map(() => rng.int(0, vocab - 1));
  return { tokens, batchSize: b, seqLen: t };
}

function checkGradients(config: ModelConfig): void {
  const model = createModel(config, 7);
  const batch = tinyBatch(config.vocabSize, 2, 6, 3);
  const { grads } = model.lossAndGrads(batch);
  const rng = new SeededRng(11);
  const eps = 1e-2;
  let checked = 0;
  for (const [name, variable] of model.params) {
    const analytic = grads.get(name)!.dataSync();
    const original = variable.dataSync().slice() as Float32Array;
    for (let probe = 0; probe < 4; probe++) {
      const i = rng.int(0, original.length - 1);
      const lossWith = (delta: number) => {
        const values = original.slice();
        values[i] = original[i]! + delta;
        tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
        return model.evalLoss(batch);
      };
      const numeric = (lossWith(eps) - lossWith(-eps)) / (2 * eps);
      tf.tidy(() => variable.assign(tf.tensor(original, variable.shape)));
      // float32 central differences agree to ~3e-5 here; the margin allows other CPUs' rounding
      const tolerance = 2e-4 + 0.01 * Math.abs(numeric);
      assert.ok(
        Math.abs(numeric - analytic[i]!) <= tolerance,
        `${name}[${i}]: finite difference ${numeric.toExponential(4)} vs autodiff ${analytic[i]!.toExponential(4)}`,
      );
      checked++;
      if (process.env.GRADCHECK_LOG) console.log(name, i, numeric.toExponential(3), analytic[i]!.toExponential(3));
    }
  }
  tf.dispose([...grads.values()]);
  model.dispose();
  assert.ok(checked >= 4 * (1 + 9 * config.nLayers));
}

for (const backend of TRAINING_BACKENDS) {
  test(`gradients match finite differences (GQA, untied head, gather embedding) (${backend})`, { skip: skipUnless(backend) }, async () => {
    await initBackend(backend);
    checkGradients(
      resolveModelConfig({
        vocabSize: 13,
        dModel: 16,
        nLayers: 2,
        nHeads: 4,
        nKvHeads: 2,
        ffnHidden: 24,
        maxSeqLen: 8,
        tieEmbeddings: false,
        initStd: 0.3,
      }),
    );
  });
}

for (const backend of TRAINING_BACKENDS) {
  test(`gradients match finite differences (multi-head, tied head, one-hot embedding) (${backend})`, { skip: skipUnless(backend) }, async () => {
    await initBackend(backend);
    checkGradients(
      resolveModelConfig({ vocabSize: 11, dModel: 12, nLayers: 1, nHeads: 2, ffnHidden: 20, maxSeqLen: 8, embedding: 'onehot', initStd: 0.3 }),
    );
  });
}
