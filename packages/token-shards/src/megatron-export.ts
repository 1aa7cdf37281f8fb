import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { commitFile, removeStaleTemporariesSync, temporaryPathFor, writeFileAtomic } from '@anneal/core';
import { readTokenShardBatches, readTokenShardIndex } from './token-shard-reader.js';

/**
 * Megatron-LM's indexed dataset (`MMIDIDX`, version 1), the format `megatron/core/datasets/
 * indexed_dataset.py` reads:
 *
 * `prefix.bin`: every document's token ids, concatenated, in the index dtype, no header.
 * `prefix.idx`, little-endian:
 *   9 bytes  magic "MMIDIDX\0\0"
 *   u64      version = 1
 *   u8       dtype code (1 uint8, 2 int8, 3 int16, 4 int32, 5 int64, 6 float64, 7 float32, 8 uint16)
 *   u64      sequence count N
 *   u64      document-index count D (= N + 1 here: one sequence per document)
 *   i32[N]   sequence lengths (tokens)
 *   i64[N]   sequence byte offsets into .bin
 *   i64[D]   document indices: 0, then the end (exclusive sequence index) of each document
 *
 * Megatron has no uint32 code, so vocabularies above 65,536 are exported as int32 (ids < 2^31).
 * Each document keeps its EOS, as Megatron's own preprocessing (`--append-eod`) does.
 */
export const MEGATRON_MAGIC = Uint8Array.from([0x4d, 0x4d, 0x49, 0x44, 0x49, 0x44, 0x58, 0x00, 0x00]);
export const MEGATRON_DTYPE_CODE = { uint16: 8, int32: 4 } as const;

export interface MegatronExportResult {
  documents: number;
  tokens: number;
  dtype: keyof typeof MEGATRON_DTYPE_CODE;
  bin: string;
  idx: string;
}

/** Writes `<prefix>.bin` and `<prefix>.idx` from a token shard directory (both via temp + rename). */
export async function exportMegatron(shardDir: string, prefix: string): Promise<MegatronExportResult> {
  const index = await readTokenShardIndex(shardDir);
  const dtype = index.dtype === 'uint16' ? 'uint16' : 'int32';
  const itemBytes = dtype === 'uint16' ? 2 : 4;
  const binPath = `${prefix}.bin`;
  const idxPath = `${prefix}.idx`;
  await mkdir(dirname(binPath), { recursive: true });
  removeStaleTemporariesSync(binPath);
  const binTmp = temporaryPathFor(binPath);
  const out = createWriteStream(binTmp);
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', () => resolve());
    out.on('error', reject);
  });

  let lengths = new Int32Array(1024);
  let documents = 0;
  let tokens = 0;
  for (const shard of index.shards) {
    for await (const batch of readTokenShardBatches(join(shardDir, shard.file))) {
      const rows = batch.ids.length;
      if (documents + rows > lengths.length) {
        const grown = new Int32Array(Math.max(lengths.length * 2, documents + rows));
        grown.set(lengths);
        lengths = grown;
      }
      for (let i = 0; i < rows; i++) lengths[documents + i] = batch.offsets[i + 1]! - batch.offsets[i]!;
      documents += rows;
      tokens += batch.tokens.length;
      const data = dtype === 'uint16' ? batch.tokens : Int32Array.from(batch.tokens as Uint32Array, checkedInt32);
      if (!out.write(new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice())) await once(out, 'drain');
    }
  }
  out.end();
  await closed;

  const n = documents;
  const header = 9 + 8 + 1 + 8 + 8;
  const idx = new Uint8Array(header + 4 * n + 8 * n + 8 * (n + 1));
  const view = new DataView(idx.buffer);
  idx.set(MEGATRON_MAGIC, 0);
  view.setBigUint64(9, 1n, true);
  view.setUint8(17, MEGATRON_DTYPE_CODE[dtype]);
  view.setBigUint64(18, BigInt(n), true);
  view.setBigUint64(26, BigInt(n + 1), true);
  let at = header;
  for (let i = 0; i < n; i++, at += 4) view.setInt32(at, lengths[i]!, true);
  let pointer = 0;
  for (let i = 0; i < n; i++, at += 8) {
    view.setBigInt64(at, BigInt(pointer), true);
    pointer += lengths[i]! * itemBytes;
  }
  for (let i = 0; i <= n; i++, at += 8) view.setBigInt64(at, BigInt(i), true);

  await commitFile(binTmp, binPath);
  await writeFileAtomic(idxPath, idx);
  return { documents, tokens, dtype, bin: binPath, idx: idxPath };
}

function checkedInt32(id: number): number {
  if (id > 0x7fffffff) throw new Error(`token id ${id} does not fit Megatron's int32`);
  return id;
}
