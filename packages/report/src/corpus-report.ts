import type { CorpusStats, DomainShare, DomainStats, Histogram, SampleDocument } from '@anneal/stats';
import { DomainColors } from './domain-colors.js';
import { dropReasonsSection } from './drop-reasons-section.js';
import { formatCountEdge, formatFractionEdge, histogramBars } from './histogram-bins.js';
import { emptySection, type ChartSpec, type DocumentSample, type ReportModel, type ReportSection, type ReportTable } from './report-model.js';

export interface CorpusReportOptions {
  title?: string;
  /** when the report was made; shown, never read from the clock here so a report can be reproduced */
  generatedAt?: string;
}

/**
 * The report of `anneal stats`: domain composition before and after curation and per mixture
 * stage, quality, length and dup_count distributions per domain, drop reasons per pipeline step,
 * and sample documents. A chart that would have nothing to draw is left out and the section says
 * why, so every chart on the page shows data.
 */
export function corpusReportModel(stats: CorpusStats, options: CorpusReportOptions = {}): ReportModel {
  const colors = new DomainColors([
    ...stats.domains.map((d) => d.domain),
    ...(stats.before_curation?.domains ?? []).map((d) => d.domain),
    ...(stats.stages ?? []).flatMap((s) => s.domains.map((d) => d.domain)),
  ]);
  const counting = stats.token_counting.estimated
    ? `tokens estimated (${stats.token_counting.method})`
    : `tokens exact (${stats.token_counting.method})`;
  const provenance = [
    `${stats.inputs.length} shard file${stats.inputs.length === 1 ? '' : 's'}: ${listSome(stats.inputs, 4)}`,
    `${fmt(stats.totals.documents)} documents, ${fmt(stats.totals.bytes)} bytes, ${fmt(stats.totals.tokens)} ${counting}; grouped by "${stats.group_by}"`,
  ];
  if (stats.totals.read_errors > 0) provenance.push(`${fmt(stats.totals.read_errors)} bad records were skipped while reading (listed at the end)`);
  if (options.generatedAt) provenance.push(`generated ${options.generatedAt}`);
  const sections = [
    overviewSection(stats),
    sharesSection(stats, colors),
    qualitySection(stats.domains, colors),
    lengthSection(stats.domains, colors, stats.token_counting.estimated),
    dupCountSection(stats.domains, colors),
    dropReasonsSection(stats.run),
    samplesSection(stats.domains),
  ];
  if (stats.read_errors.length > 0) sections.push(readErrorsSection(stats));
  return { title: options.title ?? 'anneal corpus statistics', provenance, sections };
}

function overviewSection(stats: CorpusStats): ReportSection {
  const section = emptySection('domains', 'Domains');
  const est = stats.token_counting.estimated ? ' (est.)' : '';
  section.tables.push({
    columns: [
      'domain',
      'documents',
      'bytes',
      `tokens${est}`,
      '% of tokens',
      '% of documents',
      'quality p10',
      'p50',
      'p90',
      `length p50 (tokens${est})`,
      'max dup_count',
      'languages',
    ],
    rows: stats.domains.map((d) => [
      d.domain,
      d.documents,
      d.bytes,
      d.tokens,
      percent(d.token_share),
      percent(d.document_share),
      maybe(d.quality.p10),
      maybe(d.quality.p50),
      maybe(d.quality.p90),
      maybe(d.length_tokens.p50),
      d.dup_count.max ?? '—',
      d.languages
        .slice(0, 3)
        .map((l) => `${l.language} ${percent(l.share)}%`)
        .join(', ') || '—',
    ]),
  });
  return section;
}

function sharesSection(stats: CorpusStats, colors: DomainColors): ReportSection {
  const section = emptySection('shares', 'Domain shares of tokens');
  const bars: Array<{ label: string; domains: DomainShare[] }> = [];
  if (stats.before_curation) {
    bars.push({ label: 'before curation', domains: stats.before_curation.domains });
  } else {
    section.notes.push('No "before curation" bar: the input is not a pipeline output directory whose config.yaml names readable inputs.');
  }
  const after = stats.domains.map((d) => ({ domain: d.domain, tokens: d.tokens, share: d.token_share }));
  bars.push({ label: stats.before_curation ? 'after curation' : 'these shards', domains: after });
  for (const stage of stats.stages ?? []) bars.push({ label: `stage: ${stage.stage}`, domains: stage.domains });
  const domains = [...new Set(bars.flatMap((b) => b.domains.map((d) => d.domain)))];
  section.charts.push({
    id: 'domain-shares',
    title: 'Share of tokens per domain',
    kind: 'stacked-share',
    labels: bars.map((b) => b.label),
    series: domains.map((domain) => ({
      name: domain,
      color: colors.of(domain),
      values: bars.map((b) => round2(100 * (b.domains.find((d) => d.domain === domain)?.share ?? 0))),
    })),
  });
  if (stats.totals.tokens > 0) {
    section.charts.push(shareDoughnut('shares-after', stats.before_curation ? 'After curation' : 'These shards', after, colors));
  }
  if (stats.before_curation && stats.before_curation.tokens > 0) {
    section.charts.push(shareDoughnut('shares-before', 'Before curation', stats.before_curation.domains, colors));
    section.tables.push(beforeAfterTable(stats.before_curation.domains, after));
  }
  for (const stage of stats.stages ?? []) section.tables.push(stageTable(stage.stage, stage.target_tokens, stage.tokens, stage.domains));
  return section;
}

function shareDoughnut(id: string, title: string, shares: DomainShare[], colors: DomainColors): ChartSpec {
  const shown = shares.filter((d) => d.tokens > 0);
  return {
    id,
    title: `${title}: tokens per domain`,
    kind: 'doughnut',
    labels: shown.map((d) => d.domain),
    labelColors: shown.map((d) => colors.of(d.domain)),
    series: [{ name: 'tokens', values: shown.map((d) => d.tokens) }],
  };
}

function beforeAfterTable(before: DomainShare[], after: DomainShare[]): ReportTable {
  const domains = [...new Set([...after.map((d) => d.domain), ...before.map((d) => d.domain)])];
  return {
    caption: 'Curation: tokens per domain before and after',
    columns: ['domain', 'tokens before', '% before', 'tokens after', '% after', 'kept % of tokens'],
    rows: domains.map((domain) => {
      const b = before.find((d) => d.domain === domain);
      const a = after.find((d) => d.domain === domain);
      return [
        domain,
        b?.tokens ?? 0,
        percent(b?.share ?? 0),
        a?.tokens ?? 0,
        percent(a?.share ?? 0),
        b && b.tokens > 0 ? percent((a?.tokens ?? 0) / b.tokens) : '—',
      ];
    }),
  };
}

function stageTable(stage: string, target: number, tokens: number, domains: DomainShare[]): ReportTable {
  return {
    caption: `Stage ${stage}: ${fmt(tokens)} tokens sampled for a budget of ${fmt(target)}`,
    columns: ['domain', 'tokens', '% of stage', 'epochs', 'documents selected'],
    rows: domains.map((d) => [d.domain, d.tokens, percent(d.share), d.epochs === undefined ? '—' : round2(d.epochs), d.documents ?? '—']),
  };
}

function qualitySection(domains: DomainStats[], colors: DomainColors): ReportSection {
  const section = emptySection('quality', 'Quality per domain');
  const scored = domains.filter((d) => d.quality.documents > 0);
  const unscored = domains.filter((d) => d.quality.missing > 0);
  if (scored.length === 0) {
    section.notes.push('No document carries a numeric "quality" in [0, 1]; run a quality classifier step (see the classify package) to get one.');
    return section;
  }
  if (unscored.length > 0) {
    section.notes.push(`Documents without a quality score, not drawn: ${unscored.map((d) => `${d.domain} ${fmt(d.quality.missing)}`).join(', ')}.`);
  }
  pushDomainHistograms(section, scored, colors, (d) => d.quality.histogram, formatFractionEdge, {
    id: 'quality',
    title: (d) => `${d.domain}: quality (p10 ${maybe(d.quality.p10)}, p50 ${maybe(d.quality.p50)}, p90 ${maybe(d.quality.p90)})`,
    xTitle: 'quality',
  });
  return section;
}

/** One histogram chart per domain, `<id>-<i>`, all on the same bins so that the charts compare side by side. */
function pushDomainHistograms(
  section: ReportSection,
  domains: DomainStats[],
  colors: DomainColors,
  histogramOf: (d: DomainStats) => Histogram,
  formatEdge: (edge: number) => string,
  chart: { id: string; title: (d: DomainStats) => string; xTitle: string },
): void {
  const bars = histogramBars(domains.map(histogramOf), formatEdge);
  domains.forEach((d, i) => {
    section.charts.push({
      id: `${chart.id}-${i}`,
      title: chart.title(d),
      kind: 'histogram',
      labels: bars.labels,
      series: [{ name: d.domain, values: bars.counts[i]!, color: colors.of(d.domain) }],
      xTitle: chart.xTitle,
      yTitle: 'documents',
    });
  });
}

function lengthSection(domains: DomainStats[], colors: DomainColors, estimated: boolean): ReportSection {
  const section = emptySection('length', 'Document length per domain');
  const measured = domains.filter((d) => d.length_tokens.documents > 0);
  if (measured.length === 0) {
    section.notes.push('No documents to measure.');
    return section;
  }
  section.notes.push(`Length in tokens${estimated ? ' (estimated)' : ''}, in power-of-two bins (k = 1,024).`);
  pushDomainHistograms(section, measured, colors, (d) => d.length_tokens.histogram, formatCountEdge, {
    id: 'length',
    title: (d) => `${d.domain}: length (p50 ${maybe(d.length_tokens.p50)} tokens, p90 ${maybe(d.length_tokens.p90)})`,
    xTitle: 'tokens',
  });
  return section;
}

function dupCountSection(domains: DomainStats[], colors: DomainColors): ReportSection {
  const section = emptySection('dup-count', 'Duplicate cluster sizes (dup_count)');
  const counted = domains.filter((d) => d.dup_count.documents > 0);
  if (counted.length === 0) {
    section.notes.push('No document carries "dup_count"; run a dedup step (exact_dedup or minhash_dedup) to record cluster sizes.');
    return section;
  }
  const missing = domains.filter((d) => d.dup_count.missing > 0);
  if (missing.length > 0)
    section.notes.push(
      `Documents without dup_count (counted as 1 by mixtures), not drawn: ${missing.map((d) => `${d.domain} ${fmt(d.dup_count.missing)}`).join(', ')}.`,
    );
  // buckets are power-of-two ranges named by their bounds; take the union in order of their lower bound
  const buckets = new Map<string, number>();
  for (const d of counted) for (const b of d.dup_count.buckets) buckets.set(b.label, b.min);
  const labels = [...buckets].sort((a, b) => a[1] - b[1]).map(([label]) => label);
  section.charts.push({
    id: 'dup-count',
    title: 'Documents by the size of the duplicate cluster they stand for',
    kind: 'bar',
    labels,
    series: counted.map((d) => ({
      name: d.domain,
      color: colors.of(d.domain),
      values: labels.map((l) => d.dup_count.buckets.find((b) => b.label === l)?.documents ?? 0),
    })),
    xTitle: 'dup_count',
    yTitle: 'documents (log scale)',
    logY: true,
    wide: counted.length > 3,
  });
  section.tables.push({
    columns: ['domain', 'documents with dup_count', 'documents they stand for', 'max dup_count'],
    rows: counted.map((d) => [d.domain, d.dup_count.documents, d.dup_count.represented_documents, d.dup_count.max ?? '—']),
  });
  return section;
}

function samplesSection(domains: DomainStats[]): ReportSection {
  const section = emptySection('samples', 'Sample documents');
  section.notes.push('A few documents per domain, chosen by a seeded hash of their id (the same documents on every run, whatever the shard order).');
  for (const d of domains) for (const s of d.samples) section.samples.push(sampleOf(d.domain, s));
  if (section.samples.length === 0) section.notes.push('No samples were collected.');
  return section;
}

function sampleOf(domain: string, s: SampleDocument): DocumentSample {
  const facts: Array<[string, string]> = [
    ['tokens', fmt(s.tokens)],
    ['bytes', fmt(s.bytes)],
  ];
  if (s.quality !== undefined) facts.push(['quality', s.quality.toFixed(3)]);
  if (s.dup_count !== undefined) facts.push(['dup_count', fmt(s.dup_count)]);
  if (s.language !== undefined) facts.push(['language', s.language]);
  if (s.source !== undefined) facts.push(['source', s.source]);
  facts.push(['file', s.file]);
  return { id: s.id, domain, text: s.text, truncated: s.truncated, facts };
}

function readErrorsSection(stats: CorpusStats): ReportSection {
  const section = emptySection('read-errors', 'Bad records skipped while reading');
  const shown = stats.read_errors.length;
  section.notes.push(`${fmt(stats.totals.read_errors)} in all${shown < stats.totals.read_errors ? `; the first ${fmt(shown)}` : ''}:`);
  section.tables.push({ columns: ['error'], rows: stats.read_errors.map((e) => [e]) });
  return section;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function percent(share: number): number {
  return round2(100 * share);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function maybe(v: number | null): number | string {
  return v === null ? '—' : Number(v.toPrecision(4));
}

function listSome(items: string[], n: number): string {
  return items.length <= n ? items.join(', ') : `${items.slice(0, n).join(', ')} and ${items.length - n} more`;
}
