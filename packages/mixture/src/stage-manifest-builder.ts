import { inputFormatOf } from '@anneal/io';
import type { TokenCounting } from '@anneal/stats';
import type { DocumentTable } from './document-table.js';
import { balanceDomains, type DomainSupply } from './domain-balance.js';
import { documentWeight, type FrequencyWeighting } from './frequency-weight.js';
import { maxEpochsFor, stageSampling, type MixtureConfig, type MixtureStageConfig } from './mixture-config.js';
import { maxRepeatTokens, repeatCounts } from './repeat-counts.js';
import { STAGE_MANIFEST_FORMAT, STAGE_MANIFEST_VERSION, type ManifestDomain, type ManifestShard, type StageManifest } from './stage-manifest.js';

export interface StageBuildContext {
  config: MixtureConfig;
  table: DocumentTable;
  tokenCounting: TokenCounting;
  /** Absolute directory the shard display paths are relative to. */
  baseDir: string;
}

/**
 * One stage: which documents are eligible (quality floor, top quality fraction per domain), how many
 * tokens each domain gets (the balancing strategy under epoch caps), and how many times each
 * document is repeated (frequency-aware weights scaled to the domain target, rounded by seeded draws).
 */
export function buildStageManifest(ctx: StageBuildContext, stage: MixtureStageConfig, stageIndex: number): StageManifest {
  const { config, table } = ctx;
  const sampling = stageSampling(config, stage);
  const weighting: FrequencyWeighting = {
    qualityExponent: sampling.quality_exponent,
    dupExponent: sampling.dup_exponent,
    dupCap: sampling.dup_cap,
    missingQuality: sampling.missing_quality === 'exclude' ? 0 : sampling.missing_quality,
    longDocuments: stage.long_documents ? { minTokens: stage.long_documents.min_tokens, weight: stage.long_documents.weight } : undefined,
  };

  // Eligibility, domain by domain.
  const members: number[][] = table.domains.map(() => []);
  const excluded: Record<string, number>[] = table.domains.map(() => ({}));
  const exclude = (d: number, reason: string) => (excluded[d]![reason] = (excluded[d]![reason] ?? 0) + 1);
  for (let i = 0; i < table.ids.length; i++) {
    const d = table.domain[i]!;
    const q = table.quality[i]!;
    if (Number.isNaN(q) && sampling.missing_quality === 'exclude') exclude(d, 'missing_quality');
    else if (stage.min_quality !== undefined && (Number.isNaN(q) ? weighting.missingQuality : q) < stage.min_quality) exclude(d, 'below_min_quality');
    else if (table.tokens[i] === 0) exclude(d, 'empty');
    else members[d]!.push(i);
  }
  if (stage.top_quality_fraction !== undefined) {
    const fraction = stage.top_quality_fraction;
    members.forEach((list, d) => {
      // Keep the ceil(f·n) best by quality; at the cut, equal qualities are taken by id, so the cut
      // does not depend on input order. A native sort of the values finds the cut; no comparator sort of documents.
      const q = Float64Array.from(list, (i) => (Number.isNaN(table.quality[i]!) ? weighting.missingQuality : table.quality[i]!));
      const keep = Math.ceil(fraction * list.length);
      if (keep === list.length) return;
      const cut = keep === 0 ? Infinity : Float64Array.from(q).sort()[list.length - keep]!;
      const kept: number[] = [];
      const atCut: number[] = [];
      list.forEach((i, k) => {
        if (q[k]! > cut) kept.push(i);
        else if (q[k] === cut) atCut.push(i);
      });
      atCut.sort((a, b) => (table.ids[a]! < table.ids[b]! ? -1 : 1));
      kept.push(...atCut.slice(0, keep - kept.length));
      for (let k = keep; k < list.length; k++) exclude(d, 'below_top_quality_fraction');
      members[d] = kept.sort((a, b) => a - b);
    });
  }
  const weights = members.map((list) =>
    Float64Array.from(list, (i) => documentWeight(table.quality[i]!, table.dupCount[i]!, table.tokens[i]!, weighting)),
  );
  const tokens = members.map((list) => Float64Array.from(list, (i) => table.tokens[i]!));
  const supplies: DomainSupply[] = table.domains.map((name, d) => ({
    domain: name,
    availableTokens: tokens[d]!.reduce((a, b) => a + b, 0),
    maxEpochs: maxEpochsFor(config, stage, name),
    maxRepeatTokens: maxRepeatTokens(tokens[d]!, weights[d]!, sampling.max_repeats),
  }));
  // Domains with nothing eligible take no part (a manual proportion naming one is an error inside balanceDomains).
  const active = supplies.filter((s) => s.availableTokens > 0);
  const targets = balanceDomains({
    strategy: stage.strategy,
    budget: stage.tokens,
    domains: active,
    ...(stage.proportions ? { proportions: stage.proportions } : {}),
    ...(stage.temperature !== undefined ? { temperature: stage.temperature } : {}),
    ...(stage.upweight ? { upweight: stage.upweight } : {}),
  });
  const targetOf = new Map(targets.map((t) => [t.domain, t]));

  const repeatsByDoc = new Uint32Array(table.ids.length);
  const domainsOut: ManifestDomain[] = table.domains.map((name, d) => {
    const t = targetOf.get(name);
    const base = {
      domain: name,
      available_documents: members[d]!.length,
      available_tokens: supplies[d]!.availableTokens,
      excluded: sortedRecord(excluded[d]!),
      max_epochs: supplies[d]!.maxEpochs,
    };
    if (!t || t.targetTokens === 0) return { ...base, proportion: 0, target_tokens: 0, tokens: 0, epochs: 0, documents: 0, repeats: 0 };
    const ids = members[d]!.map((i) => table.ids[i]!);
    const result = repeatCounts(
      { ids, tokens: tokens[d]!, weights: weights[d]! },
      { targetTokens: t.targetTokens, maxRepeats: sampling.max_repeats, seed: config.seed, stage: stage.name },
    );
    let documents = 0;
    let repeats = 0;
    members[d]!.forEach((i, k) => {
      const r = result.repeats[k]!;
      repeatsByDoc[i] = r;
      if (r > 0) documents++;
      repeats += r;
    });
    return {
      ...base,
      proportion: t.proportion,
      target_tokens: t.targetTokens,
      tokens: result.tokens,
      epochs: base.available_tokens ? result.tokens / base.available_tokens : 0,
      documents,
      repeats,
    };
  });

  const shards: ManifestShard[] = table.files.map((f) => ({
    path: f.displayPath,
    format: config.format ?? inputFormatOf(f.displayPath) ?? 'jsonl',
    text_key: config.text_key,
    id_key: config.id_key,
    documents: 0,
    selection: { records: [], ids: [], repeats: [], domains: [] },
  }));
  table.fileDocuments.forEach((n, k) => (shards[k]!.documents = n));
  // Table rows are in read order: shard by shard, record by record, so selections come out ascending.
  for (let i = 0; i < table.ids.length; i++) {
    const r = repeatsByDoc[i]!;
    if (r === 0) continue;
    const sel = shards[table.file[i]!]!.selection;
    sel.records.push(table.record[i]!);
    sel.ids.push(table.ids[i]!);
    sel.repeats.push(r);
    sel.domains.push(table.domain[i]!);
  }

  const manifest: StageManifest = {
    format: STAGE_MANIFEST_FORMAT,
    version: STAGE_MANIFEST_VERSION,
    mixture: config.name,
    stage: stage.name,
    stage_index: stageIndex,
    seed: config.seed,
    target_tokens: stage.tokens,
    tokens: domainsOut.reduce((n, d) => n + d.tokens, 0),
    token_counting: ctx.tokenCounting,
    group_by: config.group_by,
    balance: {
      strategy: stage.strategy,
      default_max_epochs: maxEpochsFor(config, stage, '\u0000no such domain'),
      ...(stage.temperature !== undefined ? { temperature: stage.temperature } : {}),
      ...(stage.proportions ? { proportions: normalized(stage.proportions) } : {}),
      ...(stage.upweight ? { upweight: stage.upweight } : {}),
    },
    sampling: {
      ...(stage.min_quality !== undefined ? { min_quality: stage.min_quality } : {}),
      ...(stage.top_quality_fraction !== undefined ? { top_quality_fraction: stage.top_quality_fraction } : {}),
      missing_quality: sampling.missing_quality,
      quality_exponent: sampling.quality_exponent,
      dup_exponent: sampling.dup_exponent,
      dup_cap: sampling.dup_cap,
      max_repeats: sampling.max_repeats,
      ...(stage.long_documents ? { long_documents: stage.long_documents } : {}),
    },
    ...(stage.trainer ? { trainer: stage.trainer } : {}),
    domains: domainsOut,
    shards,
    base_dir: ctx.baseDir,
  };
  return manifest;
}

function normalized(p: Record<string, number>): Record<string, number> {
  const sum = Object.values(p).reduce((a, b) => a + b, 0);
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, sum > 0 ? v / sum : 0]));
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
}
