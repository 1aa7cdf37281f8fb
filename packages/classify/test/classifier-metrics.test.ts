import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifierMetrics, rocAuc } from '../src/index.js';

test('AUC: perfect, inverted, ties and a hand-counted case', () => {
  assert.equal(rocAuc([0.9, 0.8, 0.2, 0.1], [true, true, false, false]), 1);
  assert.equal(rocAuc([0.1, 0.2, 0.8, 0.9], [true, true, false, false]), 0);
  assert.equal(rocAuc([0.5, 0.5], [true, false]), 0.5);
  // positives 0.9, 0.4; negatives 0.6, 0.1: pairs won 3 of 4
  assert.equal(rocAuc([0.9, 0.4, 0.6, 0.1], [true, true, false, false]), 0.75);
});

test('precision, recall, F1, accuracy per label and per input set', () => {
  const e = (set: string, label: string, predicted: string) => ({ set, label, predicted, scores: { [predicted]: 1 } });
  const m = classifierMetrics([e('s1', 'a', 'a'), e('s1', 'a', 'b'), e('s2', 'b', 'b'), e('s2', 'b', 'b')]);
  assert.equal(m.accuracy, 0.75);
  const a = m.labels.find((l) => l.label === 'a')!;
  const b = m.labels.find((l) => l.label === 'b')!;
  assert.deepEqual([a.precision, a.recall, a.support], [1, 0.5, 2]);
  assert.deepEqual([b.precision, b.recall], [2 / 3, 1]);
  assert.ok(Math.abs(b.f1 - 0.8) < 1e-12);
  assert.deepEqual(m.sets, [
    { set: 's1', examples: 2, accuracy: 0.5 },
    { set: 's2', examples: 2, accuracy: 1 },
  ]);
});
