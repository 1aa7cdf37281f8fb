import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { writeFileAtomic } from '@anneal/core';
import { BpeEncoder } from './bpe-encoder.js';
import { encodeBatch, type EncodeBatchReply, type EncodeBatchRequest } from './encode-batch.js';
import { buildTokenShardIndex, writeTokenShardIndex } from './token-shard-index.js';
import { TOKEN_SHARD_EXTENSION, TOKEN_SHARD_INDEX_FILE, bytesPerToken, tokenDtypeFor, type TokenShardEntry, type TokenShardIndex } from './token-shard-format.js';
import { TokenShardWriter } from './token-shard-writer.js';

/** A document to tokenize, or a record that could not be read (counted and reported, never lost). */
export type TokenizeItem =
  | { id: string; text: string; domain?: string | undefined; quality?: number | undefined; error?: undefined }
  | { error: string };

/** One input (a document shard, or a manifest's selection from one); becomes one token shard. */
export interface TokenizeSource {
  /** shown in errors and stats */
  name: string;
  items: () => AsyncIterable<TokenizeItem>;
}

export interface TokenizeOptions {
  /** tokenizer.json text */
  tokenizerJson: string;
  /** output directory (shards, index.json, stats.json, errors.jsonl) */
  out: string;
  /** encoding worker threads; 0 encodes on the calling thread */
  workers: number;
  /** documents per encoding batch and per Arrow record batch */
  batchRows?: number;
  /** the EOS token (default: the first added token, `<|endoftext|>` in ours) */
  eosToken?: string;
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

/**
 * Encodes sources into a token shard directory (token-shard-format.ts): source i → `<i:05d>.arrow`,
 * documents in input order, EOS appended, then index.json (last) and stats.json. Batches of
 * documents are encoded on worker threads and written back in order, so the bytes do not depend on
 * the number of workers. A record that cannot be read goes to errors.jsonl with its location.
 */
export async function tokenizeDocuments(sources: readonly TokenizeSource[], options: TokenizeOptions): Promise<{ index: TokenShardIndex; stats: TokenizeStats }> {
  const started = performance.now();
  const encoder = BpeEncoder.fromJson(options.tokenizerJson);
  const eosToken = options.eosToken ?? encoder.firstSpecialToken();
  if (eosToken === undefined) throw new Error('the tokenizer has no added (special) tokens; pass the EOS token explicitly');
  const eosId = encoder.specialId(eosToken);
  if (eosId === undefined) throw new Error(`the tokenizer has no special token ${JSON.stringify(eosToken)} to use as EOS`);
  const dtype = tokenDtypeFor(encoder.vocabSize);
  const batchRows = options.batchRows ?? 256;
  await mkdir(options.out, { recursive: true });
  // A previous index would describe shards we are about to replace: remove it first.
  await rm(join(options.out, TOKEN_SHARD_INDEX_FILE), { force: true });

  const pool = options.workers > 0 ? new EncodePool(options.workers, options.tokenizerJson, eosId) : undefined;
  const entries: TokenShardEntry[] = [];
  const errors: string[] = [];
  let documentsIn = 0;
  let bytesIn = 0;
  try {
    for (let s = 0; s < sources.length; s++) {
      const source = sources[s]!;
      const file = `${String(s).padStart(5, '0')}${TOKEN_SHARD_EXTENSION}`;
      const writer = new TokenShardWriter(join(options.out, file), dtype, batchRows);
      try {
        // Batches in flight, oldest first; each resolves to its encoded ids.
        const pending: { docs: Extract<TokenizeItem, { id: string }>[]; bytes: number[]; result: Promise<EncodeBatchReply> }[] = [];
        const drain = async (keep: number) => {
          while (pending.length > keep) {
            const batch = pending.shift()!;
            const reply = await batch.result;
            for (let i = 0; i < batch.docs.length; i++) {
              const d = batch.docs[i]!;
              await writer.write({
                id: d.id,
                domain: d.domain,
                quality: d.quality,
                tokens: reply.tokens.subarray(reply.offsets[i]!, reply.offsets[i + 1]!),
                textBytes: batch.bytes[i]!,
              });
            }
          }
        };
        let docs: Extract<TokenizeItem, { id: string }>[] = [];
        let sizes: number[] = [];
        let seq = 0;
        const dispatch = async () => {
          const request: EncodeBatchRequest = { seq: seq++, texts: docs.map((d) => d.text) };
          const result = pool ? pool.encode(request) : Promise.resolve(encodeBatch(encoder, request, eosId));
          pending.push({ docs, bytes: sizes, result });
          docs = [];
          sizes = [];
          await drain(pool ? 2 * options.workers : 0);
        };
        for await (const item of source.items()) {
          if (item.error !== undefined) {
            errors.push(item.error);
            continue;
          }
          documentsIn++;
          const bytes = Buffer.byteLength(item.text, 'utf8');
          bytesIn += bytes;
          docs.push(item);
          sizes.push(bytes);
          if (docs.length >= batchRows) {
            await dispatch();
            options.onProgress?.(documentsIn, bytesIn);
          }
        }
        if (docs.length > 0) await dispatch();
        await drain(0);
        entries.push({ file, ...(await writer.close()) });
      } catch (err) {
        await writer.abort();
        throw new Error(`${source.name}: ${(err as Error).message}`, { cause: err });
      }
    }
  } finally {
    await pool?.close();
  }

  const index = buildTokenShardIndex(
    { tokenizer_hash: encoder.hash, vocab_size: encoder.vocabSize, eos_id: eosId, eos_token: eosToken, dtype },
    entries,
  );
  // Shards a previous run with more inputs left behind would sit beside the index unlisted: remove them.
  const listed = new Set(entries.map((e) => e.file));
  for (const name of await readdir(options.out)) {
    if (/^\d{5}\.arrow$/.test(name) && !listed.has(name)) await rm(join(options.out, name), { force: true });
  }
  if (errors.length > 0) await writeFile(join(options.out, 'errors.jsonl'), errors.map((e) => JSON.stringify({ error: e })).join('\n') + '\n');
  else await rm(join(options.out, 'errors.jsonl'), { force: true });
  const seconds = (performance.now() - started) / 1000;
  const stats: TokenizeStats = {
    documents_in: documentsIn + errors.length,
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

/** Worker threads that encode batches; replies are matched to requests by sequence number. */
class EncodePool {
  private readonly workers: Worker[];
  private readonly inFlight: number[];
  private readonly waiting = new Map<number, { resolve: (r: EncodeBatchReply) => void; reject: (e: Error) => void; worker: number }>();
  private failure: Error | undefined;

  constructor(count: number, tokenizerJson: string, eosId: number) {
    this.workers = Array.from({ length: count }, () => new Worker(new URL('./encode-worker.js', import.meta.url), { workerData: { tokenizerJson, eosId } }));
    this.inFlight = new Array<number>(count).fill(0);
    this.workers.forEach((w) => {
      w.on('message', (reply: EncodeBatchReply) => {
        const entry = this.waiting.get(reply.seq);
        if (!entry) return;
        this.waiting.delete(reply.seq);
        this.inFlight[entry.worker]!--;
        entry.resolve(reply);
      });
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`encoding worker exited with code ${code}`));
      });
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const entry of this.waiting.values()) entry.reject(err);
    this.waiting.clear();
  }

  encode(request: EncodeBatchRequest): Promise<EncodeBatchReply> {
    if (this.failure) return Promise.reject(this.failure);
    let best = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.inFlight[i]! < this.inFlight[best]!) best = i;
    this.inFlight[best]!++;
    return new Promise((resolve, reject) => {
      this.waiting.set(request.seq, { resolve, reject, worker: best });
      this.workers[best]!.postMessage(request);
    });
  }

  async close(): Promise<void> {
    for (const w of this.workers) w.removeAllListeners('exit');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
