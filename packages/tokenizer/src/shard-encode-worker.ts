/**
 * Worker thread of `anneal tokenize` in shard-parallel mode: gets the run's tokenizer first (its
 * tables, built once by the main thread: portable-tokenizer.ts), then for each task reads one
 * document shard, encodes it and writes its token shard, all in this thread, and replies with the
 * shard's counts and errors.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BpeEncoder } from './bpe-encoder.js';
import { documentShardSource, type DocumentShardSpec } from './document-shard-spec.js';
import { documentFraming } from './document-framing.js';
import { encodeBatch, type DocumentFraming, type FramingOptions } from './encode-batch.js';
import { fromPortableTokenizer, type PortableTokenizer } from './portable-tokenizer.js';
import { encodeSourceToShard, type ShardEncodingResult } from './shard-encoding.js';
import { tokenDtypeFor, type TokenDtype } from './token-shard-format.js';

export interface ShardTask {
  task: number;
  spec: DocumentShardSpec;
  path: string;
}
export type ShardTaskReply = { task: number; result: ShardEncodingResult } | { task: number; error: string };
/** What the main thread posts: the tokenizer once, first, then tasks. */
export type ShardWorkerMessage = { tokenizer: PortableTokenizer } | ShardTask;

// Framing and dtype are worked out here from the same options, as startRun does.
const { framingOptions, batchRows } = workerData as { framingOptions: FramingOptions; batchRows: number };
let encoder: BpeEncoder | undefined;
let framing: DocumentFraming;
let dtype: TokenDtype;

parentPort!.on('message', (message: ShardWorkerMessage) => {
  if ('tokenizer' in message) {
    encoder = new BpeEncoder(fromPortableTokenizer(message.tokenizer));
    framing = documentFraming(encoder.tokenizer, framingOptions).framing;
    dtype = tokenDtypeFor(encoder.vocabSize);
    return;
  }
  const task = message;
  if (!encoder) return parentPort!.postMessage({ task: task.task, error: 'a task came before the tokenizer' } satisfies ShardTaskReply);
  const ready = encoder;
  encodeSourceToShard(documentShardSource(task.spec), task.path, dtype, batchRows, async (request) => encodeBatch(ready, request, framing), 0).then(
    (result) => parentPort!.postMessage({ task: task.task, result } satisfies ShardTaskReply),
    (err: Error) => parentPort!.postMessage({ task: task.task, error: err.message } satisfies ShardTaskReply),
  );
});
