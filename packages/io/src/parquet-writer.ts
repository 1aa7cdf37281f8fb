import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tableToIPC, type Table } from 'apache-arrow';
import * as parquetWasm from 'parquet-wasm/node';
import type { Doc } from '@anneal/core';
import { arrowSchemaOf, inferLayout, toArrowTable, JSON_COLUMNS_KEY, type ColumnLayout } from './columnar-layout.js';
import { writableRecord } from './writable-record.js';
import type { ParquetCodec } from './formats.js';
import type { DocumentWriter } from './document-writer.js';

export interface ParquetWriteOptions {
  codec: ParquetCodec;
  /** Rows per row group; readers hold one row group in memory at a time. */
  rowGroupRows: number;
}

const CODECS: Record<ParquetCodec, parquetWasm.Compression> = {
  uncompressed: parquetWasm.Compression.UNCOMPRESSED,
  snappy: parquetWasm.Compression.SNAPPY,
  gzip: parquetWasm.Compression.GZIP,
  zstd: parquetWasm.Compression.ZSTD,
  brotli: parquetWasm.Compression.BROTLI,
  lz4: parquetWasm.Compression.LZ4_RAW,
};

/**
 * Streams documents to Parquet through parquet-wasm (arrow-rs): each row group is built as an
 * Arrow batch and handed to the encoder, so memory holds about one row group. Why parquet-wasm:
 * see the README's Parquet comparison (zstd write support and speed).
 */
export class ParquetWriter implements DocumentWriter {
  private pending: Record<string, unknown>[] = [];
  private layout: ColumnLayout | undefined;
  private queue: parquetWasm.RecordBatch[] = [];
  private ended = false;
  private batchReady: (() => void) | undefined;
  private spaceFree: (() => void) | undefined;
  private written: Promise<void> | undefined;
  count = 0;

  constructor(
    private readonly path: string,
    private readonly options: ParquetWriteOptions,
  ) {}

  private properties(layout: ColumnLayout): parquetWasm.WriterProperties {
    const json = arrowSchemaOf(layout).metadata.get(JSON_COLUMNS_KEY) ?? '[]';
    return new parquetWasm.WriterPropertiesBuilder()
      .setCompression(CODECS[this.options.codec])
      .setMaxRowGroupSize(this.options.rowGroupRows)
      .setCreatedBy('anneal')
      .setKeyValueMetadata(new Map([[JSON_COLUMNS_KEY, json]]))
      .build();
  }

  private start(layout: ColumnLayout): void {
    this.layout = layout;
    // Pull-driven: the encoder asks for the next row group when it is ready for it, and write()
    // waits while more than one row group is queued, so memory stays at about one row group.
    const batches = new ReadableStream<parquetWasm.RecordBatch>({
      pull: async (controller) => {
        while (this.queue.length === 0 && !this.ended) await new Promise<void>((resolve) => (this.batchReady = resolve));
        const next = this.queue.shift();
        if (next) controller.enqueue(next);
        else controller.close();
        const resume = this.spaceFree;
        this.spaceFree = undefined;
        resume?.();
      },
    });
    // transformParquetStream resolves only after it has read the first batch (for the schema),
    // so it must not be awaited before that batch is queued.
    this.written = parquetWasm.transformParquetStream(batches, this.properties(layout)).then((bytes) => this.drainTo(bytes));
    // Surface an encoder failure at close() instead of as an unhandled rejection.
    this.written.catch(() => undefined);
  }

  /**
   * Copies encoded bytes to the file, reading the next chunk only once the file stream has room:
   * the encoder's output is pull-driven, so this is what holds the encoder (and through it, write())
   * back when the disk is slower than encoding.
   */
  private async drainTo(bytes: ReadableStream<Uint8Array>): Promise<void> {
    const out = createWriteStream(this.path);
    const failed = new Promise<never>((_, reject) => out.on('error', reject));
    failed.catch(() => undefined);
    const reader = bytes.getReader();
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), failed]);
      if (done) break;
      if (!out.write(value)) await Promise.race([once(out, 'drain'), failed]);
    }
    await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
  }

  private push(batch: parquetWasm.RecordBatch | undefined): void {
    if (batch) this.queue.push(batch);
    else this.ended = true;
    const wake = this.batchReady;
    this.batchReady = undefined;
    wake?.();
  }

  async write(doc: Doc): Promise<void> {
    this.pending.push(writableRecord(doc));
    this.count++;
    if (this.pending.length >= this.options.rowGroupRows) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    if (!this.layout) this.start(inferLayout(this.pending));
    const batch = toWasmBatch(toArrowTable(this.layout!, this.pending));
    this.pending = [];
    this.push(batch);
    while (this.queue.length > 1) await new Promise<void>((resolve) => (this.spaceFree = resolve));
    // A producer that never waits on I/O would otherwise starve the file stream's callbacks.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    if (!this.layout && this.pending.length === 0) {
      // An empty shard is still a valid Parquet file with the id/text columns.
      const empty = toArrowTable(inferLayout([]), []);
      const bytes = parquetWasm.writeParquet(parquetWasm.Table.fromIPCStream(tableToIPC(empty, 'stream')), this.properties(inferLayout([])));
      await new Promise<void>((resolve, reject) => createWriteStream(this.path).on('error', reject).end(bytes, resolve));
      return;
    }
    await this.flush();
    this.push(undefined);
    await this.written;
  }
}

function toWasmBatch(table: Table): parquetWasm.RecordBatch {
  const wasmTable = parquetWasm.Table.fromIPCStream(tableToIPC(table, 'stream'));
  const batch = wasmTable.recordBatch(0);
  if (!batch) throw new Error('parquet-wasm returned no record batch');
  return batch;
}
