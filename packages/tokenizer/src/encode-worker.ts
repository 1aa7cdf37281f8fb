/**
 * Worker thread of `anneal tokenize`: loads the tokenizer once, then encodes batches of texts,
 * appending EOS to each, and sends back the ids of the batch as one flat array plus offsets
 * (transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BpeEncoder } from './bpe-encoder.js';
import { encodeBatch, type EncodeBatchRequest, type EncodeBatchReply } from './encode-batch.js';

const { tokenizerJson, eosId } = workerData as { tokenizerJson: string; eosId: number };
const encoder = BpeEncoder.fromJson(tokenizerJson);

parentPort!.on('message', (request: EncodeBatchRequest) => {
  const reply: EncodeBatchReply = encodeBatch(encoder, request, eosId);
  parentPort!.postMessage(reply, [reply.offsets.buffer as ArrayBuffer, reply.tokens.buffer as ArrayBuffer]);
});
