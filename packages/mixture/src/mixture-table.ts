import type { MixtureResult } from './compute-mixture.js';

/** The terminal view of `anneal mix`: per stage, per domain, what was available, targeted and drawn. */
export function formatMixtureTable(result: MixtureResult): string {
  const lines: string[] = [];
  const first = result.manifests[0];
  const est = first?.token_counting.estimated ?? true;
  lines.push(
    `mixture ${result.config.name}: ${int(result.documents)} documents, ${result.manifests.length} stage(s), seed ${result.config.seed}; ` +
      `tokens ${est ? 'estimated' : 'exact'} (${first?.token_counting.method ?? ''})`,
  );
  if (result.readErrors)
    lines.push(
      `${int(result.readErrors)} bad record(s) skipped while reading: ${result.firstReadErrors.slice(0, 3).join('; ')}${result.readErrors > 3 ? '; …' : ''}`,
    );
  for (const m of result.manifests) {
    const b = m.balance;
    const how = [
      b.strategy + (b.temperature !== undefined ? ` τ=${b.temperature}` : ''),
      b.upweight
        ? `upweight ${Object.entries(b.upweight)
            .map(([k, v]) => `${k}×${v}`)
            .join(' ')}`
        : '',
      m.sampling.min_quality !== undefined ? `quality ≥ ${m.sampling.min_quality}` : '',
      m.sampling.top_quality_fraction !== undefined ? `top ${(m.sampling.top_quality_fraction * 100).toFixed(0)}% quality per domain` : '',
      m.sampling.long_documents ? `docs ≥ ${m.sampling.long_documents.min_tokens} tokens ×${m.sampling.long_documents.weight}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push('', `stage ${m.stage_index} ${m.stage} (${how}): ${int(m.tokens)} of ${int(m.target_tokens)} target tokens`);
    const header = [m.group_by, 'available', 'docs', 'excluded', 'share', 'target', 'drawn', 'Δ', 'epochs', 'max', 'selected', 'repeats'];
    const rows = m.domains.map((d) => {
      const excluded = Object.values(d.excluded).reduce((a, c) => a + c, 0);
      return [
        d.domain,
        int(d.available_tokens),
        int(d.available_documents),
        int(excluded),
        pct(d.proportion),
        int(d.target_tokens),
        int(d.tokens),
        d.target_tokens ? signedPercent((d.tokens - d.target_tokens) / d.target_tokens) : '—',
        d.epochs.toFixed(2),
        String(d.max_epochs),
        int(d.documents),
        int(d.repeats),
      ];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fmt = (cells: string[]) =>
      cells
        .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
        .join('  ')
        .trimEnd();
    lines.push(fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  }
  return lines.join('\n') + '\n';
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** "+0.12%", "-0.03%", and "0.00%" rather than "-0.00%" for a miss of a few tokens. */
function signedPercent(x: number): string {
  const text = (x * 100).toFixed(2);
  return Number(text) === 0 ? '0.00%' : `${text}%`;
}
