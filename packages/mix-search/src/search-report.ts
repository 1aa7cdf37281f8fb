import { dirname, relative } from 'node:path';
import { writeFileAtomic } from '@anneal/core';
import type { ProxyResult } from './proxy-run.js';
import type { SearchSummary, StageSearchResult } from './run-search.js';

/**
 * The search's report page (self-contained HTML, inline SVG, no script): per searched stage, the
 * regressions' cross-validated Spearman ρ, predicted against measured target loss per proxy, the
 * chosen weights beside natural, uniform and UniMax, and each domain's effect on the prediction.
 */
export async function writeSearchReport(summary: SearchSummary, proxies: readonly ProxyResult[], path: string): Promise<void> {
  const rate = proxies.filter((p) => p.tokens_per_s > 0);
  const meanRate = rate.length ? rate.reduce((s, p) => s + p.tokens_per_s, 0) / rate.length : 0;
  const body = [
    `<h1>Mixture search: ${esc(summary.name)}</h1>`,
    `<p>${proxies.length} proxies × ${summary.schedule.steps} steps × ${summary.schedule.tokensPerStep} tokens; mean ${Math.round(meanRate).toLocaleString('en-US')} tokens/s per proxy. Answer: <code>${esc(relative(dirname(path), summary.mixtureYaml))}</code> beside this page (run it with <code>anneal mix</code>).</p>`,
    ...summary.stages.map((s) => stageSection(s, summary.domains)),
  ].join('\n');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>anneal mix search: ${esc(summary.name)}</title><style>
body{font:14px system-ui,sans-serif;margin:2em;max-width:60em;color:#222}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}th:first-child,td:first-child{text-align:left}
.bar{display:inline-block;height:.8em;background:#4a7fb5;vertical-align:middle}.good{color:#1a7f37}.bad{color:#b42318}
</style></head><body>${body}</body></html>\n`;
  await writeFileAtomic(path, html);
}

function stageSection(s: StageSearchResult, domains: readonly string[]): string {
  const chosen = s.models.find((m) => m.kind === s.chosen)!;
  const models = s.models
    .map((m) => `<tr><td>${m.kind}${m.kind === s.chosen ? ' (chosen)' : ''}</td><td>${fmt(m.spearman, 3)}</td><td>${m.folds}</td></tr>`)
    .join('');
  const weights = domains
    .map((d) => {
      const w = s.mixture[d]!;
      return `<tr><td>${esc(d)}</td><td><span class="bar" style="width:${(w * 12).toFixed(2)}em"></span> ${pct(w)}</td><td>${pct(s.reference.natural[d]!)}</td><td>${pct(s.reference.uniform[d]!)}</td><td>${pct(s.reference.unimax[d]!)}</td><td>${pct(s.caps[d]!)}</td></tr>`;
    })
    .join('');
  const p = s.predicted;
  const effects = domains
    .map(
      (d) =>
        `<tr><td>${esc(d)}</td><td>${signed(s.effects[d]!.without, 'the others cannot fill the budget under their caps')}</td><td>${signed(s.effects[d]!.plus_ten, 'at its cap')}${s.effects[d]!.added < 0.0995 && s.effects[d]!.added > 1e-9 ? ` (only +${(s.effects[d]!.added * 100).toPrecision(2)} points: its cap)` : ''}</td></tr>`,
    )
    .join('');
  return `<h2>Stage ${esc(s.stage)} (target loss at proxy step ${s.step})</h2>
<h3>Regressions, cross-validated</h3><table><tr><th>model</th><th>Spearman ρ (held-out proxies)</th><th>folds</th></tr>${models}</table>
<h3>Predicted (out of fold, ${chosen.kind}) vs measured target loss per proxy: Spearman ρ = ${fmt(chosen.spearman, 3)}</h3>${scatter(chosen.predictions, s.measured)}
<h3>Weights</h3><table><tr><th>domain</th><th>searched</th><th>natural</th><th>uniform</th><th>UniMax</th><th>cap (max_epochs)</th></tr>${weights}
<tr><td>predicted target loss</td><td>${fmt(p.searched, 4)}</td><td>${fmt(p.natural, 4)}</td><td>${fmt(p.uniform, 4)}</td><td>${fmt(p.unimax, 4)}</td><td></td></tr></table>
<h3>Each domain's effect on the predicted target loss (around the searched mixture)</h3>
<table><tr><th>domain</th><th>removed (others scaled up)</th><th>+10 points of share</th></tr>${effects}</table>`;
}

/** Inline SVG scatter of predicted against measured, with the y = x line. */
function scatter(predicted: readonly number[], measured: readonly number[]): string {
  const all = [...predicted, ...measured].filter(Number.isFinite);
  if (all.length === 0) return '<p>no finite predictions</p>';
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < 1e-9) {
    lo -= 0.5;
    hi += 0.5;
  }
  const size = 320;
  const pad = 40;
  const x = (v: number) => pad + ((v - lo) / (hi - lo)) * (size - 2 * pad);
  const y = (v: number) => size - pad - ((v - lo) / (hi - lo)) * (size - 2 * pad);
  const dots = measured
    .map((m, i) =>
      Number.isFinite(predicted[i]!)
        ? `<circle cx="${x(m).toFixed(1)}" cy="${y(predicted[i]!).toFixed(1)}" r="3.5" fill="#4a7fb5" fill-opacity="0.75"><title>proxy ${i}: measured ${m.toFixed(4)}, predicted ${predicted[i]!.toFixed(4)}</title></circle>`
        : '',
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" role="img" aria-label="predicted vs measured target loss">
<rect x="${pad}" y="${pad}" width="${size - 2 * pad}" height="${size - 2 * pad}" fill="none" stroke="#999"/>
<line x1="${x(lo)}" y1="${y(lo)}" x2="${x(hi)}" y2="${y(hi)}" stroke="#bbb" stroke-dasharray="4 3"/>${dots}
<text x="${size / 2}" y="${size - 8}" text-anchor="middle" font-size="12">measured target loss</text>
<text x="12" y="${size / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 12 ${size / 2})">predicted</text>
<text x="${pad}" y="${size - pad + 14}" font-size="10">${lo.toFixed(3)}</text><text x="${size - pad}" y="${size - pad + 14}" font-size="10" text-anchor="end">${hi.toFixed(3)}</text>
</svg>`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
function fmt(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : 'n/a';
}
function pct(v: number): string {
  return `${(v * 100).toFixed(1)} %`;
}
function signed(v: number | null, why: string): string {
  // JSON turns NaN into null on the way through search.json
  if (v === null || !Number.isFinite(v)) return `n/a (${why})`;
  return `<span class="${v < 0 ? 'good' : 'bad'}">${v >= 0 ? '+' : ''}${v.toFixed(4)}</span>`;
}
