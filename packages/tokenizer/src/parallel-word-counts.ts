import { WorkerPool } from '@anneal/core';
import type { WordCountReply, WordCountRequest } from './word-count-worker.js';
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
  const pool = new WorkerPool<WordCountRequest, WordCountReply>({
    workerModule: new URL('./word-count-worker.js', import.meta.url),
    workers,
    data: () => ({ pattern }),
    name: (k) => `word-count worker ${k}`,
  });
  try {
    // the pool sends each batch to the least busy worker; at most 2 * workers batches in flight
    // keeps every worker at two or fewer; a failed batch is kept (not left unhandled) and thrown here
    const inFlight = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    let batch: string[] = [];
    let bytes = 0;
    const send = async () => {
      while (inFlight.size >= 2 * workers && !failure) await Promise.race(inFlight);
      if (failure) throw failure.error;
      const counted: Promise<void> = pool.request({ texts: batch }).then(
        () => void inFlight.delete(counted),
        (error: unknown) => {
          failure ??= { error };
          inFlight.delete(counted);
        },
      );
      inFlight.add(counted);
      batch = [];
      bytes = 0;
    };
    for await (const t of texts) {
      batch.push(t);
      bytes += t.length;
      if (bytes >= batchBytes) await send();
    }
    if (batch.length > 0) await send();
    await Promise.all(inFlight);
    if (failure) throw failure.error;
    const total = new Map<string, number>();
    for (let k = 0; k < workers; k++) {
      const reply = (await pool.requestTo(k, { done: true }))!;
      const partial = new Map<string, number>();
      reply.words.forEach((word, i) => partial.set(word, reply.counts[i]!));
      mergeWordCounts(total, partial);
    }
    return total;
  } finally {
    await pool.close();
  }
}
