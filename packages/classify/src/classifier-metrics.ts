/** Precision, recall and F1 of one label over a set of predictions. */
export interface LabelMetrics {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassifierMetrics {
  examples: number;
  accuracy: number;
  labels: LabelMetrics[];
  /** Held-out accuracy per input set (each set's documents carry one label, or the label field's). */
  sets: Array<{ set: string; examples: number; accuracy: number }>;
  /** Binary classifiers only: area under the ROC curve of P(positive label). */
  auc?: { positiveLabel: string; value: number };
}

export interface ScoredExample {
  set: string;
  label: string;
  predicted: string;
  /** Probability of each label. */
  scores: Record<string, number>;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/**
 * Area under the ROC curve: the chance that a random positive scores above a random negative, ties
 * counting one half (the Mann–Whitney U statistic over average ranks).
 */
export function rocAuc(scores: readonly number[], positive: readonly boolean[]): number {
  const order = scores.map((s, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const nPos = positive.filter(Boolean).length;
  const nNeg = positive.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  const rankSum = ranks.reduce((sum, r, i) => (positive[i] ? sum + r : sum), 0);
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export function classifierMetrics(examples: readonly ScoredExample[], positiveLabel?: string): ClassifierMetrics {
  const labels = [...new Set(examples.flatMap((e) => [e.label, e.predicted]))].filter((l) => l !== '').sort();
  const perLabel = labels.map((label) => {
    const tp = examples.filter((e) => e.label === label && e.predicted === label).length;
    const predicted = examples.filter((e) => e.predicted === label).length;
    const support = examples.filter((e) => e.label === label).length;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { label, support, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
  });
  const sets = [...new Set(examples.map((e) => e.set))].sort().map((set) => {
    const of = examples.filter((e) => e.set === set);
    return { set, examples: of.length, accuracy: ratio(of.filter((e) => e.label === e.predicted).length, of.length) };
  });
  const metrics: ClassifierMetrics = {
    examples: examples.length,
    accuracy: ratio(examples.filter((e) => e.label === e.predicted).length, examples.length),
    labels: perLabel,
    sets,
  };
  if (positiveLabel !== undefined) {
    const value = rocAuc(
      examples.map((e) => e.scores[positiveLabel] ?? 0),
      examples.map((e) => e.label === positiveLabel),
    );
    metrics.auc = { positiveLabel, value };
  }
  return metrics;
}

/** The metrics as aligned text tables, for the terminal. */
export function formatMetrics(m: ClassifierMetrics): string {
  const f = (x: number) => x.toFixed(3);
  const rows = [
    ['label', 'support', 'precision', 'recall', 'F1'],
    ...m.labels.map((l) => [l.label, String(l.support), f(l.precision), f(l.recall), f(l.f1)]),
  ];
  const sets = [['input set', 'held-out', 'accuracy'], ...m.sets.map((s) => [s.set, String(s.examples), f(s.accuracy)])];
  const lines = [...table(rows), '', ...table(sets), '', `accuracy ${f(m.accuracy)} on ${m.examples} held-out examples`];
  if (m.auc) lines.push(`AUC ${f(m.auc.value)} (positive label: ${m.auc.positiveLabel})`);
  return lines.join('\n') + '\n';
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const fmt = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [fmt(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(fmt)];
}
