/**
 * Where a value falls among fixed bins. Statistics over unbounded streams keep counts per bin
 * instead of the values themselves, so memory stays constant whatever the corpus size.
 */
export interface BinScale {
  readonly bins: number;
  /** -1 below the first edge, `bins` above the last; the last bin includes its upper edge. */
  binOf(value: number): number;
  edge(i: number): number;
  /** The value a bin stands for when a quantile lands in it. */
  representative(i: number): number;
}

/**
 * `bins` equal-width bins over [min, max]. Edges are min + (max − min)·i / bins, so a value written
 * as a round decimal (0.15) lands in the bin whose printed edge it equals, not one below.
 */
export function linearBins(min: number, max: number, bins: number): BinScale {
  const span = max - min;
  const edge = (i: number) => (i === bins ? max : min + (span * i) / bins);
  return {
    bins,
    binOf(value) {
      if (value < min) return -1;
      if (value > max) return bins;
      let b = Math.min(bins - 1, Math.floor(((value - min) * bins) / span));
      if (value < edge(b)) b--;
      else if (b + 1 < bins && value >= edge(b + 1)) b++;
      return b;
    },
    edge,
    representative: (i) => min + (span * (i + 0.5)) / bins,
  };
}

/**
 * Log-scale bins: `perOctave` bins per doubling from 2^minExp to 2^maxExp. With 32 per octave a
 * quantile is exact to about 2 %; lengths span six orders of magnitude, so linear bins would not do.
 */
export function log2Bins(minExp: number, maxExp: number, perOctave: number): BinScale {
  const bins = (maxExp - minExp) * perOctave;
  const lo = 2 ** minExp;
  const hi = 2 ** maxExp;
  return {
    bins,
    binOf(value) {
      if (!(value >= lo)) return -1;
      if (value > hi) return bins;
      return Math.min(bins - 1, Math.floor((Math.log2(value) - minExp) * perOctave));
    },
    edge: (i) => 2 ** (minExp + i / perOctave),
    representative: (i) => 2 ** (minExp + (i + 0.5) / perOctave),
  };
}
