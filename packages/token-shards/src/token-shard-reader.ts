import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Data, RecordBatch } from 'apache-arrow';
import {
  TOKEN_SHARD_COLUMNS,
  TOKEN_SHARD_FORMAT,
  TOKEN_SHARD_INDEX_FILE,
  type TokenShardBatch,
  type TokenShardIndex,
  type TokenShardRow,
} from './token-shard-format.js';
import { loadArrow } from './lazy-arrow.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads and checks `<dir>/index.json`; the error names the file and what is wrong. */
export async function readTokenShardIndex(dir: string): Promise<TokenShardIndex> {
  const path = join(dir, TOKEN_SHARD_INDEX_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(
      `${path}: no token shard index (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); is ${dir} a complete \`anneal tokenize\` output?`,
    );
  }
  let index: TokenShardIndex;
  try {
    index = JSON.parse(text) as TokenShardIndex;
  } catch (err) {
    throw new Error(`${path}: not valid JSON: ${(err as Error).message}`);
  }
  if (index?.format !== TOKEN_SHARD_FORMAT)
    throw new Error(`${path}: format is ${JSON.stringify(index?.format)}, expected ${JSON.stringify(TOKEN_SHARD_FORMAT)}`);
  if (!Array.isArray(index.shards)) throw new Error(`${path}: "shards" is not a list`);
  for (const key of ['vocab_size', 'eos_id'] as const) {
    if (!Number.isInteger(index[key])) throw new Error(`${path}: "${key}" is not an integer`);
  }
  if (index.dtype !== 'uint16' && index.dtype !== 'uint32')
    throw new Error(`${path}: "dtype" is ${JSON.stringify(index.dtype)}, expected uint16 or uint32`);
  return index;
}

/**
 * Streams one token shard file as columnar batches (one per Arrow record batch). Throws an error
 * naming the file (and batch) when it is not a token shard or a batch cannot be decoded.
 */
export async function* readTokenShardBatches(path: string): AsyncGenerator<TokenShardBatch> {
  const handle = await open(path, 'r');
  let batchIndex = 0;
  try {
    const { RecordBatchReader, Type } = await loadArrow();
    let reader;
    try {
      reader = await RecordBatchReader.from(handle);
      await reader.open();
    } catch (err) {
      throw new Error(`${path}: not a readable Arrow IPC file: ${(err as Error).message}`);
    }
    const names = reader.schema.fields.map((f) => f.name);
    for (const column of TOKEN_SHARD_COLUMNS) {
      if (!names.includes(column)) throw new Error(`${path}: not a token shard, column "${column}" missing (has ${names.join(', ')})`);
    }
    const iterator = reader[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<RecordBatch>;
      try {
        next = await iterator.next();
      } catch (err) {
        throw new Error(`${path}: record batch ${batchIndex} could not be decoded: ${(err as Error).message}`);
      }
      if (next.done) break;
      // A shard with no documents reads back as one empty batch without column data.
      if (next.value.numRows > 0) yield batchColumns(next.value, path, batchIndex, Type);
      batchIndex++;
    }
  } finally {
    await handle.close();
  }
}

/** Streams one token shard file row by row. */
export async function* readTokenShard(path: string): AsyncGenerator<TokenShardRow> {
  for await (const batch of readTokenShardBatches(path)) {
    for (let i = 0; i < batch.ids.length; i++) {
      const q = batch.quality[i]!;
      yield {
        id: batch.ids[i]!,
        domain: batch.domains[i]!,
        quality: Number.isNaN(q) ? null : q,
        tokens: batch.tokens.subarray(batch.offsets[i]!, batch.offsets[i + 1]!),
      };
    }
  }
}

/** A row of {@link readTokenShards}: where it came from, for error messages and sampling. */
export interface LocatedTokenShardRow extends TokenShardRow {
  /** index into `index.shards` */
  shard: number;
  /** row within that shard */
  row: number;
}

/**
 * Reads a token shard directory: its index, and every document of every shard in index order
 * (which is input order). Pass `shards` to read only some of them (e.g. one per data-loader worker).
 */
export async function readTokenShards(
  dir: string,
  options: { shards?: readonly number[] } = {},
): Promise<{ index: TokenShardIndex; rows: AsyncGenerator<LocatedTokenShardRow> }> {
  const index = await readTokenShardIndex(dir);
  const selected = options.shards ?? index.shards.map((_, i) => i);
  for (const s of selected) {
    if (!Number.isInteger(s) || s < 0 || s >= index.shards.length) throw new Error(`${dir}: no shard ${s} (the index lists ${index.shards.length})`);
  }
  async function* rows(): AsyncGenerator<LocatedTokenShardRow> {
    for (const shard of selected) {
      let row = 0;
      for await (const r of readTokenShard(join(dir, index.shards[shard]!.file))) yield { ...r, shard, row: row++ };
    }
  }
  return { index, rows: rows() };
}

function batchColumns(batch: RecordBatch, path: string, batchIndex: number, Type: typeof import('apache-arrow').Type): TokenShardBatch {
  const where = `${path}: record batch ${batchIndex}`;
  const column = (name: string): Data => {
    const vector = batch.getChild(name);
    if (vector?.data.length !== 1) throw new Error(`${where}: column "${name}" missing or chunked`);
    return vector.data[0]!;
  };
  const rows = batch.numRows;

  const idData = column('id');
  if (idData.typeId !== Type.Utf8) throw new Error(`${where}: column "id" is not utf8`);
  const ids = decodeUtf8Column(idData, rows);

  const domainData = column('domain');
  let domains: string[];
  if (domainData.typeId === Type.Dictionary) {
    const dictionary = domainData.dictionary!;
    const names: string[] = [];
    for (let i = 0; i < dictionary.length; i++) names.push(String(dictionary.get(i)));
    const codes = domainData.values as Int32Array;
    domains = new Array<string>(rows);
    for (let i = 0; i < rows; i++) {
      const name = names[codes[domainData.offset + i]!];
      if (name === undefined) throw new Error(`${where}: row ${i} has domain code ${codes[domainData.offset + i]} outside the dictionary`);
      domains[i] = name;
    }
  } else if (domainData.typeId === Type.Utf8) {
    domains = decodeUtf8Column(domainData, rows);
  } else {
    throw new Error(`${where}: column "domain" is not (dictionary) utf8`);
  }

  const qualityData = column('quality');
  if (qualityData.typeId !== Type.Float) throw new Error(`${where}: column "quality" is not float32`);
  const quality = Float32Array.from((qualityData.values as Float32Array).subarray(qualityData.offset, qualityData.offset + rows));
  if (qualityData.nullCount > 0) {
    const bitmap = qualityData.nullBitmap!;
    for (let i = 0; i < rows; i++) {
      const bit = qualityData.offset + i;
      if ((bitmap[bit >> 3]! & (1 << (bit & 7))) === 0) quality[i] = NaN;
    }
  }

  const tokensData = column('tokens');
  if (tokensData.typeId !== Type.List) throw new Error(`${where}: column "tokens" is not a list`);
  const child = tokensData.children[0]!;
  const values = child.values as Uint16Array | Uint32Array;
  if (!(values instanceof Uint16Array || values instanceof Uint32Array))
    throw new Error(`${where}: column "tokens" is not a list of uint16 or uint32`);
  const rawOffsets = (tokensData.valueOffsets as Int32Array).subarray(tokensData.offset, tokensData.offset + rows + 1);
  const base = rawOffsets[0]!;
  const offsets = new Int32Array(rows + 1);
  for (let i = 0; i <= rows; i++) offsets[i] = rawOffsets[i]! - base;
  const tokens = values.subarray(child.offset + base, child.offset + rawOffsets[rows]!);
  return { ids, domains, quality, offsets, tokens };
}

function decodeUtf8Column(data: Data, rows: number): string[] {
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const out = new Array<string>(rows);
  for (let i = 0; i < rows; i++) out[i] = decoder.decode(bytes.subarray(offsets[data.offset + i]!, offsets[data.offset + i + 1]!));
  return out;
}
