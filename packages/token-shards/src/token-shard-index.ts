import { join } from 'node:path';
import { writeFileAtomic } from '@anneal/core';
import {
  TOKEN_SHARD_FORMAT,
  TOKEN_SHARD_FORMAT_VERSION,
  TOKEN_SHARD_INDEX_FILE,
  addTokenCounts,
  bytesPerToken,
  emptyTokenCounts,
  type DomainCompression,
  type TokenCounts,
  type TokenDtype,
  type TokenShardEntry,
  type TokenShardIndex,
} from './token-shard-format.js';

/** What the tokenizer contributes to an index. */
export interface TokenShardIndexHeader {
  tokenizer_hash: string;
  vocab_size: number;
  eos_id: number;
  eos_token: string;
  dtype: TokenDtype;
}

/** Builds an index from the shards (in rank order), summing totals and per-domain compression. */
export function buildTokenShardIndex(header: TokenShardIndexHeader, shards: readonly TokenShardEntry[]): TokenShardIndex {
  const totals = emptyTokenCounts();
  const perDomain = new Map<string, TokenCounts>();
  for (const shard of shards) {
    addTokenCounts(totals, shard);
    for (const [name, counts] of Object.entries(shard.domains)) {
      let d = perDomain.get(name);
      if (!d) perDomain.set(name, (d = emptyTokenCounts()));
      addTokenCounts(d, counts);
    }
  }
  const domains: Record<string, DomainCompression> = {};
  for (const name of [...perDomain.keys()].sort()) {
    const counts = perDomain.get(name)!;
    domains[name] = { ...counts, bytes_per_token: round4(bytesPerToken(counts)) };
  }
  return {
    format: TOKEN_SHARD_FORMAT,
    version: TOKEN_SHARD_FORMAT_VERSION,
    ...header,
    shards: shards.map((s) => ({ ...s })),
    totals: { ...totals, domains },
  };
}

/** Writes `<dir>/index.json` atomically (the last file of a token shard directory). */
export async function writeTokenShardIndex(dir: string, index: TokenShardIndex): Promise<void> {
  await writeFileAtomic(join(dir, TOKEN_SHARD_INDEX_FILE), JSON.stringify(index, null, 2) + '\n');
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
