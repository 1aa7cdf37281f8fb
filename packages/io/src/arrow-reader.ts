import { open } from 'node:fs/promises';
import { RecordError, type ReadItem } from '@anneal/core';
import { JSON_COLUMNS_KEY, parseJsonColumns } from './columnar-layout.js';
import { columnarFileSource, type ReadProgress } from './columnar-file-source.js';
import { columnarRowItem, type ColumnarReadOptions } from './columnar-row.js';
import type { DocumentSource } from './document-source.js';
import { loadArrow } from './lazy-libraries.js';

export type ArrowReadOptions = ColumnarReadOptions;

/**
 * Streams an Arrow IPC file or stream (both formats are detected from the bytes), one record batch
 * at a time. A batch that fails to decode ends the file with one error naming the batch.
 */
export function readArrow(path: string, options: ArrowReadOptions): DocumentSource {
  const file = options.displayPath;

  async function* records(size: number, progress: ReadProgress): AsyncGenerator<ReadItem> {
    const handle = await open(path, 'r');
    let batchIndex = 0;
    let row = 0;
    try {
      const { RecordBatchReader } = await loadArrow();
      const reader = await RecordBatchReader.from(handle);
      await reader.open();
      const jsonColumns = parseJsonColumns(reader.schema?.metadata.get(JSON_COLUMNS_KEY));
      const iterator = reader[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<Awaited<ReturnType<typeof iterator.next>>['value']>;
        try {
          next = await iterator.next();
        } catch (err) {
          yield { error: new RecordError({ file, batch: batchIndex }, `record batch ${batchIndex} could not be decoded: ${(err as Error).message}`) };
          return;
        }
        if (next.done) break;
        const batch = next.value;
        for (let i = 0; i < batch.numRows; i++, row++) {
          yield columnarRowItem(batch.get(i)!.toJSON() as Record<string, unknown>, jsonColumns, options, { file, batch: batchIndex, row });
        }
        batchIndex++;
      }
    } catch (err) {
      yield { error: new RecordError({ file, batch: batchIndex }, `not a readable Arrow IPC file: ${(err as Error).message}`) };
    } finally {
      await handle.close();
      progress.consumed = size;
    }
  }

  return columnarFileSource(path, file, records);
}
