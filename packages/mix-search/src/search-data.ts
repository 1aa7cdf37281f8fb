import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '@anneal/core';
import { readDocuments } from '@anneal/io';
import { loadTokenShards, TokenCorpus, type TokenDocument } from '@anneal/trainer';
import { BpeEncoder } from '@anneal/tokenizer';
import {
  buildTokenShardIndex,
  tokenizerHash,
  TokenShardWriter,
  TOKEN_SHARD_EXTENSION,
  writeTokenShardIndex,
  type TokenShardIndex,
} from '@anneal/token-shards';
import { tokenizeMixtureInputs } from './curated-inputs.js';
import type { SearchConfig, SearchTarget } from './search-config.js';

/** The token shards every proxy trains and is scored on, written once per search. */
export interface SearchData {
  train: string;
  heldOut: string;
  /** the training domains, sorted: the order of every mixture vector in the search */
  domains: string[];
  /** training tokens per domain (same order): the natural distribution the Dirichlet is centred on */
  tokens: number[];
  /** the held-out domain name each file target was written under */
  fileTargets: Map<string, string>;
}

const READY = 'ready.json';

/**
 * Writes `<output>/data/train` and `<output>/data/held-out` (after `data/tokens` when the search
 * tokenizes the mixture's inputs itself): the input shards split by id hash (or
 * the given validation shards), plus each file target tokenized under a held-out domain of its own
 * (`target-<file name>`), so a proxy's evaluation scores every target at once. Written once; a
 * resumed search reads the marker instead.
 */
export async function prepareSearchData(config: SearchConfig, log: (line: string) => void): Promise<SearchData> {
  const dir = join(config.output, 'data');
  const train = join(dir, 'train');
  const heldOut = join(dir, 'held-out');
  const fileTargets = new Map<string, string>();
  for (const t of allTargets(config)) if (t.file) fileTargets.set(t.file, fileTargetDomain(t.file));
  const marker = join(dir, READY);
  if (existsSync(marker)) {
    const ready = JSON.parse(await readFile(marker, 'utf8')) as { domains: string[]; tokens: number[] };
    return { train, heldOut, domains: ready.domains, tokens: ready.tokens, fileTargets };
  }
  const shards = config.shards ?? (await tokenizeMixtureInputs(config.mixture, config.tokenizer!, join(dir, 'tokens'), log));
  const input = await loadTokenShards(shards);
  let trainCorpus: TokenCorpus;
  let heldOutCorpus: TokenCorpus;
  if (config.validation_shards) {
    const v = await loadTokenShards(config.validation_shards);
    if (v.index.tokenizer_hash !== input.index.tokenizer_hash)
      throw new Error(`${config.validation_shards} was tokenized with another tokenizer than ${shards}`);
    trainCorpus = input.corpus;
    heldOutCorpus = v.corpus;
  } else {
    const split = input.corpus.splitHeldOut(config.held_out_fraction, config.seed);
    trainCorpus = split.train;
    heldOutCorpus = split.validation;
  }
  const extra: Array<{ domain: string; documents: Uint32Array[] }> = [];
  if (fileTargets.size > 0) {
    const json = await readFile(config.tokenizer!, 'utf8');
    if (tokenizerHash(new TextEncoder().encode(json)) !== input.index.tokenizer_hash) {
      throw new Error(`${config.tokenizer} is not the tokenizer ${shards} was made with (tokenizer_hash differs)`);
    }
    const encoder = BpeEncoder.fromJson(json, config.tokenizer!);
    for (const t of allTargets(config)) {
      if (!t.file || extra.some((e) => e.domain === fileTargets.get(t.file!))) continue;
      const texts = await readTargetTexts(t);
      if (texts.length === 0) throw new Error(`${t.file}: no text to score the proxies on`);
      extra.push({ domain: fileTargets.get(t.file)!, documents: texts.map((text) => encoder.encode(text)) });
      log(`target ${t.file}: ${texts.length} documents`);
    }
  }
  const domains = [...trainCorpus.domains.keys()].filter((d) => trainCorpus.tokenCount(d) > 0).sort();
  // every proxy evaluates every held-out domain at every trajectory point: keep only those a target
  // reads (on short proxies the evaluations otherwise cost as much as the training)
  const scored = new Set(allTargets(config).some((t) => t.all_domains) ? domains : allTargets(config).flatMap((t) => (t.domain ? [t.domain] : [])));
  for (const d of scored)
    if (heldOutCorpus.documentCount(d) === 0)
      log(`warning: no held-out documents for ${d}: a target on it cannot be scored (raise held_out_fraction)`);
  heldOutCorpus = TokenCorpus.fromDocuments(documentsOf(heldOutCorpus, scored), heldOutCorpus.eosId, heldOutCorpus.vocabSize);
  await writeCorpus(train, trainCorpus, [], input.index);
  await writeCorpus(heldOut, heldOutCorpus, extra, input.index);
  const tokens = domains.map((d) => trainCorpus.tokenCount(d));
  await writeFileAtomic(marker, JSON.stringify({ domains, tokens }, null, 2) + '\n');
  return { train, heldOut, domains, tokens, fileTargets };
}

export function allTargets(config: SearchConfig): SearchTarget[] {
  return [...config.target, ...Object.values(config.stage_targets).flat()];
}

export function fileTargetDomain(file: string): string {
  return `target-${basename(file)
    .replace(/\.(jsonl|txt)(\.gz|\.zst)?$/, '')
    .replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/** A text file in blocks of about 4 KB cut at line breaks; a JSONL file one document per line. */
async function readTargetTexts(target: SearchTarget): Promise<string[]> {
  const file = target.file!;
  if (/\.jsonl(\.gz|\.zst)?$/.test(file)) {
    const keys = target.text_keys ?? ['text'];
    const texts: string[] = [];
    for await (const item of readDocuments(file, { format: 'jsonl', textKey: keys[0]! }).records) {
      // a bad line is named (file and line) and stops the search: a target silently missing documents would mislead
      if (item.error) throw new Error(item.error.message);
      const doc = item.doc;
      const parts = [doc.text, ...keys.slice(1).map((k) => doc.metadata[k])].filter((p): p is string => typeof p === 'string' && p.length > 0);
      if (parts.length > 0) texts.push(parts.join('\n'));
    }
    return texts;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`${file}: cannot read the target (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const blocks: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    current += `${line}\n`;
    if (current.length >= 4096) {
      blocks.push(current);
      current = '';
    }
  }
  if (current.trim().length > 0) blocks.push(current);
  return blocks;
}

async function writeCorpus(
  dir: string,
  corpus: TokenCorpus,
  extra: Array<{ domain: string; documents: Uint32Array[] }>,
  like: TokenShardIndex,
): Promise<void> {
  const file = `00000${TOKEN_SHARD_EXTENSION}`;
  const writer = new TokenShardWriter(join(dir, file), like.dtype);
  const eos = like.eos_id;
  for (const [domain, docs] of [...corpus.domains].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (let i = 0; i + 1 < docs.offsets.length; i++) {
      const body = docs.tokens.subarray(docs.offsets[i]!, docs.offsets[i + 1]!);
      const tokens = new Uint32Array(body.length + 1);
      tokens.set(body);
      tokens[body.length] = eos;
      await writer.write({ id: docs.ids[i]!, domain, tokens });
    }
  }
  for (const { domain, documents } of extra) {
    for (const [i, body] of documents.entries()) {
      const tokens = new Uint32Array(body.length + 1);
      tokens.set(body);
      tokens[body.length] = eos;
      await writer.write({ id: `${domain}/${i}`, domain, tokens });
    }
  }
  const summary = await writer.close();
  const header = {
    tokenizer_hash: like.tokenizer_hash,
    vocab_size: like.vocab_size,
    eos_id: like.eos_id,
    eos_token: like.eos_token,
    dtype: like.dtype,
  };
  await writeTokenShardIndex(dir, buildTokenShardIndex(header, [{ file, ...summary }]));
}

function* documentsOf(corpus: TokenCorpus, domains: ReadonlySet<string>): Generator<TokenDocument> {
  for (const [domain, docs] of corpus.domains) {
    if (!domains.has(domain)) continue;
    for (let i = 0; i + 1 < docs.offsets.length; i++)
      yield { id: docs.ids[i]!, domain, tokens: docs.tokens.subarray(docs.offsets[i]!, docs.offsets[i + 1]!) };
  }
}
