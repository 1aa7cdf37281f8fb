import { isAbsolute, join } from 'node:path';
import { domainName, type Doc } from '@anneal/core';
import type { InputFile, InputFormat } from '@anneal/io';
import { CORPUS_STATS_VERSION, type CorpusStats, type DomainShare } from './corpus-stats.js';
import { DomainAccumulator } from './domain-accumulator.js';
import { readRunDropStats, readRunInputs } from './run-directory.js';
import { ReadErrorLog } from './read-error-log.js';
import { readShardOptionsOf, readShards, resolveShardInputs, type ShardProgress } from './shard-inputs.js';
import { estimatedTokenCounter, type TokenCounter } from './token-counter.js';

/** More distinct group values than this are pooled under "(other)", keeping memory bounded for any --by key. */
export const MAX_GROUPS = 1000;
/** How many read errors are quoted in the output (all of them are counted). */
const MAX_QUOTED_ERRORS = 20;

export interface CorpusStatsOptions {
  /** Relative inputs (and a run's config.yaml input paths) resolve against this; default the working directory. */
  baseDir?: string;
  /** Metadata key to group by; default "domain". */
  groupBy?: string;
  tokenCounter?: TokenCounter;
  samplesPerDomain?: number;
  /** Seeds which documents are shown as samples. */
  sampleSeed?: number;
  textKey?: string;
  idKey?: string;
  format?: InputFormat;
  /** Also read a pipeline output's original inputs (from its config.yaml) for the shares before curation; default true. */
  beforeCuration?: boolean;
  /** Bytes and documents read so far, every few thousand documents. */
  onProgress?: (progress: ShardProgress) => void;
  /** Things the user should know that are not errors (e.g. before-curation inputs not found). */
  onNote?: (message: string) => void;
}

/**
 * The group a document belongs to: its metadata value as text, or "unknown" when absent or empty —
 * the name `anneal tokenize` writes into token shards for such documents, so a mixture's, the stats'
 * and the trainer's domain names agree.
 */
export function groupOf(doc: Doc, key: string): string {
  const v = doc.metadata[key];
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return domainName(v);
}

/** Streams the shards once and returns per-domain statistics (see CorpusStats). Memory does not grow with documents. */
export async function computeCorpusStats(inputs: readonly string[], options: CorpusStatsOptions = {}): Promise<CorpusStats> {
  const baseDir = options.baseDir ?? process.cwd();
  const groupBy = options.groupBy ?? 'domain';
  const counter = options.tokenCounter ?? estimatedTokenCounter();
  const samples = options.samplesPerDomain ?? 3;
  const seed = options.sampleSeed ?? 0;
  const { files, directories } = await resolveShardInputs(inputs, baseDir);

  const groups = new Map<string, DomainAccumulator>();
  const readErrors = new ReadErrorLog(MAX_QUOTED_ERRORS);
  let documents = 0;
  for await (const item of readShards(files, readShardOptionsOf(options))) {
    if (item.error) {
      readErrors.add(item.error);
      continue;
    }
    documents++;
    let group = groupOf(item.doc, groupBy);
    if (!groups.has(group) && groups.size >= MAX_GROUPS) group = '(other)';
    let acc = groups.get(group);
    if (!acc) groups.set(group, (acc = new DomainAccumulator(group, samples, seed)));
    const bytes = Buffer.byteLength(item.doc.text, 'utf8');
    acc.add({ doc: item.doc, file: item.file.displayPath, bytes, tokens: counter.count(item.doc.text, bytes) });
  }

  let tokens = 0;
  let bytes = 0;
  for (const g of groups.values()) {
    tokens += g.tokens;
    bytes += g.bytes;
  }
  const domains = [...groups.values()]
    .map((g) => g.result(documents, tokens, counter.counting.estimated))
    .sort((a, b) => b.tokens - a.tokens || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));

  const stats: CorpusStats = {
    version: CORPUS_STATS_VERSION,
    inputs: files.map((f) => f.displayPath),
    group_by: groupBy,
    token_counting: counter.counting,
    totals: { documents, bytes, tokens, read_errors: readErrors.count },
    domains,
    read_errors: readErrors.quoted,
  };

  for (const dir of directories) {
    const run = await readRunDropStats(resolvePath(baseDir, dir), dir);
    if (run) {
      stats.run = run;
      break;
    }
  }
  if (options.beforeCuration !== false) {
    const before = await sharesBeforeCuration(directories, baseDir, groupBy, counter, options);
    if (before) stats.before_curation = before;
  }
  return stats;
}

async function sharesBeforeCuration(
  directories: readonly string[],
  baseDir: string,
  groupBy: string,
  counter: TokenCounter,
  options: CorpusStatsOptions,
): Promise<CorpusStats['before_curation']> {
  for (const dir of directories) {
    const runInputs = await readRunInputs(resolvePath(baseDir, dir));
    if (!runInputs) continue;
    let files: InputFile[];
    try {
      ({ files } = await resolveShardInputs(runInputs.paths, baseDir));
    } catch (err) {
      options.onNote?.(`shares before curation skipped: ${runInputs.config_file} names inputs that cannot be read here (${(err as Error).message})`);
      return undefined;
    }
    const tokensByGroup = new Map<string, number>();
    let documents = 0;
    let total = 0;
    const format = runInputs.format ?? options.format;
    for await (const item of readShards(files, { textKey: runInputs.text_key, idKey: runInputs.id_key, format })) {
      if (item.error) continue; // the run itself counted and reported these
      documents++;
      const bytes = Buffer.byteLength(item.doc.text, 'utf8');
      const t = counter.count(item.doc.text, bytes);
      total += t;
      const g = groupOf(item.doc, groupBy);
      tokensByGroup.set(g, (tokensByGroup.get(g) ?? 0) + t);
    }
    const domains: DomainShare[] = [...tokensByGroup.entries()]
      .map(([domain, t]) => ({ domain, tokens: t, share: total ? t / total : 0 }))
      .sort((a, b) => b.tokens - a.tokens || (a.domain < b.domain ? -1 : 1));
    return { inputs: files.map((f) => f.displayPath), documents, tokens: total, domains };
  }
  return undefined;
}

function resolvePath(baseDir: string, p: string): string {
  return isAbsolute(p) ? p : join(baseDir, p);
}
