import { stat } from 'node:fs/promises';
import { RecordError, type ReadItem } from '@anneal/core';
import type { DocumentSource } from './document-source.js';

/** How far a columnar reader has got through its file, in bytes on disk (for progress bars). */
export interface ReadProgress {
  consumed: number;
}

/**
 * A Parquet or Arrow file as a DocumentSource. A 0-byte file has no footer or schema to read: it is
 * one error for the file. Any other is streamed by `readFile(size, progress)`, which moves
 * `progress.consumed` on as it reads.
 */
export function columnarFileSource(
  path: string,
  file: string,
  readFile: (size: number, progress: ReadProgress) => AsyncGenerator<ReadItem>,
): DocumentSource {
  const progress: ReadProgress = { consumed: 0 };
  async function* records(): AsyncGenerator<ReadItem> {
    const size = (await stat(path)).size;
    if (size === 0) {
      yield { error: new RecordError({ file }, 'empty file: no records (0 bytes)') };
      return;
    }
    yield* readFile(size, progress);
  }
  return { records: records(), bytesRead: () => progress.consumed };
}
