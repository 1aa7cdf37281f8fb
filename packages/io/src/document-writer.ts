import type { Doc } from '@anneal/core';

/** A shard being written. `close` finishes the file; nothing is readable as complete before it. */
export interface DocumentWriter {
  write(doc: Doc): Promise<void>;
  close(): Promise<void>;
  /** Documents written so far. */
  readonly count: number;
}
