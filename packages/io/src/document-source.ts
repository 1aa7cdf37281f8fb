import type { ReadItem } from '@anneal/core';

/** What every reader returns: its records in order, and progress through the file on disk. */
export interface DocumentSource {
  records: AsyncIterable<ReadItem>;
  bytesRead(): number;
  /** Records that are not documents and not errors (a WARC's request records, ...), counted by kind. */
  skipped?(): Record<string, number>;
}
