import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Table } from 'apache-arrow';
import type * as ParquetWasm from 'parquet-wasm/node';
import type { Doc } from '@anneal/core';
import { inferLayout, JSON_COLUMNS_KEY, type ColumnLayout } from './columnar-layout.js';
import { loadArrowTables, loadParquetWasm } from './lazy-libraries.js';
import { writableRecord } from './writable-record.js';
import type { ParquetCodec } from './formats.js';
import type { DocumentWriter } from './document-writer.js';

export interface ParquetWriteOptions {
  codec: ParquetCodec;
  /** Rows per row group; readers hold one row group in memory at a time. */
  rowGroupRows: number;
}

/** parquet-wasm and io's Arrow tables, loaded when the first row group (or an empty file) is written. */
interface Libraries {
  parquetWasm: Awaited<ReturnType<typeof loadParquetWasm>>;
  tables: Awaited<ReturnType<typeof loadArrowTables>>;
}

async function libraries(): Promise<Libraries> {
  const [parquetWasm, tables] = await Promise.all([loadParquetWasm(), loadArrowTables()]);
  return { parquetWasm, tables };
}

function codecOf(codec: ParquetCodec, { Compression }: Libraries['parquetWasm']): ParquetWasm.Compression {
  const codecs: Record<ParquetCodec, ParquetWasm.Compression> = {
    uncompressed: Compression.UNCOMPRESSED,
    snappy: Compression.SNAPPY,
    gzip: Compression.GZIP,
    zstd: Compression.ZSTD,
    brotli: Compression.BROTLI,
    lz4: Compression.LZ4_RAW,
  };
  return codecs[codec];
}

/**
 * Streams documents to Parquet through parquet-wasm (arrow-rs): each row group is built as an
 * Arrow batch and handed to the encoder, so memory holds about one row group. Why parquet-wasm:
 * see the README's Parquet comparison (zstd write support and speed).
 */
export class ParquetWriter implements DocumentWriter {
  private pending: Record<string, unknown>[] = [];
  private layout: ColumnLayout | undefined;
  private queue: ParquetWasm.RecordBatch[] = [];
  private ended = false;
  private batchReady: (() => void) | undefined;
  private spaceFree: (() => void) | undefined;
  private written: Promise<void> | undefined;
  count = 0;

  constructor(
    private readonly path: string,
    private readonly options: ParquetWriteOptions,
  ) {}

  private properties(layout: ColumnLayout, { parquetWasm, tables }: Libraries): ParquetWasm.WriterProperties {
    const json = tables.arrowSchemaOf(layout).metadata.get(JSON_COLUMNS_KEY) ?? '[]';
    return new parquetWasm.WriterPropertiesBuilder()
      .setCompression(codecOf(this.options.codec, parquetWasm))
      .setMaxRowGroupSize(this.options.rowGroupRows)
      .setCreatedBy('anneal')
      .setKeyValueMetadata(new Map([[JSON_COLUMNS_KEY, json]]))
      .build();
  }

  private start(layout: ColumnLayout, libs: Libraries): void {
    this.layout = layout;
    // Pull-driven: the encoder asks for the next row group when it is ready for it, and write()
    // waits while more than one row group is queued, so memory stays at about one row group.
    const batches = new ReadableStream<ParquetWasm.RecordBatch>({
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
    this.written = libs.parquetWasm.transformParquetStream(batches, this.properties(layout, libs)).then((bytes) => this.drainTo(bytes));
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

  private push(batch: ParquetWasm.RecordBatch | undefined): void {
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
    const records = this.pending;
    this.pending = [];
    const libs = await libraries();
    if (!this.layout) this.start(inferLayout(records), libs);
    const batch = toWasmBatch(libs.tables.toArrowTable(this.layout!, records), libs);
    this.push(batch);
    while (this.queue.length > 1) await new Promise<void>((resolve) => (this.spaceFree = resolve));
    // A producer that never waits on I/O would otherwise starve the file stream's callbacks.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    if (!this.layout && this.pending.length === 0) {
      // An empty shard is still a valid Parquet file with the id/text columns.
      const libs = await libraries();
      const { parquetWasm, tables } = libs;
      const empty = tables.toArrowTable(inferLayout([]), []);
      const bytes = parquetWasm.writeParquet(
        parquetWasm.Table.fromIPCStream(tables.tableToIPC(empty, 'stream')),
        this.properties(inferLayout([]), libs),
      );
      await new Promise<void>((resolve, reject) => createWriteStream(this.path).on('error', reject).end(bytes, resolve));
      return;
    }
    await this.flush();
    this.push(undefined);
    await this.written;
  }
}

function toWasmBatch(table: Table, { parquetWasm, tables }: Libraries): ParquetWasm.RecordBatch {
  const wasmTable = parquetWasm.Table.fromIPCStream(tables.tableToIPC(table, 'stream'));
  const batch = wasmTable.recordBatch(0);
  if (!batch) throw new Error('parquet-wasm returned no record batch');
  return batch;
}
