/**
 * Worker thread for parallel pre-tokenization during training: receives batches of texts, counts
 * their pieces, and returns its counts when asked. Counts are sums, so the result does not depend
 * on which worker saw which batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PreTokenizer } from './pre-tokenizer.js';
import { countWords } from './word-counts.js';

export type WordCountRequest = { texts: string[] } | { done: true };
export interface WordCountReply {
  words: string[];
  counts: Float64Array;
}

const preTokenizer = new PreTokenizer((workerData as { pattern: string }).pattern);
let counts = new Map<string, number>();

parentPort!.on('message', (msg: WordCountRequest) => {
  if ('texts' in msg) {
    for (const t of msg.texts) countWords(preTokenizer, t, counts);
    parentPort!.postMessage({ ack: true });
  } else {
    const words = [...counts.keys()];
    const c = Float64Array.from(counts.values());
    counts = new Map();
    parentPort!.postMessage({ words, counts: c } satisfies WordCountReply, [c.buffer as ArrayBuffer]);
  }
});
