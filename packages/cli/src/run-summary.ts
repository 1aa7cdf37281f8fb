import { droppedTotal } from '@anneal/core';
import type { RunOutcome } from '@anneal/pipeline';

/** The table `anneal run` prints when it finishes. */
export function formatRunSummary(outcome: RunOutcome, errorFiles: string[]): string {
  const lines: string[] = [];
  const { pipeline, tasks, ranRanks, skippedRanks, stats } = outcome;
  lines.push(
    `${pipeline.name ?? 'pipeline'}: ${ranRanks.length} task(s) run, ${skippedRanks.length} already complete, ${tasks} in all → ${pipeline.output.path}`,
  );
  if (!stats) {
    lines.push('not every task is complete yet; stats.json is written when the last one finishes');
    return lines.join('\n') + '\n';
  }
  const header = ['step', 'in', 'out', 'dropped', 'errors', 'MB in', 'MB out'];
  const rows = stats.steps.map((s) => [
    s.name,
    s.in.toLocaleString('en-US'),
    s.out.toLocaleString('en-US'),
    droppedTotal(s).toLocaleString('en-US'),
    s.errors.toLocaleString('en-US'),
    (s.bytes_in / 1e6).toFixed(2),
    (s.bytes_out / 1e6).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  lines.push(fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt));
  for (const s of stats.steps) {
    for (const [reason, n] of Object.entries(s.dropped)) lines.push(`  ${s.name}: dropped ${n.toLocaleString('en-US')} (${reason})`);
  }
  lines.push(
    `documents: ${stats.documents_in.toLocaleString('en-US')} in, ${stats.documents_out.toLocaleString('en-US')} out, ` +
      `${stats.dropped.toLocaleString('en-US')} dropped, ${stats.errors.toLocaleString('en-US')} errors`,
  );
  if (stats.errors > 0) lines.push(`bad records are listed in ${errorFiles.length} file(s) under ${pipeline.output.path}/errors/`);
  return lines.join('\n') + '\n';
}
