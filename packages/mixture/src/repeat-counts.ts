import { SeededRng } from '@anneal/core';

/** The documents of one domain in one stage, as parallel arrays. */
export interface DomainDocuments {
  ids: readonly string[];
  tokens: ArrayLike<number>;
  weights: ArrayLike<number>;
}

export interface RepeatCountOptions {
  targetTokens: number;
  maxRepeats: number;
  seed: number;
  /** Part of every document's random key, so stages draw independently. */
  stage: string;
}

export interface RepeatCounts {
  repeats: Uint32Array;
  /** The scale c in expected repeats r_i = min(max_repeats, c·w_i). */
  scale: number;
  expected: Float64Array;
  tokens: number;
}

/**
 * The largest token total these documents can give: max_repeats of every document that can be drawn at all.
 */
export function maxRepeatTokens(tokens: ArrayLike<number>, weights: ArrayLike<number>, maxRepeats: number): number {
  let t = 0;
  for (let i = 0; i < tokens.length; i++) if (weights[i]! > 0) t += tokens[i]!;
  return t * maxRepeats;
}

/**
 * Solves Σ min(M, c·w_i)·t_i = T for c exactly. Fixed point first: start from c = T / Σ w_i·t_i
 * (nothing saturated); every document saturated at the current c is saturated at the answer too
 * (c only grows), so count it at M and solve again, until the saturated set stops growing — a few
 * linear passes in practice. Weights in many tiers could need many passes, so after 32 the exact
 * sorted walk (by the scale M / w_i at which each document saturates) finishes the job.
 */
export function repeatScale(tokens: ArrayLike<number>, weights: ArrayLike<number>, maxRepeats: number, target: number): number {
  if (target <= 0) return 0;
  let linearAll = 0;
  for (let i = 0; i < tokens.length; i++) if (weights[i]! > 0 && tokens[i]! > 0) linearAll += weights[i]! * tokens[i]!;
  if (linearAll === 0) throw new Error('no document can be drawn (all weights or token counts are zero)');
  let c = target / linearAll;
  for (let pass = 0; pass < 32; pass++) {
    let saturated = 0;
    let linear = 0;
    for (let i = 0; i < tokens.length; i++) {
      const w = weights[i]!;
      const t = tokens[i]!;
      if (!(w > 0 && t > 0)) continue;
      if (c * w >= maxRepeats) saturated += maxRepeats * t;
      else linear += w * t;
    }
    if (linear === 0) return c; // everything saturated: the target is the capacity
    const next = (target - saturated) / linear;
    if (next <= c) return next; // the saturated set did not grow: exact
    c = next;
  }
  return repeatScaleBySorting(tokens, weights, maxRepeats, target);
}

function repeatScaleBySorting(tokens: ArrayLike<number>, weights: ArrayLike<number>, maxRepeats: number, target: number): number {
  const idx: number[] = [];
  let linear = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (weights[i]! > 0 && tokens[i]! > 0) {
      idx.push(i);
      linear += weights[i]! * tokens[i]!;
    }
  }
  idx.sort((a, b) => weights[b]! - weights[a]! || a - b); // saturate first at the smallest M / w
  let saturated = 0;
  for (const i of idx) {
    const c = maxRepeats / weights[i]!; // the scale at which document i saturates
    if (saturated + c * linear >= target) break;
    saturated += maxRepeats * tokens[i]!;
    linear -= weights[i]! * tokens[i]!;
  }
  if (linear <= 0) return Infinity; // every document saturated: target is the capacity
  return (target - saturated) / linear;
}

/**
 * Integer repeats whose token total lands on the target. Each document's expected count r_i is
 * rounded by one uniform draw u_i from SeededRng(seed, stage + id): floor(r_i) + [u_i < frac(r_i)],
 * unbiased and independent of order and workers. Rounding noise over a small domain can still miss
 * the target by a few percent, so the fewest documents closest to the rounding boundary (smallest
 * |u_i − frac(r_i)|) are then moved to their other rounding while that brings the total closer.
 */
export function repeatCounts(docs: DomainDocuments, options: RepeatCountOptions): RepeatCounts {
  const n = docs.ids.length;
  const { maxRepeats, targetTokens: target } = options;
  const scale = repeatScale(docs.tokens, docs.weights, maxRepeats, target);
  const expected = new Float64Array(n);
  const repeats = new Uint32Array(n);
  const draws = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = docs.weights[i]!;
    const r = w > 0 ? Math.min(maxRepeats, scale === Infinity ? maxRepeats : scale * w) : 0;
    expected[i] = r;
    const whole = Math.floor(r);
    const u = r > whole ? new SeededRng(options.seed, `${options.stage}\u0000${docs.ids[i]}`).next() : 1;
    draws[i] = u;
    repeats[i] = whole + (u < r - whole ? 1 : 0);
    total += repeats[i]! * docs.tokens[i]!;
  }

  // Each accepted move strictly shrinks |error|, so this ends. A pass in one direction can overshoot
  // (a long document), which the next pass, in the other direction, takes back in smaller steps;
  // when no single document helps, one swap (one down, one up) whose difference fits the error may.
  // Large domains stop within 0.001 % of the target (far inside the 0.5 % promise); small ones go to the token.
  let error = total - target;
  const tolerance = Math.max(1, target * 1e-5);
  const margin = new Float64Array(n);
  const movable: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = expected[i]!;
    if (r === Math.floor(r) || docs.tokens[i]! <= 0) continue;
    margin[i] = Math.abs(draws[i]! - (r - Math.floor(r)));
    movable.push(i);
  }
  // Closest to the rounding boundary first; ties (rare: equal floats) by id, so input order never matters.
  const byMargin = (a: number, b: number) => margin[a]! - margin[b]! || (docs.ids[a]! < docs.ids[b]! ? -1 : docs.ids[a]! > docs.ids[b]! ? 1 : 0);
  const isUp = (i: number) => repeats[i]! > Math.floor(expected[i]!);
  // The fix rarely needs more than the documents nearest the boundary, so try those first (a 2 %
  // band by margin) and sort every movable document only if they are not enough.
  let order = movable.filter((i) => margin[i]! < 0.02).sort(byMargin);
  fixTotal();
  if (Math.abs(error) >= tolerance && order.length < movable.length) {
    order = movable.sort(byMargin);
    fixTotal();
  }

  function fixTotal(): void {
    for (let round = 0; round < 64 && Math.abs(error) >= tolerance; round++) {
      const short = error < 0;
      let moved = false;
      // only between the two roundings of r: never below floor(r) or above ceil(r)
      for (const i of order) {
        if (short ? error >= 0 : error <= 0) break;
        if (isUp(i) === short) continue;
        const t = docs.tokens[i]!;
        const next = short ? error + t : error - t;
        if (Math.abs(next) < Math.abs(error)) {
          repeats[i] = repeats[i]! + (short ? 1 : -1);
          error = next;
          moved = true;
        }
      }
      if (moved) continue;
      const swap = bestSwap(error);
      if (!swap) break;
      repeats[swap.down] = repeats[swap.down]! - 1;
      repeats[swap.up] = repeats[swap.up]! + 1;
      error = swap.error;
    }
  }

  /** The pair (one document rounded down instead of up, another up instead of down) that best shrinks the error. */
  function bestSwap(err: number): { down: number; up: number; error: number } | undefined {
    const downs: number[] = [];
    const ups: number[] = [];
    for (const i of order) (isUp(i) ? downs : ups).push(i);
    if (downs.length === 0 || ups.length === 0) return undefined;
    // stable sort: equal token counts stay in margin order
    ups.sort((a, b) => docs.tokens[a]! - docs.tokens[b]!);
    let best: { down: number; up: number; error: number } | undefined;
    for (const a of downs) {
      // new error = err − t_a + t_b: look for t_b nearest t_a − err
      const want = docs.tokens[a]! - err;
      let lo = 0;
      let hi = ups.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (docs.tokens[ups[mid]!]! < want) lo = mid + 1;
        else hi = mid;
      }
      for (const k of [lo - 1, lo]) {
        const b = ups[k];
        if (b === undefined) continue;
        const e = err - docs.tokens[a]! + docs.tokens[b]!;
        if (Math.abs(e) < Math.abs(best?.error ?? err)) best = { down: a, up: b, error: e };
      }
    }
    return best;
  }
  total = target + error;
  return { repeats, scale, expected, tokens: total };
}
