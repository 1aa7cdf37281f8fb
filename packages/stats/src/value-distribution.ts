import type { Histogram, QuantileSummary } from './corpus-stats.js';
import type { BinScale } from './bin-scale.js';

/**
 * A streaming summary of one numeric value (quality, length): count, min, max, mean, a coarse
 * histogram for display and a fine one for quantiles. Constant memory.
 */
export class ValueDistribution {
  private readonly fine: Float64Array;
  private fineUnder = 0;
  private readonly coarse: Float64Array;
  private coarseUnder = 0;
  private coarseOver = 0;
  private count = 0;
  private missingCount = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  constructor(
    private readonly fineScale: BinScale,
    private readonly coarseScale: BinScale,
    /** Stands for values below the fine scale's first edge when a quantile lands there. */
    private readonly underflowValue: number,
    /** Quantiles are reported to the fine bins' resolution, e.g. whole tokens for lengths. */
    private readonly roundQuantile: (v: number) => number = roundForJson,
  ) {
    this.fine = new Float64Array(fineScale.bins);
    this.coarse = new Float64Array(coarseScale.bins);
  }

  add(value: number): void {
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    const f = this.fineScale.binOf(value);
    // a value above the fine range needs no counter: a quantile past every fine bin is the max
    if (f < 0) this.fineUnder++;
    else if (f < this.fineScale.bins) this.fine[f]!++;
    const c = this.coarseScale.binOf(value);
    if (c < 0) this.coarseUnder++;
    else if (c >= this.coarseScale.bins) this.coarseOver++;
    else this.coarse[c]!++;
  }

  addMissing(): void {
    this.missingCount++;
  }

  /** Nearest-rank quantile (rank ceil(p·n)), reported as its fine bin's representative value, clamped to [min, max]. */
  quantile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(p * this.count));
    let seen = this.fineUnder;
    if (seen >= rank) return this.roundQuantile(this.clamp(this.underflowValue));
    for (let i = 0; i < this.fine.length; i++) {
      seen += this.fine[i]!;
      if (seen >= rank) return this.roundQuantile(this.clamp(this.fineScale.representative(i)));
    }
    return this.max;
  }

  summary(): QuantileSummary & { histogram: Histogram } {
    const edges: number[] = [];
    for (let i = 0; i <= this.coarseScale.bins; i++) edges.push(roundForJson(this.coarseScale.edge(i)));
    return {
      documents: this.count,
      missing: this.missingCount,
      min: this.count ? this.min : null,
      max: this.count ? this.max : null,
      mean: this.count ? this.sum / this.count : null,
      p10: this.quantile(0.1),
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      histogram: { edges, counts: Array.from(this.coarse), underflow: this.coarseUnder, overflow: this.coarseOver },
    };
  }

  private clamp(v: number): number {
    return Math.min(this.max, Math.max(this.min, v));
  }
}

/** Bin edges such as 0.1 + 0.05 print as 0.15000000000000002 otherwise. */
function roundForJson(v: number): number {
  return Number(v.toPrecision(12));
}
