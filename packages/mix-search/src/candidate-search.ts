import { capMixture, type DirichletSampler } from './dirichlet-sampler.js';
import type { LossModel } from './loss-regression.js';

export interface CandidateSearch {
  /** the mean of the top-k predicted candidates (within the caps, which are convex, so the mean is too) */
  mixture: number[];
  predictedLoss: number;
  /** the best single candidate's predicted loss, and the k-th's */
  bestCandidateLoss: number;
  kthCandidateLoss: number;
}

const BATCH = 5000;

/**
 * RegMix's simulation: score `count` mixtures drawn from the proxies' Dirichlet scheme (capped like
 * the proxies), keep the `topK` with the lowest predicted target loss and average them. Averaging
 * instead of taking the single best smooths over the regression's noise at the edge of what it saw.
 */
export function searchCandidates(
  model: LossModel,
  sampler: DirichletSampler,
  caps: readonly number[],
  count: number,
  topK: number,
  purpose: string,
): CandidateSearch {
  const best: Array<{ loss: number; mixture: number[] }> = [];
  for (let start = 0; start < count; start += BATCH) {
    const batch: number[][] = [];
    for (let n = start; n < Math.min(count, start + BATCH); n++) batch.push(capMixture(sampler.draw(purpose, n), caps));
    const losses = model.predict(batch);
    for (let i = 0; i < batch.length; i++) {
      const loss = losses[i]!;
      if (!Number.isFinite(loss)) continue;
      if (best.length < topK || loss < best[best.length - 1]!.loss) {
        best.push({ loss, mixture: batch[i]! });
        best.sort((a, b) => a.loss - b.loss);
        if (best.length > topK) best.pop();
      }
    }
  }
  if (best.length === 0) throw new Error('the regression predicted no finite loss for any candidate mixture');
  const k = best[0]!.mixture.length;
  const mean = Array.from({ length: k }, (_, d) => best.reduce((s, b) => s + b.mixture[d]!, 0) / best.length);
  const mixture = capMixture(mean, caps);
  return { mixture, predictedLoss: model.predict([mixture])[0]!, bestCandidateLoss: best[0]!.loss, kthCandidateLoss: best[best.length - 1]!.loss };
}

/**
 * Each domain's effect around the chosen mixture, as the regression sees it: the predicted loss
 * with the domain removed (the others scaled up), and with 10 more points of share taken from the
 * others in proportion (less when its cap is nearer: `added`). Negative: the domain lowers the target loss.
 */
export function domainEffects(
  model: LossModel,
  chosen: readonly number[],
  caps: readonly number[],
): Array<{ without: number; plusTen: number; added: number }> {
  const base = model.predict([[...chosen]])[0]!;
  return chosen.map((w, d) => {
    const rest = 1 - w;
    const without = chosen.map((x, i) => (i === d ? 0 : rest > 0 ? x / rest : 0));
    const add = Math.min(0.1, caps[d]! - w, rest);
    const plus = chosen.map((x, i) => (i === d ? w + add : rest > 0 ? (x * (1 - (w + add))) / rest : 0));
    const othersCaps = caps.map((c, i) => (i === d ? 0 : c));
    // without this domain the others may not fill the budget under their caps: no such mixture exists
    const feasible = rest > 0 && othersCaps.reduce((s, c) => s + c, 0) >= 1;
    const [a, b] = model.predict([feasible ? capMixture(without, othersCaps) : [...chosen], plus]);
    // a domain at its cap cannot take more: no effect to report, rather than a 0 that reads as neutral
    return { without: feasible ? a! - base : Number.NaN, plusTen: add > 1e-9 ? b! - base : Number.NaN, added: Math.max(0, add) };
  });
}
