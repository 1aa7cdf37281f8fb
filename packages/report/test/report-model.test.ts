import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptySection, modelProblems, renderHtmlReport, type ReportModel } from '../src/index.js';
import { histogramBars, formatCountEdge } from '../src/histogram-bins.js';

function modelWith(charts: ReportModel['sections'][number]['charts']): ReportModel {
  const section = emptySection('s', 'S');
  section.charts = charts;
  return { title: 't', provenance: [], sections: [section] };
}

test('a model with ragged series, bad ids or duplicate ids is refused with every problem named', () => {
  const model = modelWith([
    { id: 'a', title: 'A', kind: 'bar', labels: ['x', 'y'], series: [{ name: 'n', values: [1] }] },
    { id: 'a', title: 'A again', kind: 'bar', labels: ['x'], series: [{ name: 'n', values: [Number.NaN] }] },
    { id: 'Bad Id', title: 'B', kind: 'doughnut', labels: [], series: [] },
  ]);
  const problems = modelProblems(model);
  assert.deepEqual(problems, [
    'section s, chart a: series n has 1 values for 2 labels',
    'section s, chart a: id used twice',
    'section s, chart a: series n has a value that is not a finite number',
    'section s, chart Bad Id: id must be lowercase letters, digits and dashes',
    'section s, chart Bad Id: no series',
  ]);
  assert.throws(() => renderHtmlReport(model), /report model is not renderable:\n {2}section s, chart a: series n has 1 values/);
});

test('the page is self-contained: no external URL, Chart.js and the page script inline and allowed by hash only', () => {
  const html = renderHtmlReport(modelWith([{ id: 'a', title: 'A', kind: 'bar', labels: ['x'], series: [{ name: 'n', values: [1] }] }]));
  assert.doesNotMatch(html, /\b(src|href)="(?!#)/, 'no src/href other than in-page anchors');
  assert.doesNotMatch(html, /sourceMappingURL/);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp, 'the page carries a CSP');
  assert.match(csp!, /default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+'; style-src 'unsafe-inline'; img-src data:/);
  assert.match(html, /Chart\.js v4/);
});

test('histogram bars trim empty bins at both ends across all domains and keep under/overflow visible', () => {
  const edges = [1, 2, 4, 8, 16, 32];
  const bars = histogramBars(
    [
      { edges, counts: [0, 3, 0, 1, 0], underflow: 0, overflow: 0 },
      { edges, counts: [0, 0, 2, 0, 0], underflow: 0, overflow: 5 },
    ],
    formatCountEdge,
  );
  assert.deepEqual(bars.labels, ['2–4', '4–8', '8–16', '> 32']);
  assert.deepEqual(bars.counts, [
    [3, 0, 1, 0],
    [0, 2, 0, 5],
  ]);
  assert.throws(() => histogramBars([{ edges, counts: [1], underflow: 0, overflow: 0 }], String), /1 counts for 6 edges/);
  assert.equal(formatCountEdge(2048), '2k');
  assert.equal(formatCountEdge(3 * 1024 * 1024), '3M');
  assert.equal(formatCountEdge(100), '100');
});
