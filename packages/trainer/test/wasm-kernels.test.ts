// The replacement BatchMatMul and the added UnsortedSegmentSum on the wasm backend compute what a
// plain loop computes, for every transpose/batch/broadcast combination the model and its
// gradients use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { SeededRng } from '@anneal/core';
import { initBackend } from '../src/index.js';

const choice = await initBackend('wasm');

function values(n: number, seed: number): Float32Array {
  const rng = new SeededRng(seed);
  return new Float32Array(n).map(() => rng.next() * 2 - 1);
}

/** out[b] = op(A[b]) · op(B[b]) with plain loops; a batch of 1 broadcasts. */
function referenceMatMul(
  a: Float32Array,
  aBatch: number,
  b: Float32Array,
  bBatch: number,
  m: number,
  k: number,
  n: number,
  ta: boolean,
  tb: boolean,
): Float32Array {
  const batch = Math.max(aBatch, bBatch);
  const out = new Float32Array(batch * m * n);
  for (let z = 0; z < batch; z++) {
    const ao = (aBatch === 1 ? 0 : z) * m * k;
    const bo = (bBatch === 1 ? 0 : z) * k * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[ao + (ta ? p * m + i : i * k + p)]! * b[bo + (tb ? j * k + p : p * n + j)]!;
        out[(z * m + i) * n + j] = s;
      }
    }
  }
  return out;
}

test('backend is wasm with the fixed kernels', () => {
  assert.equal(choice.name, 'wasm');
  assert.match(choice.description, /fixed BatchMatMul/);
});

test('BatchMatMul equals the loop for transposes, batches and broadcasting (property)', () => {
  fc.assert(
    fc.property(
      fc.record({
        m: fc.integer({ min: 1, max: 9 }),
        k: fc.integer({ min: 1, max: 9 }),
        n: fc.integer({ min: 1, max: 9 }),
        batch: fc.integer({ min: 1, max: 4 }),
        broadcast: fc.constantFrom('none', 'a', 'b'),
        ta: fc.boolean(),
        tb: fc.boolean(),
        rank4: fc.boolean(),
        seed: fc.integer(),
      }),
      ({ m, k, n, batch, broadcast, ta, tb, rank4, seed }) => {
        const aBatch = broadcast === 'a' ? 1 : batch;
        const bBatch = broadcast === 'b' ? 1 : batch;
        const a = values(aBatch * m * k, seed);
        const b = values(bBatch * k * n, seed + 1);
        const expected = referenceMatMul(a, aBatch, b, bBatch, m, k, n, ta, tb);
        const got = tf.tidy(() => {
          const aShape = ta ? [k, m] : [m, k];
          const bShape = tb ? [n, k] : [k, n];
          // rank 4 with a leading 1 exercises outer-dimension bookkeeping; a broadcast operand stays rank 2
          const lead = (count: number) => (count === 1 && broadcast !== 'none' ? [] : rank4 ? [1, count] : [count]);
          return tf.matMul(tf.tensor(a, [...lead(aBatch), ...aShape]), tf.tensor(b, [...lead(bBatch), ...bShape]), ta, tb).dataSync();
        });
        assert.equal(got.length, expected.length);
        for (let i = 0; i < got.length; i++) if (Math.abs(got[i]! - expected[i]!) > 1e-5) return false;
        return true;
      },
    ),
    { numRuns: 150 },
  );
});

test('BatchMatMul at attention shapes (48 slices of 64×32·32×64) equals the loop', () => {
  const [z, m, k, n] = [48, 64, 32, 64];
  const a = values(z * m * k, 1);
  const b = values(z * n * k, 2);
  const product = tf.tidy(() => tf.matMul(tf.tensor3d(a, [z, m, k]), tf.tensor3d(b, [z, n, k]), false, true));
  const got = product.dataSync(); // read outside tidy: tidy walks a returned typed array element by element
  product.dispose();
  const expected = referenceMatMul(a, z, b, z, m, k, n, false, true);
  let worst = 0;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - expected[i]!));
  assert.ok(worst < 1e-4, `max difference ${worst}`);
});

test('UnsortedSegmentSum sums rows into segments and drops out-of-range ids', () => {
  const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [5, 2]);
  const ids = tf.tensor1d([2, 0, 2, -1, 5], 'int32');
  const out = tf.unsortedSegmentSum(x, ids, 3);
  assert.deepEqual(Array.from(out.dataSync()), [3, 4, 0, 0, 1 + 5, 2 + 6]);
  tf.dispose([x, ids, out]);
});

test('gradient of an embedding lookup (gather) counts repeated ids', () => {
  const table = tf.variable(tf.tensor2d([0, 0, 0, 0, 0, 0], [3, 2]));
  const ids = tf.tensor1d([1, 1, 2], 'int32');
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(tf.gather(table, ids), tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]))), [table]);
  assert.deepEqual(Array.from(grads[table.name]!.dataSync()), [0, 0, 1 + 3, 2 + 4, 5, 6]);
  tf.dispose([table, ids, ...Object.values(grads)]);
});

test('no tensors are leaked by the kernels', () => {
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) {
    tf.tidy(() => tf.matMul(tf.ones([3, 4, 5]), tf.ones([3, 6, 5]), false, true).dataSync());
  }
  assert.equal(tf.memory().numTensors, before);
});
