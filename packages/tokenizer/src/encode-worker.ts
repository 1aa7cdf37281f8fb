/**
 * Worker thread of `anneal tokenize`: gets the run's tokenizer first (its tables, built once by the
 * main thread: portable-tokenizer.ts), then encodes batches of texts, framing each with BOS/EOS, and
 * sends back the ids of the batch as one flat array plus offsets (transferred, not copied).
 */
import { workerData } from 'node:worker_threads';
import { serveRequests } from '@anneal/core';
import { BpeEncoder } from './bpe-encoder.js';
import { documentFraming } from './document-framing.js';
import { encodeBatch, type DocumentFraming, type FramingOptions, type EncodeBatchRequest, type EncodeBatchReply } from './encode-batch.js';
import { loadWorkerTokenizer, type TokenizerRequest } from './worker-tokenizer.js';

/** What the pool sends: the tokenizer once, first (answered with null), then batches. */
export type EncodeWorkerRequest = TokenizerRequest | EncodeBatchRequest;

const { framingOptions } = workerData as { framingOptions: FramingOptions };
let encoder: BpeEncoder | undefined;
let framing: DocumentFraming;

serveRequests<EncodeWorkerRequest, EncodeBatchReply | null>(
  (request) => {
    if ('tokenizer' in request) {
      const tokenizer = loadWorkerTokenizer(request.tokenizer);
      if (!tokenizer) return null; // an unreadable cache entry: the tables come next
      encoder = new BpeEncoder(tokenizer);
      framing = documentFraming(encoder.tokenizer, framingOptions).framing;
      return null;
    }
    if (!encoder) throw new Error('a batch came before the tokenizer');
    return encodeBatch(encoder, request, framing);
  },
  (reply) => (reply ? [reply.offsets.buffer as ArrayBuffer, reply.tokens.buffer as ArrayBuffer] : []),
);
