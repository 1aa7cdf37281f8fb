/**
 * Worker thread of `anneal tokenize`: loads the tokenizer once, then encodes batches of texts,
 * framing each with BOS/EOS, and sends back the ids of the batch as one flat array plus offsets
 * (transferred, not copied).
 */
import { workerData } from 'node:worker_threads';
import { serveRequests } from '@anneal/core';
import { BpeEncoder } from './bpe-encoder.js';
import { documentFraming } from './document-framing.js';
import { encodeBatch, type FramingOptions, type EncodeBatchRequest, type EncodeBatchReply } from './encode-batch.js';

// Started before the main thread has parsed the tokenizer (loading Gemma's takes seconds), so each
// thread works out the same framing from the same options.
const { tokenizerJson, framingOptions } = workerData as { tokenizerJson: string; framingOptions: FramingOptions };
const encoder = BpeEncoder.fromJson(tokenizerJson);
const { framing } = documentFraming(encoder.tokenizer, framingOptions);

serveRequests<EncodeBatchRequest, EncodeBatchReply>(
  (request) => encodeBatch(encoder, request, framing),
  (reply) => [reply.offsets.buffer as ArrayBuffer, reply.tokens.buffer as ArrayBuffer],
);
