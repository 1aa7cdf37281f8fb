import { Worker } from 'node:worker_threads';
import type { WordCountReply } from './word-count-worker.js';
import { PreTokenizer } from './pre-tokenizer.js';
import { countWords, mergeWordCounts } from './word-counts.js';

/**
 * Counts pre-tokenized pieces of a stream of texts on `workers` worker threads (in this thread when
 * `workers` <= 1). Texts go out in batches of about `batchBytes`, at most two batches in flight per
 * worker, so memory holds a few batches, not the corpus.
 */
export async function countWordsInParallel(
  texts: AsyncIterable<string> | Iterable<string>,
  pattern: string,
  workers: number,
  batchBytes = 1 << 20,
): Promise<Map<string, number>> {
  if (workers <= 1) {
    const pre = new PreTokenizer(pattern);
    const counts = new Map<string, number>();
    for await (const t of texts) countWords(pre, t, counts);
    return counts;
  }
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./word-count-worker.js', import.meta.url), { workerData: { pattern } }));
  const inFlight = new Array<number>(workers).fill(0);
  const waiters: (() => void)[] = [];
  let failure: Error | undefined;
  pool.forEach((w, i) => {
    w.on('message', (msg: { ack?: true }) => {
      if (msg.ack) {
        inFlight[i]!--;
        waiters.shift()?.();
      }
    });
    w.on('error', (err) => {
      failure = err;
      waiters.splice(0).forEach((f) => f());
    });
  });
  try {
    let batch: string[] = [];
    let bytes = 0;
    const send = async () => {
      for (;;) {
        if (failure) throw failure;
        let best = 0;
        for (let i = 1; i < workers; i++) if (inFlight[i]! < inFlight[best]!) best = i;
        if (inFlight[best]! < 2) {
          inFlight[best]!++;
          pool[best]!.postMessage({ texts: batch });
          batch = [];
          bytes = 0;
          return;
        }
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    for await (const t of texts) {
      batch.push(t);
      bytes += t.length;
      if (bytes >= batchBytes) await send();
    }
    if (batch.length > 0) await send();
    const total = new Map<string, number>();
    for (const w of pool) {
      const reply = await new Promise<WordCountReply>((resolve, reject) => {
        const onMessage = (msg: WordCountReply | { ack: true }) => {
          if ('words' in msg) {
            w.off('message', onMessage);
            resolve(msg);
          }
        };
        w.on('message', onMessage);
        w.once('error', reject);
        w.postMessage({ done: true });
      });
      if (failure) throw failure;
      const partial = new Map<string, number>();
      reply.words.forEach((word, i) => partial.set(word, reply.counts[i]!));
      mergeWordCounts(total, partial);
    }
    return total;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
