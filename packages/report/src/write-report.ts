import { writeFileAtomic } from '@anneal/core';
import type { CorpusStats } from '@anneal/stats';
import type { ReportSource } from './report-source.js';
import { runReportModel } from './run-report.js';
import { corpusReportModel, type CorpusReportOptions } from './corpus-report.js';
import { renderHtmlReport } from './html-report.js';

/** Renders the corpus report and writes it through a temporary file, so a reader never sees half a page. */
export async function writeCorpusReport(path: string, stats: CorpusStats, options: CorpusReportOptions = {}): Promise<void> {
  await writeFileAtomic(path, renderHtmlReport(corpusReportModel(stats, options)));
}

/** Renders whichever report a source file supports (see `readReportSource`) to `path`. */
export async function writeReportFromSource(path: string, source: ReportSource): Promise<void> {
  const model = source.kind === 'corpus' ? corpusReportModel(source.stats) : runReportModel(source.run);
  await writeFileAtomic(path, renderHtmlReport(model));
}
