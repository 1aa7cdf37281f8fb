import { fromPortableTokenizer, toPortableTokenizer, type PortableTokenizer } from './portable-tokenizer.js';
import { tokenizerFromCacheEntry } from './tokenizer-cache.js';
import type { LoadedTokenizer } from './tokenizer-json.js';

/**
 * How a run's tokenizer reaches its worker threads, as their first request: the compiled-tokenizer
 * cache entry the main thread found (posted before the main thread reads it itself, so every thread
 * deserializes the same bytes at the same time: Gemma 3's worker started encoding 0.3–0.4 s sooner),
 * or else the tables the main thread built from the JSON (portable-tokenizer.ts).
 */
export type WorkerTokenizer = { portable: PortableTokenizer } | { cacheEntry: Uint8Array; hash: string; source: string };

/** A worker's request that carries the tokenizer. */
export interface TokenizerRequest {
  tokenizer: WorkerTokenizer;
}

/** The tables the main thread built, for the workers. */
export function workerTokenizerOf(tokenizer: LoadedTokenizer): WorkerTokenizer {
  return { portable: toPortableTokenizer(tokenizer) };
}

/**
 * The tokenizer a worker was sent; undefined when a cache entry does not load, which the main thread
 * finds too, and it then sends the tables.
 */
export function loadWorkerTokenizer(sent: WorkerTokenizer): LoadedTokenizer | undefined {
  return 'portable' in sent ? fromPortableTokenizer(sent.portable) : tokenizerFromCacheEntry(sent.cacheEntry, sent.hash, sent.source);
}

/**
 * Gives every worker of the pool a tokenizer, as a request (a worker answers requests in order, so it
 * has the tokenizer before any batch or shard sent after). Resolves when all have it.
 */
export function giveTokenizer(
  pool: { size: number; requestTo(worker: number, request: TokenizerRequest): Promise<unknown> },
  tokenizer: WorkerTokenizer,
): Promise<unknown> {
  const given = Promise.all(Array.from({ length: pool.size }, (_, k) => pool.requestTo(k, { tokenizer })));
  given.catch(() => {}); // awaited by whoever uses the pool next; an unawaited failure is not unhandled
  return given;
}
