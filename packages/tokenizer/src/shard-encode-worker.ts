/**
 * Worker thread of `anneal tokenize` in shard-parallel mode: gets the run's tokenizer first (its
 * tables, built once by the main thread: portable-tokenizer.ts), then for each task reads one
 * document shard, encodes it and writes its token shard, all in this thread, and replies with the
 * shard's counts and errors.
 */
import { workerData } from 'node:worker_threads';
import { serveRequests } from '@anneal/core';
import { tokenDtypeFor, type TokenDtype } from '@anneal/token-shards';
import { BpeEncoder } from './bpe-encoder.js';
import { documentShardSource, type DocumentShardSpec } from './document-shard-spec.js';
import { documentFraming } from './document-framing.js';
import { encodeBatch, type DocumentFraming, type FramingOptions } from './encode-batch.js';
import { loadWorkerTokenizer, type TokenizerRequest } from './worker-tokenizer.js';
import { encodeSourceToShard, type ShardEncodingResult } from './shard-encoding.js';

export interface ShardTask {
  spec: DocumentShardSpec;
  path: string;
}
/** What the main thread sends: the tokenizer once, first (answered with null), then tasks. */
export type ShardWorkerRequest = TokenizerRequest | ShardTask;

// Framing and dtype are worked out here from the same options, as startRun does.
const { framingOptions, batchRows } = workerData as { framingOptions: FramingOptions; batchRows: number };
let encoder: BpeEncoder | undefined;
let framing: DocumentFraming;
let dtype: TokenDtype;

serveRequests<ShardWorkerRequest, ShardEncodingResult | null>((request) => {
  if ('tokenizer' in request) {
    const tokenizer = loadWorkerTokenizer(request.tokenizer);
    if (!tokenizer) return null; // an unreadable cache entry: the tables come next
    encoder = new BpeEncoder(tokenizer);
    framing = documentFraming(encoder.tokenizer, framingOptions).framing;
    dtype = tokenDtypeFor(encoder.vocabSize);
    return null;
  }
  const ready = encoder;
  if (!ready) throw new Error('a task came before the tokenizer');
  return encodeSourceToShard(
    documentShardSource(request.spec),
    request.path,
    dtype,
    batchRows,
    async (batch) => encodeBatch(ready, batch, framing),
    0,
  );
});
