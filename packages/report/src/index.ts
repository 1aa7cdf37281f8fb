// Public API of @anneal/report (see docs/architecture.md, "Packages").
export { renderHtmlReport } from './html-report.js';
export { escapeHtml } from './html-escape.js';
export { jsonForScriptElement } from './script-json.js';
export {
  emptySection,
  modelProblems,
  type ChartKind,
  type ChartSeries,
  type ChartSpec,
  type DocumentSample,
  type ReportModel,
  type ReportSection,
  type ReportTable,
} from './report-model.js';
export { corpusReportModel, type CorpusReportOptions } from './corpus-report.js';
export { writeCorpusReport, writeReportFromSource } from './write-report.js';
export { runReportModel } from './run-report.js';
export { readReportSource, type ReportSource } from './report-source.js';
