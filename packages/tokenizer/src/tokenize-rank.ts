import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hash64Hex, writeFileAtomic } from '@anneal/core';
import type { TokenShardIndex } from '@anneal/token-shards';
import { documentShardSource, type DocumentShardSpec } from './document-shard-spec.js';
import { encodeBatch, type EncodeBatchRequest } from './encode-batch.js';
import { encodeSourceToShard, type ShardEncodingResult } from './shard-encoding.js';
import { finishRun, shardFile, startRun, type TokenizeOptions, type TokenizeStats } from './tokenize-documents.js';

/**
 * One rank of a tokenize run split over `worldSize` tasks (Slurm array tasks, or any launcher):
 * rank R encodes input shards R, R + W, … into the same shard names a local run writes, in this
 * thread, and records each shard's counts in `shard-results/<shard>.json` (atomically, after its
 * shard). A shard whose result exists is done and not encoded again (resume). The rank that finds
 * every shard's result present writes errors.jsonl, stats.json and index.json as a local run does,
 * from the same per-shard results, so the token shards and index.json are identical to it.
 */
export const SHARD_RESULTS_DIR = 'shard-results';

export interface RankTokenizeOutcome {
  /** shards this rank encoded now */
  encoded: number[];
  /** shards of this rank found done already */
  skipped: number[];
  /** present when every rank's shards are done and this rank wrote index.json */
  complete?: { index: TokenShardIndex; stats: TokenizeStats };
}

export async function tokenizeShardsForRank(
  specs: readonly DocumentShardSpec[],
  options: Omit<TokenizeOptions, 'workers'>,
  rank: number,
  worldSize: number,
): Promise<RankTokenizeOutcome> {
  if (!Number.isInteger(worldSize) || worldSize < 1) throw new Error(`--world-size must be a positive integer, not ${worldSize}`);
  if (!Number.isInteger(rank) || rank < 0 || rank >= worldSize) throw new Error(`--rank ${rank} is outside 0..${worldSize - 1}`);
  const run = await startRun({ ...options, workers: 0 });
  const resultsDir = join(options.out, SHARD_RESULTS_DIR);
  await mkdir(resultsDir, { recursive: true });
  const resultPath = (s: number) => join(resultsDir, `${shardFile(s)}.json`);
  const outcome: RankTokenizeOutcome = { encoded: [], skipped: [] };
  const encode = async (r: EncodeBatchRequest) => encodeBatch(run.encoder(), r, run.framing);
  // a result counts only for the same input shard, tokenizer, EOS and batch size (else it is re-encoded)
  const key = (s: number) =>
    hash64Hex(JSON.stringify({ tokenizer: run.tokenizer.hash, framing: run.framing, batchRows: run.batchRows, shard: specs[s] }));
  const readResult = async (s: number): Promise<ShardEncodingResult | undefined> => {
    const text = await readFile(resultPath(s), 'utf8').catch(() => undefined);
    const saved = text === undefined ? undefined : (JSON.parse(text) as { key: string; result: ShardEncodingResult });
    return saved?.key === key(s) ? saved.result : undefined;
  };
  for (let s = rank; s < specs.length; s += worldSize) {
    if (await readResult(s)) {
      outcome.skipped.push(s);
      continue;
    }
    const result = await encodeSourceToShard(
      documentShardSource(specs[s]!),
      join(options.out, shardFile(s)),
      run.dtype,
      run.batchRows,
      encode,
      0,
      options.onProgress,
    );
    await writeFileAtomic(resultPath(s), JSON.stringify({ key: key(s), result }) + '\n');
    outcome.encoded.push(s);
  }
  const results: ShardEncodingResult[] = [];
  for (let s = 0; s < specs.length; s++) {
    const result = await readResult(s);
    if (!result) return outcome; // another rank's shard is not done yet: that rank finishes the run
    results.push(result);
  }
  outcome.complete = await finishRun(run, results, { ...options, workers: 0 });
  return outcome;
}
