// Structural properties of the model: RoPE is the reference rotation (and so attention scores
// depend only on relative position), attention is causal, and the model can fit a sequence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { SeededRng } from '@anneal/core';
import { createModel, initBackend, resolveModelConfig, SingleThreadTrainer } from '../src/index.js';
import { TRAINING_BACKENDS, skipUnless } from './support/training-backends.js';

/** Hugging Face Llama's apply_rotary_pos_emb written out element by element. */
function referenceRope(x: Float32Array, heads: number, t: number, d: number, theta: number): Float32Array {
  const out = new Float32Array(x.length);
  const half = d / 2;
  for (let h = 0; h < heads; h++) {
    for (let pos = 0; pos < t; pos++) {
      const base = (h * t + pos) * d;
      for (let i = 0; i < half; i++) {
        const invFreq = 1 / theta ** ((2 * i) / d);
        const c = Math.cos(pos * invFreq);
        const s = Math.sin(pos * invFreq);
        out[base + i] = x[base + i]! * c - x[base + i + half]! * s;
        out[base + i + half] = x[base + i + half]! * c + x[base + i]! * s;
      }
    }
  }
  return out;
}

function randomValues(n: number, seed: number): Float32Array {
  const rng = new SeededRng(seed);
  return new Float32Array(n).map(() => rng.next() * 2 - 1);
}

for (const backend of TRAINING_BACKENDS) {
  test(`RoPE matches the reference formula for several bases (${backend})`, { skip: skipUnless(backend) }, async () => {
    await initBackend(backend);
    for (const theta of [10000, 500000, 7.5]) {
      const model = createModel(resolveModelConfig({ vocabSize: 8, dModel: 24, nLayers: 1, nHeads: 3, maxSeqLen: 40, ropeTheta: theta }), 1);
      const [heads, t, d] = [3, 40, 8];
      const x = randomValues(heads * t * d, theta);
      const ours = tf.tidy(() => model.applyRope(tf.tensor4d(x, [1, heads, t, d])).dataSync());
      const expected = referenceRope(x, heads, t, d, theta);
      for (let i = 0; i < x.length; i++)
        assert.ok(Math.abs(ours[i]! - expected[i]!) < 1e-5, `theta ${theta}, element ${i}: ${ours[i]} vs ${expected[i]}`);
      model.dispose();
    }
  });
}

for (const backend of TRAINING_BACKENDS) {
  test(`RoPE: q·k depends only on the relative position (property) (${backend})`, { skip: skipUnless(backend) }, async () => {
    await initBackend(backend);
    const model = createModel(resolveModelConfig({ vocabSize: 8, dModel: 16, nLayers: 1, nHeads: 1, maxSeqLen: 64 }), 1);
    const d = 16;
    const dotAt = (q: Float32Array, k: Float32Array, qPos: number, kPos: number) =>
      tf.tidy(() => {
        // place q at qPos and k at kPos of a 64-long sequence, rotate, and dot the two rows
        const rows = new Float32Array(2 * 64 * d);
        rows.set(q, qPos * d);
        rows.set(k, (64 + kPos) * d);
        const r = model.applyRope(tf.tensor4d(rows, [1, 2, 64, d])).dataSync();
        let dot = 0;
        for (let i = 0; i < d; i++) dot += r[qPos * d + i]! * r[(64 + kPos) * d + i]!;
        return dot;
      });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer(),
        (kPos, gap, shift, seed) => {
          const q = randomValues(d, seed);
          const k = randomValues(d, seed + 1);
          const a = dotAt(q, k, kPos + gap, kPos);
          const b = dotAt(q, k, kPos + gap + shift, kPos + shift);
          return Math.abs(a - b) < 1e-4;
        },
      ),
      { numRuns: 40 },
    );
    model.dispose();
  });
}

for (const backend of TRAINING_BACKENDS) {
  test(`causal masking: changing a token never changes the logits of earlier positions (property) (${backend})`, {
    skip: skipUnless(backend),
  }, async () => {
    await initBackend(backend);
    const config = resolveModelConfig({ vocabSize: 17, dModel: 16, nLayers: 2, nHeads: 4, nKvHeads: 2, maxSeqLen: 12, initStd: 0.2 });
    const model = createModel(config, 5);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 0, max: 16 }),
        (tokens, j, replacement) => {
          fc.pre(tokens[j] !== replacement);
          const changed = tokens.slice();
          changed[j] = replacement;
          const before = model.logits(Int32Array.from(tokens));
          const after = model.logits(Int32Array.from(changed));
          const [a, b] = [before.dataSync(), after.dataSync()];
          tf.dispose([before, after]);
          for (let i = 0; i < j * config.vocabSize; i++) if (a[i] !== b[i]) return false;
          // and the change is visible from position j on (the mask hides only the future)
          let differs = false;
          for (let i = j * config.vocabSize; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 1e-6) differs = true;
          return differs;
        },
      ),
      { numRuns: 30 },
    );
    model.dispose();
  });
}

for (const backend of TRAINING_BACKENDS) {
  test(`a tiny model overfits one short sequence to near-zero loss (${backend})`, { skip: skipUnless(backend) }, async () => {
    await initBackend(backend);
    const config = resolveModelConfig({ vocabSize: 32, dModel: 32, nLayers: 2, nHeads: 4, nKvHeads: 2, maxSeqLen: 24 });
    const model = createModel(config, 3);
    const rng = new SeededRng('overfit');
    const tokens = new Int32Array(25).map(() => rng.int(0, 31));
    const trainer = new SingleThreadTrainer(model, {
      schedule: { kind: 'cosine', maxLr: 1e-2, minLr: 1e-3, warmupSteps: 10, totalSteps: 300 },
      optimizer: { weightDecay: 0 },
      gradClip: 1,
    });
    let first = NaN;
    let last = NaN;
    for (let step = 0; step < 300; step++) {
      last = trainer.trainStepSync([{ tokens, batchSize: 1, seqLen: 24 }]).loss;
      if (step === 0) first = last;
    }
    assert.ok(first > 3, `initial loss ${first} should be near ln(32) = 3.47`);
    assert.ok(last < 0.02, `loss after 300 steps is ${last}, expected < 0.02`);
    void trainer.dispose();
    model.dispose();
  });
}
