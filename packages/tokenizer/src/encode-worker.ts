/**
 * Worker thread of `anneal tokenize`: gets the run's tokenizer first (its tables, built once by the
 * main thread: portable-tokenizer.ts), then encodes batches of texts, framing each with BOS/EOS, and
 * sends back the ids of the batch as one flat array plus offsets (transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BpeEncoder } from './bpe-encoder.js';
import { documentFraming } from './document-framing.js';
import { encodeBatch, type DocumentFraming, type FramingOptions, type EncodeBatchRequest, type EncodeBatchReply } from './encode-batch.js';
import { fromPortableTokenizer, type PortableTokenizer } from './portable-tokenizer.js';

/** What the pool posts: the tokenizer once, first, then batches. */
export type EncodeWorkerMessage = { tokenizer: PortableTokenizer } | EncodeBatchRequest;

const { framingOptions } = workerData as { framingOptions: FramingOptions };
let encoder: BpeEncoder | undefined;
let framing: DocumentFraming;

parentPort!.on('message', (message: EncodeWorkerMessage) => {
  if ('tokenizer' in message) {
    encoder = new BpeEncoder(fromPortableTokenizer(message.tokenizer));
    framing = documentFraming(encoder.tokenizer, framingOptions).framing;
    return;
  }
  if (!encoder) throw new Error('encoding worker: a batch came before the tokenizer');
  const reply: EncodeBatchReply = encodeBatch(encoder, message, framing);
  parentPort!.postMessage(reply, [reply.offsets.buffer as ArrayBuffer, reply.tokens.buffer as ArrayBuffer]);
});
