import type { RunDropStats } from '@anneal/stats';
import { dropReasonsSection } from './drop-reasons-section.js';
import type { ReportModel } from './report-model.js';

/** The report of a pipeline run's ledger alone: what each step kept, dropped and why. */
export function runReportModel(run: RunDropStats, title = 'anneal pipeline run'): ReportModel {
  return {
    title,
    provenance: [
      `${run.stats_file}: ${run.documents_in.toLocaleString('en-US')} documents in, ${run.documents_out.toLocaleString('en-US')} out`,
      'Per-domain statistics need the shards: anneal stats <output dir> --html report.html',
    ],
    sections: [dropReasonsSection(run)],
  };
}
