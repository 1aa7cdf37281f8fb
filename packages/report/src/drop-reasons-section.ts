import { contaminationRows, type RunDropStats } from '@anneal/stats';
import { emptySection, type ReportSection } from './report-model.js';

/**
 * A pipeline run's ledger as a table (in, out, dropped, errors per step) and a chart of every drop
 * reason, so a user sees which rule removed how much. Shared by the corpus report and the report of
 * a bare `stats.json`.
 */
export function dropReasonsSection(run: RunDropStats | undefined): ReportSection {
  const section = emptySection('drops', 'Drop reasons per pipeline step');
  if (!run) {
    section.notes.push('No stats.json beside the shards: drop reasons are shown when the input is a pipeline output directory.');
    return section;
  }
  section.notes.push(
    `From ${run.stats_file}: ${fmt(run.documents_in)} documents in, ${fmt(run.documents_out)} out, ${fmt(run.dropped)} dropped, ${fmt(run.errors)} errors.`,
  );
  section.tables.push({
    columns: ['step', 'in', 'out', 'dropped', 'errors', 'drop reasons'],
    rows: run.steps.map((s) => {
      const dropped = Object.values(s.dropped).reduce((a, b) => a + b, 0);
      const reasons = Object.entries(s.dropped)
        .sort((a, b) => b[1] - a[1])
        .map(([r, n]) => `${r} ${fmt(n)}`)
        .join(', ');
      return [s.step, s.in, s.out, dropped, s.errors, reasons || '—'];
    }),
  });
  const contamination = contaminationRows(run);
  if (contamination.length > 0) {
    section.notes.push(
      'Contamination per benchmark (decontaminate): documents that held an item of the set, distinct items found, and how many of those documents were dropped (the rest had the passages cut).',
    );
    section.tables.push({
      columns: ['benchmark', 'documents hit', 'items hit', 'dropped'],
      rows: contamination.map((c) => [c.set, c.documents, c.items, c.dropped]),
    });
  }
  for (const s of run.steps.filter((s) => s.step !== 'decontaminate' && s.counts && Object.keys(s.counts).length > 0)) {
    section.tables.push({ columns: [`${s.step}: counted`, 'n'], rows: Object.entries(s.counts!).map(([k, n]) => [k, n]) });
  }
  const anything = run.steps.some((s) => s.errors > 0 || Object.values(s.dropped).some((n) => n > 0));
  if (!anything) {
    section.notes.push('No step dropped a document or met a bad record, so there is no chart.');
    return section;
  }
  // one bar per reason, coloured by the step that dropped it: reasons are many and each belongs to
  // one step, so bars per step stacked by reason would need a legend of every reason
  const bars = run.steps.flatMap((s) => [
    ...Object.entries(s.dropped)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, n]) => ({ step: s.step, label: reason, n })),
    ...(s.errors > 0 ? [{ step: s.step, label: `${s.step}: errors (bad records)`, n: s.errors }] : []),
  ]);
  const steps = [...new Set(bars.map((b) => b.step))];
  section.charts.push({
    id: 'drops-per-step',
    title: 'Documents removed, by reason and step',
    kind: 'stacked-bar',
    horizontal: true,
    wide: true,
    height: Math.min(5000, 90 + 22 * bars.length),
    labels: bars.map((b) => b.label),
    series: steps.map((step) => ({ name: step, values: bars.map((b) => (b.step === step ? b.n : 0)) })),
    xTitle: 'reason',
    yTitle: 'documents',
  });
  return section;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
