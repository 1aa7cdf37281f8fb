import type { RunDropStats } from './corpus-stats.js';

/** One benchmark set as a run's decontaminate step met it. */
export interface ContaminationRow {
  set: string;
  /** Documents that held an item of the set (dropped or cut). */
  documents: number;
  /** Distinct items of the set found. */
  items: number;
  /** Of those documents, how many were dropped (the rest had the passages cut). */
  dropped: number;
}

/**
 * Contamination per benchmark from a run's ledger: the decontaminate step counts
 * `<set>.documents`, notes `<set>.items` (distinct) and drops as `contaminated_<set>`.
 */
export function contaminationRows(run: RunDropStats | undefined): ContaminationRow[] {
  const rows = new Map<string, ContaminationRow>();
  for (const step of run?.steps ?? []) {
    if (step.step !== 'decontaminate') continue;
    const row = (set: string) => rows.get(set) ?? rows.set(set, { set, documents: 0, items: 0, dropped: 0 }).get(set)!;
    for (const [key, n] of Object.entries(step.counts ?? {})) if (key.endsWith('.documents')) row(key.slice(0, -'.documents'.length)).documents += n;
    for (const [key, n] of Object.entries(step.distinct ?? {})) if (key.endsWith('.items')) row(key.slice(0, -'.items'.length)).items += n;
    for (const [reason, n] of Object.entries(step.dropped))
      if (reason.startsWith('contaminated_')) row(reason.slice('contaminated_'.length)).dropped += n;
  }
  return [...rows.values()].sort((a, b) => (a.set < b.set ? -1 : 1));
}
