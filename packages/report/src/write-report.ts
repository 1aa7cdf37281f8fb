import { writeFileAtomic } from '@anneal/core';
import type { CorpusStats } from '@anneal/mixture';
import { corpusReportModel, type CorpusReportOptions } from './corpus-report.js';
import { renderHtmlReport } from './html-report.js';

/** Renders the corpus report and writes it through a temporary file, so a reader never sees half a page. */
export async function writeCorpusReport(path: string, stats: CorpusStats, options: CorpusReportOptions = {}): Promise<void> {
  await writeFileAtomic(path, renderHtmlReport(corpusReportModel(stats, options)));
}
