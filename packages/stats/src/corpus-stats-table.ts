import { contaminationRows } from './contamination-summary.js';
import type { CorpusStats } from './corpus-stats.js';

/** The terminal view of `anneal stats`: one row per domain, then drop reasons per step. */
export function formatCorpusStatsTable(stats: CorpusStats): string {
  const est = stats.token_counting.estimated;
  const lines: string[] = [];
  lines.push(
    `${stats.inputs.length} shard${stats.inputs.length === 1 ? '' : 's'}, ${int(stats.totals.documents)} documents, ` +
      `${bytesText(stats.totals.bytes)}, ${int(stats.totals.tokens)} tokens${est ? ' (estimated)' : ''}; by ${stats.group_by}`,
  );
  lines.push(`tokens: ${stats.token_counting.method}`);
  lines.push('');
  const header = [
    stats.group_by,
    'docs',
    'bytes',
    est ? 'tokens~' : 'tokens',
    'share',
    'quality p10/p50/p90',
    'len p10/p50/p90',
    'dup>1',
    'languages',
  ];
  const rows = stats.domains.map((d) => {
    const q = d.quality;
    const l = d.length_tokens;
    const dupOver1 = d.dup_count.buckets.filter((b) => b.min > 1).reduce((n, b) => n + b.documents, 0);
    return [
      d.domain,
      int(d.documents),
      bytesText(d.bytes),
      int(d.tokens),
      pct(d.token_share),
      q.documents ? `${fix(q.p10, 2)}/${fix(q.p50, 2)}/${fix(q.p90, 2)}` : '—',
      l.documents ? `${l.p10}/${l.p50}/${l.p90}` : '—',
      d.dup_count.documents ? int(dupOver1) : '—',
      d.languages
        .slice(0, 3)
        .map((x) => `${x.language} ${pct(x.share, 0)}`)
        .join(', ') + (d.languages.length > 3 ? ', …' : ''),
    ];
  });
  rows.push([
    'total',
    int(stats.totals.documents),
    bytesText(stats.totals.bytes),
    int(stats.totals.tokens),
    stats.totals.tokens ? '100.0%' : '—',
    '',
    '',
    '',
    '',
  ]);
  lines.push(...table(header, rows, [false, true, true, true, true, true, true, true, false]));
  if (est) lines.push('tokens~ = estimated (no tokenizer given); pass --tokenizer tokenizer.json for exact counts');

  if (stats.before_curation) {
    const b = stats.before_curation;
    lines.push('', `token share before curation (${b.inputs.length} input files, ${int(b.documents)} documents) → after:`);
    const after = new Map(stats.domains.map((d) => [d.domain, d.token_share]));
    const names = [...new Set([...b.domains.map((d) => d.domain), ...stats.domains.map((d) => d.domain)])];
    const beforeShare = new Map(b.domains.map((d) => [d.domain, d.share]));
    lines.push(
      ...table(
        [stats.group_by, 'before', 'after'],
        names.map((n) => [n, pct(beforeShare.get(n) ?? 0), pct(after.get(n) ?? 0)]),
        [false, true, true],
      ),
    );
  }

  if (stats.run) {
    const r = stats.run;
    lines.push(
      '',
      `pipeline run (${r.stats_file}): ${int(r.documents_in)} in, ${int(r.documents_out)} out, ${int(r.dropped)} dropped, ${int(r.errors)} errors`,
    );
    lines.push(
      ...table(
        ['step', 'in', 'out', 'dropped', 'errors', 'drop reasons'],
        r.steps.map((s) => {
          const reasons = Object.entries(s.dropped).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
          const total = reasons.reduce((n, [, c]) => n + c, 0);
          return [s.step, int(s.in), int(s.out), int(total), int(s.errors), reasons.map(([k, c]) => `${k} ${int(c)}`).join(', ')];
        }),
        [false, true, true, true, true, false],
      ),
    );
    const contamination = contaminationRows(r);
    if (contamination.length > 0) {
      lines.push('', 'contamination per benchmark (decontaminate):');
      lines.push(
        ...table(
          ['benchmark', 'documents hit', 'items hit', 'dropped'],
          contamination.map((c) => [c.set, int(c.documents), int(c.items), int(c.dropped)]),
          [false, true, true, true],
        ),
      );
    }
    const counters = r.steps.filter((s) => s.step !== 'decontaminate' && s.counts && Object.keys(s.counts).length > 0);
    for (const s of counters)
      lines.push(
        '',
        `${s.step} counts: ${Object.entries(s.counts!)
          .map(([k, n]) => `${k} ${int(n)}`)
          .join(', ')}`,
      );
  }

  if (stats.stages?.length) {
    for (const st of stats.stages) {
      lines.push('', `stage ${st.stage}: ${int(st.tokens)} tokens (target ${int(st.target_tokens)})`);
      lines.push(
        ...table(
          [stats.group_by, 'tokens', 'share', 'epochs'],
          st.domains.map((d) => [d.domain, int(d.tokens), pct(d.share), d.epochs === undefined ? '' : fix(d.epochs, 2)]),
          [false, true, true, true],
        ),
      );
    }
  }

  if (stats.totals.read_errors) {
    lines.push('', `${int(stats.totals.read_errors)} bad record(s) skipped while reading (not counted above):`);
    for (const e of stats.read_errors) lines.push(`  ${e}`);
    if (stats.read_errors.length < stats.totals.read_errors) lines.push(`  … and ${int(stats.totals.read_errors - stats.read_errors.length)} more`);
  }
  return lines.join('\n') + '\n';
}

function table(header: string[], rows: string[][], rightAlign: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (rightAlign[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)];
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

function fix(x: number | null, digits: number): string {
  return x === null ? '—' : x.toFixed(digits);
}

function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}
