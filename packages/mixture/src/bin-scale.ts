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

/** `bins` equal-width bins over [min, max]. */
export function linearBins(min: number, max: number, bins: number): BinScale {
  const width = (max - min) / bins;
  return {
    bins,
    binOf(value) {
      if (value < min) return -1;
      if (value > max) return bins;
      return Math.min(bins - 1, Math.floor((value - min) / width));
    },
    edge: (i) => (i === bins ? max : min + i * width),
    representative: (i) => min + (i + 0.5) * width,
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
