import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRng } from '@anneal/core';
import { crossValidate, DirichletSampler, fitLossModel, ranks, searchCandidates, spearman } from '../src/index.js';

test('ranks average ties; Spearman is 1 for any increasing relation and -1 for a decreasing one', () => {
  assert.deepEqual(ranks([10, 20, 20, 5]), [2, 3.5, 3.5, 1]);
  assert.equal(spearman([1, 2, 3, 4], [1, 8, 27, 64]), 1);
  assert.equal(spearman([1, 2, 3, 4], [9, 4, 1, 0]), -1);
});

// A loss surface of the kind RegMix fits: log-linear in the weights, with noise.
function syntheticLoss(w: number[], rng: SeededRng): number {
  return 3 + 1.5 * w[0]! - 0.3 * Math.log(w[1]! + 0.01) + 0.8 * w[2]! + 0.02 * (rng.next() - 0.5);
}

test('cross-validated regressions rank held-out mixtures of a log-linear surface, and the search finds its minimum region', () => {
  const natural = [0.4, 0.3, 0.2, 0.1];
  const sampler = new DirichletSampler(natural, 0.1, 5, 1);
  const rng = new SeededRng(1, 'noise');
  const mixtures = Array.from({ length: 48 }, (_, i) => sampler.draw('proxies', i));
  const losses = mixtures.map((w) => syntheticLoss(w, rng));
  const linear = crossValidate('linear', mixtures, losses, 5, 0);
  const logLinear = crossValidate('log-linear', mixtures, losses, 5, 0);
  const forest = crossValidate('random-forest', mixtures, losses, 5, 0);
  assert.ok(logLinear.spearman > 0.9, `log-linear ρ ${logLinear.spearman}`);
  assert.ok(logLinear.spearman >= linear.spearman - 0.02, `log-linear ${logLinear.spearman} vs linear ${linear.spearman}`);
  assert.ok(forest.spearman > 0.5, `forest ρ ${forest.spearman}`);
  assert.ok(logLinear.predictions.every(Number.isFinite));
  // deterministic for a seed
  assert.deepEqual(crossValidate('random-forest', mixtures, losses, 5, 0).predictions, forest.predictions);

  const model = fitLossModel('log-linear', mixtures, losses, 0);
  const found = searchCandidates(model, sampler, [1, 1, 1, 1], 20000, 50, 'candidates');
  // the surface rewards domain 1 and punishes domains 0 and 2: the answer leans on 1 and 3
  assert.ok(found.mixture[1]! + found.mixture[3]! > 0.8, `found ${found.mixture.map((x) => x.toFixed(3)).join(', ')}`);
  assert.ok(found.predictedLoss < Math.min(...losses) + 0.05);
  // with domain 1 capped at 10 %, the answer respects the cap
  const capped = searchCandidates(model, sampler, [1, 0.1, 1, 1], 5000, 50, 'candidates');
  assert.ok(capped.mixture[1]! <= 0.1 + 1e-12);
});
