import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeSafetensors, encodeSafetensors, type NamedTensors } from '../src/safetensors.js';

test('round trip of arbitrary F32/I32 tensors and metadata; header 8-byte aligned', () => {
  fc.assert(
    fc.property(
      fc.dictionary(
        fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s !== '__metadata__'),
        fc.tuple(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }), fc.boolean()),
        { maxKeys: 6 },
      ),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
      (spec, metadata) => {
        const tensors: NamedTensors = new Map();
        let k = 0;
        for (const [name, [shape, isInt]] of Object.entries(spec)) {
          const n = shape.reduce((a, b) => a * b, 1);
          const data = isInt ? Int32Array.from({ length: n }, () => k++ - 5) : Float32Array.from({ length: n }, () => Math.fround(k++ * 0.37 - 1));
          tensors.set(name, { shape, dtype: isInt ? 'I32' : 'F32', data });
        }
        const bytes = encodeSafetensors(tensors, metadata);
        const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
        assert.equal(headerLength % 8, 0);
        const back = decodeSafetensors(bytes);
        assert.deepEqual(back.tensors, tensors);
        assert.deepEqual(back.metadata, { ...metadata });
      },
    ),
    { numRuns: 200 },
  );
});

test('damaged files give an error naming the file and the problem', () => {
  const good = encodeSafetensors(new Map([['w', { shape: [4], dtype: 'F32', data: new Float32Array(4) }]]));
  assert.throws(
    () => decodeSafetensors(good.slice(0, good.length - 4), 'm.safetensors'),
    /m\.safetensors: not a valid safetensors file: tensor w: data_offsets end 16 past the data \(12 bytes; file truncated\?\)/,
  );
  assert.throws(() => decodeSafetensors(good.slice(0, 5), 'm.safetensors'), /shorter than the 8-byte header length/);
  const garbled = good.slice();
  garbled[9] = 0x7b;
  garbled[10] = 0x7b;
  assert.throws(() => decodeSafetensors(garbled, 'g.safetensors'), /g\.safetensors: .*header is not JSON/);
  const huge = good.slice();
  new DataView(huge.buffer).setBigUint64(0, 1n << 40n, true);
  assert.throws(() => decodeSafetensors(huge, 'h'), /header length .* runs past the end/);
  assert.throws(() => encodeSafetensors(new Map([['w', { shape: [3], dtype: 'F32', data: new Float32Array(4) }]])), /tensor w has 16 bytes/);
});

test('decodes from a Node Buffer that is a view into a larger pool (as readFile returns)', () => {
  const bytes = encodeSafetensors(new Map([['w', { shape: [2, 3], dtype: 'F32', data: Float32Array.from([1, 2, 3, 4, 5, 6]) }]]));
  const pooled = Buffer.concat([Buffer.alloc(13, 7), Buffer.from(bytes), Buffer.alloc(5, 9)]).subarray(13, 13 + bytes.length);
  const w = decodeSafetensors(pooled).tensors.get('w')!;
  assert.equal(w.data.length, 6);
  assert.deepEqual(Array.from(w.data), [1, 2, 3, 4, 5, 6]);
});
