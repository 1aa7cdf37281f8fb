import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStepsInMemory } from '@anneal/core';
import { ensembleScore, qualityEnsembleStep } from '../src/index.js';

/** Equal up to floating-point rounding. */
function near(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);
}

const inputs = [
  { key: 'fasttext_hq', weight: 3, invert: false },
  { key: 'gopher_pass', weight: 1, invert: false },
];

test('the ensemble is the weighted mean with normalized weights', () => {
  near(ensembleScore({ fasttext_hq: 0.9, gopher_pass: 0.5 }, { inputs, output: 'quality', missing: 'renormalize' }), (3 * 0.9 + 0.5) / 4);
  // scaling every weight changes nothing
  const scaled = inputs.map((i) => ({ ...i, weight: i.weight * 10 }));
  near(ensembleScore({ fasttext_hq: 0.9, gopher_pass: 0.5 }, { inputs: scaled, output: 'quality', missing: 'renormalize' }), (3 * 0.9 + 0.5) / 4);
  near(
    ensembleScore(
      { fasttext_hq: 0.2, spam: 0.9 },
      {
        inputs: [
          { key: 'fasttext_hq', weight: 1, invert: false },
          { key: 'spam', weight: 1, invert: true },
        ],
        output: 'q',
        missing: 'error',
      },
    ),
    (0.2 + 0.1) / 2,
  );
});

test('missing inputs: renormalize averages what is there, zero counts 0, error refuses', () => {
  const meta = { fasttext_hq: 0.8 };
  near(ensembleScore(meta, { inputs, output: 'quality', missing: 'renormalize' }), 0.8);
  near(ensembleScore({ ...meta, gopher_pass: null }, { inputs, output: 'quality', missing: 'zero' }), (3 * 0.8) / 4);
  assert.throws(() => ensembleScore(meta, { inputs, output: 'quality', missing: 'error' }), /metadata\.gopher_pass is missing/);
  assert.throws(() => ensembleScore({}, { inputs, output: 'quality', missing: 'renormalize' }), /none of fasttext_hq, gopher_pass is present/);
});

test('a score outside [0, 1] is an error, not clamped', () => {
  assert.throws(
    () => ensembleScore({ fasttext_hq: 1.5, gopher_pass: 1 }, { inputs, output: 'quality', missing: 'renormalize' }),
    /expected a number in \[0, 1\]/,
  );
  assert.throws(() => ensembleScore({ fasttext_hq: 'high', gopher_pass: 1 }, { inputs, output: 'quality', missing: 'renormalize' }), /"high"/);
});

test('the step writes the output key and reports bad documents as errors, keeping the ledger balanced', async () => {
  const docs = [
    { id: 'a', text: 'x', metadata: { fasttext_hq: 1, gopher_pass: 0 } },
    { id: 'b', text: 'x', metadata: { fasttext_hq: 2 } },
    { id: 'c', text: 'x', metadata: {} },
  ];
  const run = await runStepsInMemory(docs, [qualityEnsembleStep({ inputs, output: 'quality', missing: 'renormalize' })]);
  assert.deepEqual(
    run.docs.map((d) => [d.id, d.metadata.quality]),
    [['a', 0.75]],
  );
  assert.equal(run.errors.length, 2);
  const step = run.ledger.find((s) => s.name === 'quality_ensemble')!;
  assert.equal(step.in, 3);
  assert.equal(step.out + step.errors, 3);
});
