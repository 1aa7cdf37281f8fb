import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { writeFileAtomic } from '@anneal/core';
import { estimatedTokenCounter, resolveShardInputs, type ShardProgress, type StageShares, type TokenCounter } from '@anneal/stats';
import { ImpossibleBudgetError } from './domain-balance.js';
import { readDocumentTable, type DocumentTable } from './document-table.js';
import type { MixtureConfig } from './mixture-config.js';
import { buildStageManifest } from './stage-manifest-builder.js';
import type { StageManifest } from './stage-manifest.js';

export interface MixtureOptions {
  /** Inputs and the output directory resolve against this; default the working directory. */
  baseDir?: string;
  /** Default: the estimate with the config's bytes_per_token. */
  tokenCounter?: TokenCounter;
  /** Reading the inputs is the long part; called every few thousand documents. */
  onProgress?: (progress: ShardProgress) => void;
}

export interface MixtureResult {
  config: MixtureConfig;
  manifests: StageManifest[];
  documents: number;
  readErrors: number;
  firstReadErrors: string[];
}

/**
 * Reads the inputs once into a document table, then builds every stage's manifest from it.
 * Stages are independent: each draws its repeat counts keyed by (seed, stage, document id).
 */
export async function computeMixture(config: MixtureConfig, options: MixtureOptions = {}): Promise<MixtureResult> {
  const baseDir = resolve(options.baseDir ?? process.cwd());
  const counter = options.tokenCounter ?? estimatedTokenCounter(config.bytes_per_token);
  const { files } = await resolveShardInputs(config.inputs, baseDir);
  const table: DocumentTable = await readDocumentTable(files, {
    groupBy: config.group_by,
    tokenCounter: counter,
    textKey: config.text_key,
    idKey: config.id_key,
    format: config.format,
    onProgress: options.onProgress,
  });
  if (table.ids.length === 0) throw new Error(`the inputs (${files.map((f) => f.displayPath).join(', ')}) hold no readable documents`);
  const manifests = config.stages.map((stage, i) => {
    try {
      return buildStageManifest({ config, table, tokenCounting: counter.counting, baseDir }, stage, i);
    } catch (err) {
      const e = err as Error;
      const wrapped =
        err instanceof ImpossibleBudgetError
          ? new ImpossibleBudgetError(`stage ${stage.name}: ${e.message}`)
          : new Error(`stage ${stage.name}: ${e.message}`);
      throw wrapped;
    }
  });
  return { config, manifests, documents: table.ids.length, readErrors: table.readErrors, firstReadErrors: table.firstReadErrors };
}

/** The manifest file of a stage inside the output directory. */
export function manifestFileName(manifest: StageManifest): string {
  return `${manifest.stage}.manifest.json`;
}

/**
 * Writes `<output>/<stage>.manifest.json` for every stage and `<output>/mixture.json` (the stages in
 * order, their files and per-domain shares, and the resolved config). Each file appears whole or not at all.
 */
export async function writeMixture(result: MixtureResult, baseDir = process.cwd()): Promise<string[]> {
  const out = isAbsolute(result.config.output) ? result.config.output : join(baseDir, result.config.output);
  const written: string[] = [];
  for (const m of result.manifests) {
    const path = join(out, manifestFileName(m));
    await writeFileAtomic(path, JSON.stringify(m) + '\n');
    written.push(path);
  }
  const summary = {
    mixture: result.config.name,
    seed: result.config.seed,
    documents: result.documents,
    read_errors: result.readErrors,
    stages: result.manifests.map((m) => ({ ...stageSharesOf(m), manifest: manifestFileName(m) })),
    config: result.config,
  };
  const summaryPath = join(out, 'mixture.json');
  await writeFileAtomic(summaryPath, JSON.stringify(summary, null, 2) + '\n');
  written.push(summaryPath);
  return written;
}

/** A stage's composition as the stats report shows it. */
export function stageSharesOf(m: StageManifest): StageShares {
  return {
    stage: m.stage,
    target_tokens: m.target_tokens,
    tokens: m.tokens,
    domains: m.domains
      .filter((d) => d.tokens > 0 || d.target_tokens > 0)
      .map((d) => ({ domain: d.domain, tokens: d.tokens, share: m.tokens ? d.tokens / m.tokens : 0, epochs: d.epochs, documents: d.documents }))
      .sort((a, b) => b.tokens - a.tokens || (a.domain < b.domain ? -1 : 1)),
  };
}

/** The per-stage shares `anneal mix` recorded in `<output>/mixture.json`, for `anneal stats --mixture`. */
export async function readStageShares(outputDir: string): Promise<StageShares[]> {
  const path = join(outputDir, 'mixture.json');
  let raw: { stages?: Array<StageShares & { manifest?: string }> };
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: cannot read the mixture summary (${(err as Error).message}); run anneal mix first`);
  }
  if (!Array.isArray(raw.stages)) throw new Error(`${path}: no "stages" list; not written by anneal mix`);
  return raw.stages.map(({ manifest: _manifest, ...shares }) => shares);
}
