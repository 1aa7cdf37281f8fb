import { SeededRng } from '@anneal/core';
import { RandomForestRegression } from 'ml-random-forest';
import MultivariateLinearRegression from 'ml-regression-multivariate-linear';
import { spearman } from './rank-correlation.js';

/** The regressions compared: RegMix fit LightGBM and found linear regression ranked nearly as well. */
export type RegressionKind = 'linear' | 'log-linear' | 'random-forest';
export const REGRESSION_KINDS: readonly RegressionKind[] = ['linear', 'log-linear', 'random-forest'];

export interface LossModel {
  kind: RegressionKind;
  predict(mixtures: number[][]): number[];
}

/** log(w + ε) keeps a domain left out (w = 0) finite; ε is well under any share that matters. */
const LOG_FLOOR = 1e-3;

function features(kind: RegressionKind, w: readonly number[]): number[] {
  // the weights sum to 1, so they already carry the intercept: no separate constant column
  return kind === 'log-linear' ? [...w, ...w.map((x) => Math.log(x + LOG_FLOOR))] : [...w];
}

/** Fits mixture → target loss. */
export function fitLossModel(kind: RegressionKind, mixtures: number[][], losses: number[], seed: number): LossModel {
  if (mixtures.length !== losses.length || mixtures.length === 0) throw new Error('fitLossModel: need as many losses as mixtures, and at least one');
  if (kind === 'random-forest') {
    // bagged trees on the raw weights; seeded (the library's seed drives its bootstrap and feature draws)
    const forest = new RandomForestRegression({
      nEstimators: 100,
      maxFeatures: 1.0,
      replacement: true,
      useSampleBagging: true,
      noOOB: true,
      seed: seed | 0,
      treeOptions: { minNumSamples: 2 },
    });
    forest.train(mixtures, losses);
    return { kind, predict: (m) => forest.predict(m) };
  }
  const x = mixtures.map((w) => features(kind, w));
  const mlr = new MultivariateLinearRegression(
    x,
    losses.map((l) => [l]),
    { intercept: false, statistics: false },
  );
  return { kind, predict: (m) => (mlr.predict(m.map((w) => features(kind, w))) as number[][]).map((r) => r[0]!) };
}

export interface CrossValidation {
  kind: RegressionKind;
  folds: number;
  /** Spearman's ρ between the measured losses and the predictions of models that did not see them */
  spearman: number;
  /** each proxy's out-of-fold prediction, in input order */
  predictions: number[];
}

/**
 * k-fold cross-validation (folds by a seeded shuffle): every proxy is predicted by a model fitted on
 * the others, and the predictions' rank correlation with the measured losses is the score. Ranking is
 * what the search needs: the answer is the mixture predicted best, whatever the loss's scale.
 */
export function crossValidate(kind: RegressionKind, mixtures: number[][], losses: number[], folds: number, seed: number): CrossValidation {
  const n = mixtures.length;
  const k = Math.max(2, Math.min(folds, n));
  const order = new SeededRng(seed, 'mix-search/folds').shuffle(Array.from({ length: n }, (_, i) => i));
  const foldOf = new Array<number>(n);
  order.forEach((i, pos) => (foldOf[i] = pos % k));
  const predictions = new Array<number>(n).fill(Number.NaN);
  for (let f = 0; f < k; f++) {
    const train = order.filter((i) => foldOf[i] !== f);
    const test = order.filter((i) => foldOf[i] === f);
    if (test.length === 0 || train.length === 0) continue;
    const model = fitLossModel(
      kind,
      train.map((i) => mixtures[i]!),
      train.map((i) => losses[i]!),
      seed + f,
    );
    const p = model.predict(test.map((i) => mixtures[i]!));
    test.forEach((i, j) => (predictions[i] = p[j]!));
  }
  return { kind, folds: k, spearman: spearman(predictions, losses), predictions };
}
