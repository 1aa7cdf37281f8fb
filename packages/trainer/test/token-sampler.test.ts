import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRng } from '@anneal/core';
import { drawToken } from '../src/token-sampler.js';

const logits = Float32Array.from([0.1, 2.0, -1.0, 1.5, 0.0]);

test('temperature 0 is argmax; top-k 1 is argmax at any temperature', () => {
  const rng = new SeededRng(1, 't');
  assert.equal(drawToken(logits, { temperature: 0, topK: 0 }, rng), 1);
  for (let i = 0; i < 50; i++) assert.equal(drawToken(logits, { temperature: 5, topK: 1 }, rng), 1);
});

test('top-k only ever draws among the k most likely tokens', () => {
  const rng = new SeededRng(2, 't');
  const seen = new Set<number>();
  for (let i = 0; i < 500; i++) seen.add(drawToken(logits, { temperature: 10, topK: 2 }, rng));
  assert.deepEqual([...seen].sort(), [1, 3]);
});

test('draws follow softmax(logits / T)', () => {
  const rng = new SeededRng(3, 't');
  const t = 0.7;
  const n = 40000;
  const counts = new Array(logits.length).fill(0);
  for (let i = 0; i < n; i++) counts[drawToken(logits, { temperature: t, topK: 0 }, rng)]++;
  const weights = Array.from(logits, (l) => Math.exp(l / t));
  const total = weights.reduce((a, b) => a + b, 0);
  weights.forEach((w, i) => assert.ok(Math.abs(counts[i] / n - w / total) < 0.01, `token ${i}: ${counts[i] / n} vs ${w / total}`));
});
