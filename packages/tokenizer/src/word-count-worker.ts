/**
 * Worker thread for parallel pre-tokenization during training: receives batches of texts, counts
 * their pieces, and returns its counts when asked. Counts are sums, so the result does not depend
 * on which worker saw which batch.
 */
import { workerData } from 'node:worker_threads';
import { serveRequests } from '@anneal/core';
import { PreTokenizer } from './pre-tokenizer.js';
import { countWords } from './word-counts.js';

export type WordCountRequest = { texts: string[] } | { done: true };
/** After `texts`: nothing (the batch is counted); after `done`: this worker's counts, which it then forgets. */
export type WordCountReply = { words: string[]; counts: Float64Array } | undefined;

const preTokenizer = new PreTokenizer((workerData as { pattern: string }).pattern);
let counts = new Map<string, number>();

serveRequests<WordCountRequest, WordCountReply>(
  (msg) => {
    if ('texts' in msg) {
      for (const t of msg.texts) countWords(preTokenizer, t, counts);
      return undefined;
    }
    const words = [...counts.keys()];
    const c = Float64Array.from(counts.values());
    counts = new Map();
    return { words, counts: c };
  },
  (reply) => (reply ? [reply.counts.buffer as ArrayBuffer] : []),
);
