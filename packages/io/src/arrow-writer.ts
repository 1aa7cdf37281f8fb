import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RecordBatchFileWriter, RecordBatchStreamWriter } from 'apache-arrow';
import type { Doc } from '@anneal/core';
import { inferLayout, type ColumnLayout } from './columnar-layout.js';
import { loadArrowTables } from './lazy-libraries.js';
import { writableRecord } from './writable-record.js';
import type { DocumentWriter } from './document-writer.js';

/**
 * Writes Arrow IPC, one record batch per `batchRows` documents: the file format (random access,
 * `.arrow`, what the trainer and pyarrow's `ipc.open_file` read) or the stream format.
 */
export class ArrowWriter implements DocumentWriter {
  private pending: Record<string, unknown>[] = [];
  private layout: ColumnLayout | undefined;
  /** Made once apache-arrow has loaded (on first use, see lazy-libraries.ts); piped to the file from the start. */
  private readonly writer: Promise<RecordBatchFileWriter | RecordBatchStreamWriter>;
  private readonly out;
  private readonly finished: Promise<unknown>;
  count = 0;

  constructor(
    path: string,
    private readonly batchRows: number,
    ipcFormat: 'file' | 'stream' = 'file',
  ) {
    this.out = createWriteStream(path);
    this.finished = new Promise((resolve, reject) => {
      this.out.on('finish', () => resolve(undefined));
      this.out.on('error', reject);
    });
    this.writer = loadArrowTables().then((arrow) => {
      const writer = ipcFormat === 'file' ? new arrow.RecordBatchFileWriter() : new arrow.RecordBatchStreamWriter();
      writer.toNodeStream().pipe(this.out);
      return writer;
    });
    // A load failure surfaces at write() or close(), not as an unhandled rejection.
    this.writer.catch(() => undefined);
  }

  async write(doc: Doc): Promise<void> {
    this.pending.push(writableRecord(doc));
    this.count++;
    if (this.pending.length >= this.batchRows) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const records = this.pending;
    this.pending = [];
    this.layout ??= inferLayout(records);
    const [writer, { toArrowTable }] = await Promise.all([this.writer, loadArrowTables()]);
    const table = toArrowTable(this.layout, records);
    for (const batch of table.batches) writer.write(batch);
    // The encoded bytes sit in the Arrow writer's queue until the pipe moves them: let it run, then
    // wait while the file stream is full, so memory holds about one batch, not the shard.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.out.writableNeedDrain) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    const [writer, { arrowSchemaOf }] = await Promise.all([this.writer, loadArrowTables()]);
    if (!this.layout) writer.reset(undefined, arrowSchemaOf(inferLayout([])));
    writer.finish();
    await this.finished;
  }
}
