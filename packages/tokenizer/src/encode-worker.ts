/**
 * Worker thread of `anneal tokenize`: loads the tokenizer once, then encodes batches of texts,
 * framing each with BOS/EOS, and sends back the ids of the batch as one flat array plus offsets
 * (transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BpeEncoder } from './bpe-encoder.js';
import { encodeBatch, type DocumentFraming, type EncodeBatchRequest, type EncodeBatchReply } from './encode-batch.js';

const { tokenizerJson, framing } = workerData as { tokenizerJson: string; framing: DocumentFraming };
const encoder = BpeEncoder.fromJson(tokenizerJson);

parentPort!.on('message', (request: EncodeBatchRequest) => {
  const reply: EncodeBatchReply = encodeBatch(encoder, request, framing);
  parentPort!.postMessage(reply, [reply.offsets.buffer as ArrayBuffer, reply.tokens.buffer as ArrayBuffer]);
});
