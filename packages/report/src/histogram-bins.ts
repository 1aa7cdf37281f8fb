import type { Histogram } from '@anneal/stats';

/**
 * Bars for one or several fixed-bin histograms that share their edges (one per domain): a label
 * per bin, and the counts, with the empty bins at both ends trimmed across all of them so small
 * multiples keep one x axis. Underflow and overflow get their own bars when any histogram has them,
 * so no document disappears from a chart.
 */
export interface HistogramBars {
  labels: string[];
  /** per input histogram, one count per label */
  counts: number[][];
}

export function histogramBars(histograms: Histogram[], formatEdge: (edge: number) => string): HistogramBars {
  if (histograms.length === 0) return { labels: [], counts: [] };
  const edges = histograms[0]!.edges;
  for (const h of histograms) {
    if (h.edges.length !== edges.length || h.edges.some((e, i) => e !== edges[i])) {
      throw new Error('histogramBars: histograms to draw together must share their bin edges');
    }
    if (h.counts.length !== edges.length - 1) throw new Error(`histogramBars: ${h.counts.length} counts for ${edges.length} edges`);
  }
  const bins = edges.length - 1;
  let first = bins;
  let last = -1;
  for (const h of histograms) {
    h.counts.forEach((c, i) => {
      if (c > 0) {
        first = Math.min(first, i);
        last = Math.max(last, i);
      }
    });
  }
  const underflow = histograms.some((h) => h.underflow > 0);
  const overflow = histograms.some((h) => h.overflow > 0);
  const labels: string[] = [];
  if (underflow) labels.push(`< ${formatEdge(edges[0]!)}`);
  for (let i = first; i <= last; i++) labels.push(`${formatEdge(edges[i]!)}–${formatEdge(edges[i + 1]!)}`);
  if (overflow) labels.push(`> ${formatEdge(edges[bins]!)}`);
  const counts = histograms.map((h) => {
    const row: number[] = [];
    if (underflow) row.push(h.underflow);
    for (let i = first; i <= last; i++) row.push(h.counts[i]!);
    if (overflow) row.push(h.overflow);
    return row;
  });
  return { labels, counts };
}

/** Edge labels for values in [0, 1] such as quality scores. */
export function formatFractionEdge(edge: number): string {
  return edge.toFixed(2);
}

/** Edge labels for counts such as token lengths: 1,024 → "1k", 1,048,576 → "1M". */
export function formatCountEdge(edge: number): string {
  const n = Math.round(edge);
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)}M`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024}k`;
  return String(n);
}
