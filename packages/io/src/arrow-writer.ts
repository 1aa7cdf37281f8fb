import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { RecordBatchFileWriter, RecordBatchStreamWriter } from 'apache-arrow';
import type { Doc } from '@anneal/core';
import { arrowSchemaOf, inferLayout, toArrowTable, type ColumnLayout } from './columnar-layout.js';
import { writableRecord } from './writable-record.js';
import type { DocumentWriter } from './document-writer.js';

/**
 * Writes Arrow IPC, one record batch per `batchRows` documents: the file format (random access,
 * `.arrow`, what the trainer and pyarrow's `ipc.open_file` read) or the stream format.
 */
export class ArrowWriter implements DocumentWriter {
  private pending: Record<string, unknown>[] = [];
  private layout: ColumnLayout | undefined;
  private readonly writer: RecordBatchFileWriter | RecordBatchStreamWriter;
  private readonly out;
  private readonly finished: Promise<unknown>;
  count = 0;

  constructor(
    path: string,
    private readonly batchRows: number,
    ipcFormat: 'file' | 'stream' = 'file',
  ) {
    this.writer = ipcFormat === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
    this.out = createWriteStream(path);
    this.finished = new Promise((resolve, reject) => {
      this.out.on('finish', () => resolve(undefined));
      this.out.on('error', reject);
    });
    this.writer.toNodeStream().pipe(this.out);
  }

  async write(doc: Doc): Promise<void> {
    this.pending.push(writableRecord(doc));
    this.count++;
    if (this.pending.length >= this.batchRows) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    this.layout ??= inferLayout(this.pending);
    const table = toArrowTable(this.layout, this.pending);
    this.pending = [];
    for (const batch of table.batches) this.writer.write(batch);
    // The encoded bytes sit in the Arrow writer's queue until the pipe moves them: let it run, then
    // wait while the file stream is full, so memory holds about one batch, not the shard.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.out.writableNeedDrain) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    if (!this.layout) this.writer.reset(undefined, arrowSchemaOf(inferLayout([])));
    this.writer.finish();
    await this.finished;
  }
}
