import { chartJsBundle } from './chart-library.js';
import { escapeHtml } from './html-escape.js';
import { inlineScript } from './inline-script.js';
import { PAGE_SCRIPT } from './page-script.js';
import { modelProblems, type ChartSpec, type DocumentSample, type ReportModel, type ReportSection, type ReportTable } from './report-model.js';
import { jsonForScriptElement } from './script-json.js';

/**
 * Renders a report as one self-contained HTML file: styles, data, Chart.js and the page script
 * are all inline, and the Content-Security-Policy allows no network at all and only the two
 * scripts it ships (by hash), so a document's text could not run even if it escaped its escaping.
 * Text from documents and statistics only ever enters the page through `escapeHtml` (markup) or
 * `jsonForScriptElement` (chart data, which Chart.js then draws on canvas, never as markup).
 */
export function renderHtmlReport(model: ReportModel): string {
  const problems = modelProblems(model);
  if (problems.length > 0) throw new Error(`report model is not renderable:\n  ${problems.join('\n  ')}`);
  const chartJs = chartJsBundle();
  const page = inlineScript(PAGE_SCRIPT, 'report page script');
  const charts = model.sections.flatMap((s) => s.charts);
  const csp = ["default-src 'none'", `script-src ${chartJs.cspHash} ${page.cspHash}`, "style-src 'unsafe-inline'", 'img-src data:'].join('; ');
  // built from constants and base64 hashes only, so it needs no escaping inside the attribute
  if (/["<>&]/.test(csp)) throw new Error(`report CSP has a character that would need escaping: ${csp}`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(model.title)}</h1>
${model.provenance.map((line) => `<p class="provenance">${escapeHtml(line)}</p>`).join('\n')}
<nav>${model.sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`).join(' · ')}</nav>
</header>
<main>
${model.sections.map(renderSection).join('\n')}
</main>
<script type="application/json" id="report-data">${jsonForScriptElement({ charts })}</script>
<script>${chartJs.source}</script>
<script>${page.source}</script>
</body>
</html>
`;
}

function renderSection(section: ReportSection): string {
  const parts = [`<section id="${escapeHtml(section.id)}">`, `<h2>${escapeHtml(section.title)}</h2>`];
  for (const note of section.notes) parts.push(`<p>${escapeHtml(note)}</p>`);
  // charts lead: they are what a reader scans for; the tables under them hold the exact figures
  if (section.charts.length > 0) parts.push(`<div class="charts">${section.charts.map(renderChartSlot).join('')}</div>`);
  if (section.tables.length > 0) parts.push(`<div class="tables">${section.tables.map(renderTable).join('\n')}</div>`);
  if (section.samples.length > 0) parts.push(renderSamples(section.samples));
  parts.push('</section>');
  return parts.join('\n');
}

function renderTable(table: ReportTable): string {
  const head = table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row.map((cell) => (typeof cell === 'number' ? `<td class="num">${escapeHtml(formatCell(cell))}</td>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  const caption = table.caption ? `<caption>${escapeHtml(table.caption)}</caption>` : '';
  return `<div class="table-wrap"><table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function formatCell(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function renderChartSlot(chart: ChartSpec): string {
  const wide = chart.wide || chart.kind === 'stacked-share' || chart.labels.length > 24 ? ' wide' : '';
  const height = chart.height === undefined ? '' : ` style="height: ${Math.round(chart.height)}px"`;
  return `<figure class="chart${wide}"><figcaption>${escapeHtml(chart.title)}</figcaption><div class="canvas-box"${height}><canvas id="chart-${escapeHtml(chart.id)}" role="img" aria-label="${escapeHtml(chart.title)}"></canvas></div></figure>`;
}

function renderSamples(samples: DocumentSample[]): string {
  const byDomain = new Map<string, DocumentSample[]>();
  for (const s of samples) {
    const list = byDomain.get(s.domain) ?? [];
    list.push(s);
    byDomain.set(s.domain, list);
  }
  const groups = [...byDomain].map(([domain, docs]) => {
    const items = docs.map((d) => {
      const facts = d.facts.map(([k, v]) => `<span class="fact">${escapeHtml(k)}: ${escapeHtml(v)}</span>`).join(' ');
      const more = d.truncated ? '<p class="omitted">… (the beginning of the document only)</p>' : '';
      return `<article class="doc"><header><code>${escapeHtml(d.id)}</code> ${facts}</header><pre class="doc-text">${escapeHtml(d.text)}</pre>${more}</article>`;
    });
    return `<details open class="domain-samples"><summary>${escapeHtml(domain)} (${docs.length})</summary>\n${items.join('\n')}\n</details>`;
  });
  return groups.join('\n');
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2530; background: #f6f7f9; }
header, main { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 16px; }
h1 { margin: 0 0 4px; font-size: 24px; }
h2 { margin: 28px 0 8px; font-size: 19px; border-bottom: 1px solid #d5d9e0; padding-bottom: 4px; }
.provenance { margin: 0; color: #5a6473; }
nav { margin: 10px 0 0; }
nav a { color: #2f5d8a; }
.tables { display: flex; flex-wrap: wrap; gap: 0 24px; align-items: flex-start; margin-top: 8px; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 8px 0 12px; background: #fff; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid #d5d9e0; padding: 3px 8px; }
th { background: #eef1f5; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 14px; }
.chart { margin: 0; background: #fff; border: 1px solid #d5d9e0; border-radius: 6px; padding: 8px 10px; }
.chart.wide { grid-column: 1 / -1; }
.chart figcaption { font-weight: 600; margin-bottom: 4px; }
.canvas-box { position: relative; height: 260px; }
.domain-samples { background: #fff; border: 1px solid #d5d9e0; border-radius: 6px; margin: 10px 0; padding: 6px 12px; }
.domain-samples summary { font-weight: 600; cursor: pointer; }
.doc { border-top: 1px solid #e6e9ee; padding: 6px 0; }
.doc header { padding: 0; color: #5a6473; }
.fact { margin-left: 10px; }
.doc-text { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 16em; overflow-y: auto; background: #fafbfc; padding: 6px; margin: 4px 0; font-size: 12.5px; }
.omitted { margin: 0; color: #5a6473; font-style: italic; }
`;
