import { join } from 'node:path';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { WorkerPool, WorkerRequestError, writeFileAtomic } from '@anneal/core';
import { BpeEncoder } from './bpe-encoder.js';
import { tokenizerHash } from '@anneal/token-shards';
import { parseTokenizerJson, type LoadedTokenizer } from './tokenizer-json.js';
import { defaultTokenizerCacheDir, readCacheEntry, storeCachedTokenizer, tokenizerFromCacheEntry } from './tokenizer-cache.js';
import { documentShardSource, type DocumentShardSpec } from './document-shard-spec.js';
import { documentFraming } from './document-framing.js';
import { encodeBatch, type DocumentFraming, type EncodeBatchReply, type EncodeBatchRequest, type FramingOptions } from './encode-batch.js';
import { encodeSourceToShard, type ShardEncodingResult } from './shard-encoding.js';
import type { ShardWorkerRequest } from './shard-encode-worker.js';
import type { EncodeWorkerRequest } from './encode-worker.js';
import { giveTokenizer, workerTokenizerOf, type WorkerTokenizer } from './worker-tokenizer.js';
import {
  TOKEN_SHARD_EXTENSION,
  TOKEN_SHARD_INDEX_FILE,
  buildTokenShardIndex,
  bytesPerToken,
  tokenDtypeFor,
  writeTokenShardIndex,
  type TokenDtype,
  type TokenShardEntry,
  type TokenShardIndex,
} from '@anneal/token-shards';
import type { TokenizeSource } from './tokenize-source.js';

export type { TokenizeItem, TokenizeSource } from './tokenize-source.js';

export interface TokenizeOptions {
  /**
   * the tokenizer.json: its bytes (as read from the file; decoded only when the compiled-tokenizer
   * cache has no entry for them, which for Gemma 3's 33 MB saves 0.1 s of UTF-8 decoding) or its text
   */
  tokenizerJson: string | Uint8Array;
  /** output directory (shards, index.json, stats.json, errors.jsonl) */
  out: string;
  /**
   * Parallelism: this many threads encode, the calling one and workers - 1 worker threads.
   * tokenizeShards with at least {@link SHARDS_PER_THREAD} shards per thread: each thread reads,
   * encodes and writes whole shards. tokenizeDocuments (and tokenizeShards with fewer shards): the
   * calling thread reads and writes, and batches are encoded by whichever thread is free (see
   * {@link shareEncoding}). 0 or 1: everything on the calling thread. The output bytes are the same
   * in every case.
   */
  workers: number;
  /** documents per encoding batch and per Arrow record batch */
  batchRows?: number;
  /** where the tokenizer.json came from, for error messages */
  tokenizerSource?: string;
  /**
   * the folder of the compiled-tokenizer cache (tokenizer-cache.ts; default: defaultTokenizerCacheDir()),
   * or false to load the tokenizer.json without it
   */
  tokenizerCache?: string | false;
  /**
   * the EOS token appended to every document (default: the last token the post-processor appends,
   * else the first of <|end_of_text|>, <|endoftext|>, </s>, <eos> that is a special token, else the
   * special token with the smallest id, `<|endoftext|>` in ours)
   */
  eosToken?: string;
  /** the BOS token put before every document; null: none (default: what the post-processor puts there, e.g. Llama 2's <s>) */
  bosToken?: string | null;
  onProgress?: (documents: number, bytes: number) => void;
}

/** `stats.json` of a tokenize run. */
export interface TokenizeStats {
  documents_in: number;
  documents_out: number;
  errors: number;
  text_bytes: number;
  tokens: number;
  seconds: number;
  mb_per_second: number;
  /** per domain: rows, tokens, text bytes and bytes per token (EOS excluded) */
  domains: TokenShardIndex['totals']['domains'];
  /** overall bytes per token */
  bytes_per_token: number;
}

/** What every tokenize run sets up first: the encoder, EOS, dtype, a clean output directory. */
export interface TokenizeRun {
  started: number;
  tokenizer: LoadedTokenizer;
  /** built on first use: only the in-thread path encodes here */
  encoder: () => BpeEncoder;
  eosId: number;
  eosToken: string;
  framing: DocumentFraming;
  dtype: TokenDtype;
  batchRows: number;
  /** a tokenizer loaded from its JSON being written to the cache (awaited by finishRun) */
  cached: Promise<boolean> | undefined;
  /** whether the tokenizer came from the cache entry that `sendToWorkers` was given */
  fromCacheEntry: boolean;
}

/**
 * Loads the tokenizer (from the compiled-tokenizer cache when it has it, else from the JSON, then
 * cached), works out the framing and prepares the output folder. `sendToWorkers` gets a cache entry
 * as soon as it is found, before this thread reads it.
 */
export async function startRun(options: TokenizeOptions, sendToWorkers?: (tokenizer: WorkerTokenizer) => void): Promise<TokenizeRun> {
  const started = performance.now();
  // Loaded once per run: worker threads get its tables (portable-tokenizer.ts), not the JSON.
  const source = options.tokenizerSource ?? 'tokenizer.json';
  const hash = tokenizerHash(options.tokenizerJson);
  const cacheDir = options.tokenizerCache === false ? undefined : (options.tokenizerCache ?? defaultTokenizerCacheDir());
  const entry = cacheDir === undefined ? undefined : readCacheEntry(cacheDir, hash);
  if (entry) sendToWorkers?.({ cacheEntry: entry, hash, source });
  let tokenizer = entry && tokenizerFromCacheEntry(entry, hash, source);
  const fromCacheEntry = tokenizer !== undefined;
  let cached: Promise<boolean> | undefined;
  if (tokenizer === undefined) {
    const text = typeof options.tokenizerJson === 'string' ? options.tokenizerJson : new TextDecoder().decode(options.tokenizerJson);
    tokenizer = parseTokenizerJson(text, source, hash);
    if (cacheDir !== undefined) cached = storeCachedTokenizer(cacheDir, tokenizer);
  }
  let encoder: BpeEncoder | undefined;
  const { eosId, eosToken, framing } = documentFraming(tokenizer, framingOptions(options));
  await mkdir(options.out, { recursive: true });
  // A previous index would describe shards we are about to replace: remove it first.
  await rm(join(options.out, TOKEN_SHARD_INDEX_FILE), { force: true });
  return {
    started,
    tokenizer,
    encoder: () => (encoder ??= new BpeEncoder(tokenizer)),
    eosId,
    eosToken,
    framing,
    dtype: tokenDtypeFor(tokenizer.vocab.length),
    batchRows: options.batchRows ?? DEFAULT_BATCH_ROWS,
    cached,
    fromCacheEntry,
  };
}

const DEFAULT_BATCH_ROWS = 256;

function framingOptions(options: TokenizeOptions): FramingOptions {
  return {
    ...(options.eosToken !== undefined ? { eosToken: options.eosToken } : {}),
    ...(options.bosToken !== undefined ? { bosToken: options.bosToken } : {}),
  };
}

export const shardFile = (s: number) => `${String(s).padStart(5, '0')}${TOKEN_SHARD_EXTENSION}`;

/**
 * Encodes sources into a token shard directory (token-shard-format.ts): source i → `<i:05d>.arrow`,
 * documents in input order, EOS appended, then index.json (last) and stats.json. Batches of
 * documents are encoded on workers - 1 worker threads and this one, whichever is free
 * ({@link shareEncoding}), and written back in order, so the bytes do not depend on the number of
 * workers. A record that cannot be read goes to errors.jsonl with its location.
 */
export async function tokenizeDocuments(
  sources: readonly TokenizeSource[],
  options: TokenizeOptions,
): Promise<{ index: TokenShardIndex; stats: TokenizeStats }> {
  // workers start (a thread and its modules take a moment) while this thread loads the tokenizer
  const pool = options.workers > 1 ? encodePool(options) : undefined;
  let run: TokenizeRun;
  let loaded: Promise<unknown> = Promise.resolve();
  try {
    run = await startRun(options, pool && ((t) => (loaded = giveTokenizer(pool, t))));
    if (pool && !run.fromCacheEntry) loaded = giveTokenizer(pool, workerTokenizerOf(run.tokenizer));
  } catch (err) {
    await pool?.close();
    throw err;
  }
  const results: ShardEncodingResult[] = [];
  const shards: Promise<ShardEncodingResult>[] = [];
  let documentsBefore = 0;
  let bytesBefore = 0;
  try {
    for (let s = 0; s < sources.length; s++) {
      const encode = pool ? shareEncoding(pool, loaded, run) : async (r: EncodeBatchRequest) => encodeBatch(run.encoder(), r, run.framing);
      // The next source is read once this one's documents are all sent, while its last batches are
      // still being encoded: the worker threads would otherwise idle at every shard's end.
      let allRead!: (counts: { documents: number; bytes: number }) => void;
      const read = new Promise<{ documents: number; bytes: number }>((resolve) => (allRead = resolve));
      const shard = encodeSourceToShard(
        sources[s]!,
        join(options.out, shardFile(s)),
        run.dtype,
        run.batchRows,
        encode,
        // room for this thread's own batches to wait behind the workers' (written in order)
        pool ? WORKER_QUEUE * pool.size + LOCAL_AHEAD : 0,
        (d, b) => options.onProgress?.(documentsBefore + d, bytesBefore + b),
        (documents, bytes) => allRead({ documents, bytes }),
      );
      shards.push(shard);
      const { documents, bytes } = await Promise.race([read, shard]);
      documentsBefore += documents;
      bytesBefore += bytes;
    }
    results.push(...(await Promise.all(shards)));
  } finally {
    await Promise.allSettled(shards); // (after a failure, the others settle before the pool closes)
    await pool?.close();
  }
  return finishRun(run, results, options);
}

/**
 * Tokenizes document shards given as data (what `anneal tokenize` does). With at least
 * {@link SHARDS_PER_THREAD} shards per thread, `workers` threads (this one and workers - 1 worker
 * threads) each read, encode and write whole shards, nothing but counts crossing threads; with
 * fewer, this thread reads and writes and the threads share the batches ({@link tokenizeDocuments}).
 * Both give the same bytes.
 */
export async function tokenizeShards(
  specs: readonly DocumentShardSpec[],
  options: TokenizeOptions,
): Promise<{ index: TokenShardIndex; stats: TokenizeStats }> {
  if (options.workers < 2 || specs.length < SHARDS_PER_THREAD * options.workers) return tokenizeDocuments(specs.map(documentShardSource), options);
  const results = new Array<ShardEncodingResult>(specs.length);
  // This thread encodes shards too (it would only wait otherwise), so `workers` threads in all.
  // The workers start first, while this thread loads the tokenizer; then they get its tables.
  const pool = new WorkerPool<ShardWorkerRequest, ShardEncodingResult | null>({
    workerModule: new URL('./shard-encode-worker.js', import.meta.url),
    workers: Math.min(options.workers, specs.length) - 1,
    data: () => ({ framingOptions: framingOptions(options), batchRows: options.batchRows ?? DEFAULT_BATCH_ROWS }),
    name: (k) => `tokenize worker ${k}`,
  });
  let run: TokenizeRun;
  let loaded: Promise<unknown>;
  try {
    run = await startRun(options, (t) => (loaded = giveTokenizer(pool, t)));
    if (!run.fromCacheEntry) loaded = giveTokenizer(pool, workerTokenizerOf(run.tokenizer));
  } catch (err) {
    await pool.close();
    throw err;
  }
  let next = 0;
  let documents = 0;
  let bytes = 0;
  const done = (task: number, result: ShardEncodingResult) => {
    results[task] = result;
    documents += result.documents;
    bytes += result.bytes;
    options.onProgress?.(documents, bytes);
  };
  const workerLoop = async (worker: number) => {
    await loaded;
    while (next < specs.length) {
      const task = next++;
      const result = await pool.requestTo(worker, { spec: specs[task]!, path: join(options.out, shardFile(task)) }).catch((err: Error) => {
        throw err instanceof WorkerRequestError ? new Error(`${specs[task]!.name}: ${err.message}`) : err;
      });
      done(task, result!);
    }
  };
  const ownLoop = async () => {
    const encoder = run.encoder();
    while (next < specs.length) {
      const task = next++;
      const encode = async (r: EncodeBatchRequest) => encodeBatch(encoder, r, run.framing);
      done(
        task,
        await encodeSourceToShard(documentShardSource(specs[task]!), join(options.out, shardFile(task)), run.dtype, run.batchRows, encode, 0),
      );
    }
  };
  try {
    await Promise.all([...Array.from({ length: pool.size }, (_, k) => workerLoop(k)), ownLoop()]);
  } finally {
    await pool.close();
  }
  return finishRun(run, results, options);
}

/**
 * Writes errors.jsonl, stats.json and (last) index.json. Shards a larger earlier run left are not
 * removed here: only the caller knows which files of the folder anneal wrote (`anneal tokenize`
 * removes those its output marker lists), and a file named like a shard may be someone else's.
 */
export async function finishRun(
  run: TokenizeRun,
  results: readonly ShardEncodingResult[],
  options: TokenizeOptions,
): Promise<{ index: TokenShardIndex; stats: TokenizeStats }> {
  await run.cached;
  const entries: TokenShardEntry[] = results.map((r, s) => ({ file: shardFile(s), ...r.entry }));
  const errors = results.flatMap((r) => r.errors);
  const bytesIn = results.reduce((sum, r) => sum + r.bytes, 0);
  const index = buildTokenShardIndex(
    { tokenizer_hash: run.tokenizer.hash, vocab_size: run.tokenizer.vocab.length, eos_id: run.eosId, eos_token: run.eosToken, dtype: run.dtype },
    entries,
  );
  if (errors.length > 0) await writeFile(join(options.out, 'errors.jsonl'), errors.map((e) => JSON.stringify({ error: e })).join('\n') + '\n');
  else await rm(join(options.out, 'errors.jsonl'), { force: true });
  const seconds = (performance.now() - run.started) / 1000;
  const stats: TokenizeStats = {
    documents_in: index.totals.rows + errors.length,
    documents_out: index.totals.rows,
    errors: errors.length,
    text_bytes: index.totals.text_bytes,
    tokens: index.totals.tokens,
    seconds: Math.round(seconds * 1000) / 1000,
    mb_per_second: Math.round((bytesIn / 1e6 / Math.max(seconds, 1e-9)) * 100) / 100,
    domains: index.totals.domains,
    bytes_per_token: Math.round(bytesPerToken(index.totals) * 10000) / 10000,
  };
  await writeFileAtomic(join(options.out, 'stats.json'), JSON.stringify(stats, null, 2) + '\n');
  await writeTokenShardIndex(options.out, index);
  return { index, stats };
}

/**
 * Whole shards per thread take turns only from this many shards per thread on: with fewer, one
 * thread idles while another finishes the last shard (4 shards on 2 threads: a third of the run
 * on Llama 2), so the threads share batches instead.
 */
const SHARDS_PER_THREAD = 4;
/** Batches a worker thread holds at most: one to encode, one to start on while its reply waits. */
const WORKER_QUEUE = 2;
/** Batches this thread may encode ahead of the oldest batch a worker still owes. */
const LOCAL_AHEAD = 8;

/**
 * Encodes each batch on the least busy worker thread when one holds fewer than WORKER_QUEUE
 * batches, else on this thread: the split follows each thread's speed batch by batch (a worker that
 * is still starting, or gets less of a loaded machine, takes fewer), and at the end no thread waits
 * for more than a worker's last batches.
 */
function shareEncoding(
  pool: WorkerPool<EncodeWorkerRequest, EncodeBatchReply | null>,
  loaded: Promise<unknown>,
  run: TokenizeRun,
): (request: EncodeBatchRequest) => Promise<EncodeBatchReply> {
  return async (request) => {
    // the worker's own count of what it has finished: a reply waits for this thread's event loop,
    // and a worker judged by its replies looks busy while it idles (it got 23 of 52 batches)
    let best = -1;
    for (let k = 0; k < pool.size; k++) if (pool.unfinished(k) < WORKER_QUEUE && (best < 0 || pool.unfinished(k) < pool.unfinished(best))) best = k;
    if (best < 0) return encodeBatch(run.encoder(), request, run.framing);
    // sent now (a worker answers in order, so after its tokenizer); `loaded` carries a load failure
    const [, reply] = await Promise.all([loaded, pool.requestTo(best, request)]);
    return reply as EncodeBatchReply;
  };
}

/** Worker threads that encode batches (encode-worker.ts): workers - 1, the calling thread encodes too. */
function encodePool(options: TokenizeOptions): WorkerPool<EncodeWorkerRequest, EncodeBatchReply | null> {
  return new WorkerPool({
    workerModule: new URL('./encode-worker.js', import.meta.url),
    workers: options.workers - 1,
    data: () => ({ framingOptions: framingOptions(options) }),
    name: (k) => `encoding worker ${k}`,
  });
}
