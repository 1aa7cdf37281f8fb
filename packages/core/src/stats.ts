/** Counters for one step of one task, in the exact shape of `stats.json` (docs/architecture.md, "Invariants": conservation). */
export interface StepStats {
  name: string;
  in: number;
  out: number;
  dropped: Record<string, number>;
  errors: number;
  bytes_in: number;
  bytes_out: number;
  /** Counters a step keeps (StepContext.count), present only when it kept some. */
  counts?: Record<string, number>;
  /** Distinct values a step saw per key (StepContext.countDistinct), sorted; present only when it saw some. */
  distinct?: Record<string, string[]>;
}

export interface RunStats {
  documents_in: number;
  documents_out: number;
  errors: number;
  dropped: number;
  steps: StepStats[];
  tasks?: number;
  [extra: string]: unknown;
}

export function emptyStepStats(name: string): StepStats {
  return { name, in: 0, out: 0, dropped: {}, errors: 0, bytes_in: 0, bytes_out: 0 };
}

export function droppedTotal(step: StepStats): number {
  let n = 0;
  for (const v of Object.values(step.dropped)) n += v;
  return n;
}

/** Describes how a step's counts fail to balance, or undefined when in = out + dropped + errors. */
export function stepImbalance(step: StepStats): string | undefined {
  const accounted = step.out + droppedTotal(step) + step.errors;
  if (step.in === accounted) return undefined;
  return `step ${step.name}: in=${step.in} but out+dropped+errors=${accounted} (out=${step.out}, dropped=${droppedTotal(step)}, errors=${step.errors})`;
}

/** Builds run-level totals from the step list. The first step is the reader. */
export function runStatsFromSteps(steps: StepStats[], extra: Record<string, unknown> = {}): RunStats {
  const first = steps[0];
  const last = steps[steps.length - 1];
  let errors = 0;
  let dropped = 0;
  for (const s of steps) {
    errors += s.errors;
    dropped += droppedTotal(s);
  }
  return {
    documents_in: first ? first.in : 0,
    documents_out: last ? last.out : 0,
    errors,
    dropped,
    steps,
    ...extra,
  };
}

/** Adds task ledgers step by step; steps must line up by position and name. */
export function mergeStepStats(parts: readonly StepStats[][]): StepStats[] {
  const merged: StepStats[] = [];
  for (const steps of parts) {
    steps.forEach((s, i) => {
      const into = merged[i] ?? (merged[i] = emptyStepStats(s.name));
      if (into.name !== s.name) throw new Error(`cannot merge stats: step ${i} is ${into.name} in one task and ${s.name} in another`);
      into.in += s.in;
      into.out += s.out;
      into.errors += s.errors;
      into.bytes_in += s.bytes_in;
      into.bytes_out += s.bytes_out;
      for (const [reason, n] of Object.entries(s.dropped)) into.dropped[reason] = (into.dropped[reason] ?? 0) + n;
      if (s.counts) {
        const counts = (into.counts ??= {});
        for (const [key, n] of Object.entries(s.counts)) counts[key] = (counts[key] ?? 0) + n;
      }
      if (s.distinct) {
        const distinct = (into.distinct ??= {});
        for (const [key, values] of Object.entries(s.distinct)) distinct[key] = [...new Set([...(distinct[key] ?? []), ...values])].sort();
      }
    });
  }
  for (const s of merged) {
    s.dropped = sortedRecord(s.dropped);
    if (s.counts) s.counts = sortedRecord(s.counts);
    if (s.distinct) s.distinct = Object.fromEntries(Object.entries(s.distinct).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return merged;
}

/** Every imbalance in a run ledger: per step, between steps, and for the run as a whole. */
export function ledgerImbalances(stats: RunStats): string[] {
  const problems: string[] = [];
  stats.steps.forEach((s, i) => {
    const p = stepImbalance(s);
    if (p) problems.push(p);
    const next = stats.steps[i + 1];
    if (next && next.in !== s.out) problems.push(`step ${next.name} took in ${next.in} documents but ${s.name} gave out ${s.out}`);
  });
  if (stats.documents_in !== stats.documents_out + stats.dropped + stats.errors) {
    problems.push(`run: documents_in=${stats.documents_in} but out+dropped+errors=${stats.documents_out + stats.dropped + stats.errors}`);
  }
  return problems;
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
