/**
 * What an HTML report shows, as plain data: sections of tables, charts and sample documents.
 * Builders turn statistics into this; `renderHtmlReport` turns this into one HTML file. Keeping
 * the two apart lets the page be tested on any model, and the statistics be tested without a page.
 */

export type ChartKind =
  /** one bar per label per series, side by side */
  | 'bar'
  /** bars stacked by series */
  | 'stacked-bar'
  /** horizontal bars stacked by series, values in percent of each bar (domain shares) */
  | 'stacked-share'
  /** one ring, one slice per label (the first series only) */
  | 'doughnut'
  /** touching bars over bins given as labels; several series stack */
  | 'histogram';

export interface ChartSeries {
  name: string;
  values: number[];
  /** CSS colour; the page picks one by position when absent */
  color?: string;
}

export interface ChartSpec {
  /** unique within the page: lowercase letters, digits and dashes */
  id: string;
  title: string;
  kind: ChartKind;
  /** categories, or bins of a histogram */
  labels: string[];
  series: ChartSeries[];
  /** doughnut slice colours, by label */
  labelColors?: string[];
  xTitle?: string;
  yTitle?: string;
  /** value axis on a logarithmic scale (counts that span orders of magnitude) */
  logY?: boolean;
  /** bars run left to right, labels down the side (long labels, many categories) */
  horizontal?: boolean;
  /** takes the page's full width */
  wide?: boolean;
  /** drawing height in CSS pixels (default 260) */
  height?: number;
}

export interface ReportTable {
  caption?: string;
  columns: string[];
  rows: Array<Array<string | number>>;
}

export interface DocumentSample {
  id: string;
  domain: string;
  /** the document text, possibly only its beginning (see `truncated`) */
  text: string;
  /** whether `text` is only the beginning of the document */
  truncated: boolean;
  /** short facts shown beside the id: quality, dup_count, language, length */
  facts: Array<[string, string]>;
}

export interface ReportSection {
  id: string;
  title: string;
  /** paragraphs of plain text (escaped like everything else) */
  notes: string[];
  tables: ReportTable[];
  charts: ChartSpec[];
  samples: DocumentSample[];
}

export interface ReportModel {
  title: string;
  /** lines under the title: what the report was built from, when */
  provenance: string[];
  sections: ReportSection[];
}

export function emptySection(id: string, title: string): ReportSection {
  return { id, title, notes: [], tables: [], charts: [], samples: [] };
}

const CHART_ID = /^[a-z0-9-]+$/;

/** Every problem that would make the page wrong: duplicate or unusable ids, ragged series. */
export function modelProblems(model: ReportModel): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const section of model.sections) {
    for (const chart of section.charts) {
      const where = `section ${section.id}, chart ${chart.id}`;
      if (!CHART_ID.test(chart.id)) problems.push(`${where}: id must be lowercase letters, digits and dashes`);
      if (ids.has(chart.id)) problems.push(`${where}: id used twice`);
      ids.add(chart.id);
      if (chart.series.length === 0) problems.push(`${where}: no series`);
      for (const s of chart.series) {
        if (s.values.length !== chart.labels.length) {
          problems.push(`${where}: series ${s.name} has ${s.values.length} values for ${chart.labels.length} labels`);
        }
        if (s.values.some((v) => !Number.isFinite(v))) problems.push(`${where}: series ${s.name} has a value that is not a finite number`);
      }
      if (chart.height !== undefined && !(chart.height >= 100 && chart.height <= 5000)) problems.push(`${where}: height must be 100 to 5000 pixels`);
    }
    for (const table of section.tables) {
      table.rows.forEach((row, i) => {
        if (row.length !== table.columns.length) {
          problems.push(
            `section ${section.id}, table ${table.caption ?? ''}: row ${i + 1} has ${row.length} cells for ${table.columns.length} columns`,
          );
        }
      });
    }
  }
  return problems;
}
