import { SeededRng } from '@anneal/core';

/**
 * Draws mixtures the RegMix way: from a Dirichlet centred on the natural token distribution, with a
 * concentration scaled over a wide range so that some draws are near-natural and others extreme
 * (most weight on one or two domains). α = s · K · natural with s log-uniform in [minScale, maxScale]
 * and K domains: s = 1 spreads draws like a flat Dirichlet does. Every draw is keyed by (seed, purpose,
 * index), so mixture n is the same whatever else was drawn.
 */
export class DirichletSampler {
  private readonly k: number;

  constructor(
    private readonly natural: readonly number[],
    private readonly minScale: number,
    private readonly maxScale: number,
    private readonly seed: number,
  ) {
    this.k = natural.length;
    if (this.k === 0) throw new Error('no domains to mix');
    if (!natural.every((p) => p > 0)) throw new Error('every domain needs a positive natural share to centre the Dirichlet on');
  }

  /** The n-th mixture of the stream named `purpose` (e.g. proxies, candidates). */
  draw(purpose: string, n: number): number[] {
    const rng = new SeededRng(this.seed, `mix-search/${purpose}/${n}`);
    const scale = Math.exp(Math.log(this.minScale) + rng.next() * (Math.log(this.maxScale) - Math.log(this.minScale)));
    const g = this.natural.map((p) => gamma(rng, scale * this.k * p));
    const sum = g.reduce((a, b) => a + b, 0);
    // an all-underflow draw (tiny α) is a one-hot on the largest gamma, which is what it tends to
    if (!(sum > 0)) {
      const out = this.natural.map(() => 0);
      out[g.indexOf(Math.max(...g))] = 1;
      return out;
    }
    return g.map((x) => x / sum);
  }
}

/** Gamma(α, 1) by Marsaglia and Tsang; α < 1 through the boost Gamma(α + 1) · U^(1/α). */
export function gamma(rng: SeededRng, alpha: number): number {
  if (!(alpha > 0)) throw new Error(`gamma shape must be positive, got ${alpha}`);
  if (alpha < 1) {
    const u = Math.max(rng.next(), Number.MIN_VALUE);
    return gamma(rng, alpha + 1) * u ** (1 / alpha);
  }
  const d = alpha - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(Math.max(u, Number.MIN_VALUE)) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function normal(rng: SeededRng): number {
  const u1 = Math.max(rng.next(), Number.MIN_VALUE);
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * The mixture with no domain above its cap (a share of the stage budget, from max_epochs): capped
 * domains are set to their cap and the rest scaled up together (the water-filling `anneal mix` uses),
 * so the relative weights of the uncapped domains are kept. Throws when the caps sum below 1.
 */
export function capMixture(weights: readonly number[], caps: readonly number[]): number[] {
  const capacity = caps.reduce((a, b) => a + b, 0);
  if (capacity < 1 - 1e-9) throw new Error(`the caps allow only ${capacity.toFixed(4)} of the budget`);
  const out = weights.map(() => 0);
  const free = new Set(weights.map((_, i) => i));
  let remaining = 1;
  for (;;) {
    const mass = [...free].reduce((s, i) => s + weights[i]!, 0);
    if (mass <= 0) {
      // what is left goes to the free domains by their room under the cap
      const room = [...free].reduce((s, i) => s + caps[i]!, 0);
      for (const i of free) out[i] = room > 0 ? (remaining * caps[i]!) / room : 0;
      return out;
    }
    const lambda = remaining / mass;
    const over = [...free].filter((i) => weights[i]! * lambda > caps[i]!);
    if (over.length === 0) {
      for (const i of free) out[i] = weights[i]! * lambda;
      return out;
    }
    for (const i of over) {
      out[i] = caps[i]!;
      remaining -= caps[i]!;
      free.delete(i);
    }
  }
}
