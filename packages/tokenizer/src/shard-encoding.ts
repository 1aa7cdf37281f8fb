import { TokenShardWriter, type TokenDtype, type TokenShardEntry } from '@anneal/token-shards';
import type { EncodeBatchReply, EncodeBatchRequest } from './encode-batch.js';
import type { TokenizeItem, TokenizeSource } from './tokenize-source.js';

/** What encoding one source into one shard produced. */
export interface ShardEncodingResult {
  entry: Omit<TokenShardEntry, 'file'>;
  errors: string[];
  documents: number;
  bytes: number;
}

/**
 * Encodes one source into one token shard: documents in batches of `batchRows` through `encode`
 * (in this thread, or a worker pool), written back in input order, so the file's bytes depend only
 * on the documents and `batchRows`. At most `inFlight` batches wait for their ids at a time.
 * `onAllRead` is called once every document has been read and sent to `encode`, before the last
 * batches come back: a caller may start reading the next source then, so that the threads encoding
 * those last batches are not the only ones working.
 */
export async function encodeSourceToShard(
  source: TokenizeSource,
  path: string,
  dtype: TokenDtype,
  batchRows: number,
  encode: (request: EncodeBatchRequest) => Promise<EncodeBatchReply>,
  inFlight: number,
  onBatch?: (documents: number, bytes: number) => void,
  onAllRead?: (documents: number, bytes: number) => void,
): Promise<ShardEncodingResult> {
  const writer = new TokenShardWriter(path, dtype, batchRows);
  const errors: string[] = [];
  let documents = 0;
  let bytes = 0;
  try {
    type Doc = Extract<TokenizeItem, { id: string }>;
    const pending: { docs: Doc[]; sizes: number[]; result: Promise<EncodeBatchReply> }[] = [];
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
            textBytes: batch.sizes[i]!,
          });
        }
      }
    };
    let docs: Doc[] = [];
    let sizes: number[] = [];
    let seq = 0;
    const dispatch = async () => {
      pending.push({ docs, sizes, result: encode({ seq: seq++, texts: docs.map((d) => d.text) }) });
      docs = [];
      sizes = [];
      await drain(inFlight);
    };
    for await (const item of source.items()) {
      if (item.error !== undefined) {
        errors.push(item.error);
        continue;
      }
      documents++;
      const size = Buffer.byteLength(item.text, 'utf8');
      bytes += size;
      docs.push(item);
      sizes.push(size);
      if (docs.length >= batchRows) {
        await dispatch();
        onBatch?.(documents, bytes);
      }
    }
    if (docs.length > 0) await dispatch();
    onAllRead?.(documents, bytes);
    await drain(0);
    return { entry: await writer.close(), errors, documents, bytes };
  } catch (err) {
    await writer.abort();
    throw new Error(`${source.name}: ${(err as Error).message}`, { cause: err });
  }
}
