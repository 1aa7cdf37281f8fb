/**
 * Worker thread of `anneal tokenize` in shard-parallel mode: loads the tokenizer once, then for each
 * task reads one document shard, encodes it and writes its token shard, all in this thread, and
 * replies with the shard's counts and errors.
 */
import { workerData } from 'node:worker_threads';
import { serveRequests } from '@anneal/core';
import { tokenDtypeFor } from '@anneal/token-shards';
import { BpeEncoder } from './bpe-encoder.js';
import { documentShardSource, type DocumentShardSpec } from './document-shard-spec.js';
import { documentFraming } from './document-framing.js';
import { encodeBatch, type FramingOptions } from './encode-batch.js';
import { encodeSourceToShard, type ShardEncodingResult } from './shard-encoding.js';

export interface ShardTask {
  spec: DocumentShardSpec;
  path: string;
}

// Started while the main thread parses the tokenizer too (loading Gemma's takes seconds): framing
// and dtype are worked out here from the same options, as startRun does.
const { tokenizerJson, framingOptions, batchRows } = workerData as { tokenizerJson: string; framingOptions: FramingOptions; batchRows: number };
const encoder = BpeEncoder.fromJson(tokenizerJson);
const { framing } = documentFraming(encoder.tokenizer, framingOptions);
const dtype = tokenDtypeFor(encoder.vocabSize);

serveRequests<ShardTask, ShardEncodingResult>((task) =>
  encodeSourceToShard(documentShardSource(task.spec), task.path, dtype, batchRows, async (request) => encodeBatch(encoder, request, framing), 0),
);
