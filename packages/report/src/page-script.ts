/**
 * The script the report page runs: reads the chart specs from the page's JSON data element and
 * draws each with Chart.js into its canvas. Kept as plain ES2017 source text because it runs in
 * the browser, not in Node; the Chromium test is what checks it. Animation is off so that a
 * printed or screenshotted page shows finished charts.
 */
export const PAGE_SCRIPT = String.raw`'use strict';
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  // past the ten palette colours, hues spaced by the golden angle stay apart
  function pick(i) { return i < palette.length ? palette[i] : 'hsl(' + Math.round(((i - palette.length) * 137.508) % 360) + ', 55%, 55%)'; }
  function formatNumber(v) { return typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(v); }
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, sans-serif';
  Chart.defaults.maintainAspectRatio = false;
  var drawn = 0;
  data.charts.forEach(function (spec) {
    var canvas = document.getElementById('chart-' + spec.id);
    if (!canvas) throw new Error('report: no canvas for chart ' + spec.id);
    var doughnut = spec.kind === 'doughnut';
    var share = spec.kind === 'stacked-share';
    var horizontal = share || !!spec.horizontal;
    var stacked = share || spec.kind === 'stacked-bar' || spec.kind === 'histogram';
    var histogram = spec.kind === 'histogram';
    var series = doughnut ? spec.series.slice(0, 1) : spec.series;
    var datasets = series.map(function (s, i) {
      var d = { label: s.name, data: s.values };
      if (doughnut) d.backgroundColor = spec.labels.map(function (_, j) { return (spec.labelColors && spec.labelColors[j]) || pick(j); });
      else d.backgroundColor = s.color || pick(i);
      if (histogram) { d.barPercentage = 1; d.categoryPercentage = 1; d.borderWidth = 0.5; d.borderColor = '#ffffff'; }
      return d;
    });
    var options = {
      responsive: true,
      plugins: {
        legend: { display: doughnut || series.length > 1, position: doughnut ? 'right' : 'top' },
        tooltip: { callbacks: { label: function (ctx) {
          var v = doughnut ? ctx.parsed : (horizontal ? ctx.parsed.x : ctx.parsed.y);
          return (ctx.dataset.label ? ctx.dataset.label + ': ' : '') + formatNumber(v) + (share ? ' %' : '');
        } } }
      }
    };
    if (!doughnut) {
      var valueAxis = { stacked: stacked, beginAtZero: true, title: { display: !!spec.yTitle, text: spec.yTitle || '' } };
      if (spec.logY) {
        valueAxis.type = 'logarithmic';
        delete valueAxis.beginAtZero;
        // a bar of 1 must show above the axis, and only powers of ten are labelled
        valueAxis.min = 0.5;
        valueAxis.ticks = { callback: function (v) { return Math.abs(Math.log10(v) % 1) < 1e-9 ? formatNumber(v) : ''; } };
      }
      if (share) { valueAxis.max = 100; valueAxis.title = { display: true, text: '% of tokens' }; }
      var categoryAxis = { stacked: stacked, title: { display: !!spec.xTitle, text: spec.xTitle || '' } };
      if (horizontal) { options.indexAxis = 'y'; options.scales = { x: valueAxis, y: categoryAxis }; }
      else options.scales = { x: categoryAxis, y: valueAxis };
    }
    new Chart(canvas, { type: doughnut ? 'doughnut' : 'bar', data: { labels: spec.labels, datasets: datasets }, options: options });
    drawn += 1;
  });
  document.body.setAttribute('data-charts-drawn', String(drawn));
})();
`;
