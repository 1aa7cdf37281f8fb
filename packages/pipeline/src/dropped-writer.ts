import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { commitFile, temporaryPathFor, type DroppedDocument, type RunLayout } from '@anneal/core';

/**
 * Writes every document a task's steps drop (`keep_dropped: true`, datatrove's exclusion writers):
 * one JSON line each, the document as the step saw it (id, text, metadata with its
 * source_location) plus `dropped: { step, step_index, reason, detail }`, so `anneal why` can say
 * which rule dropped it and with what value. Files go through temporary names like the shards.
 */
export class DroppedWriter {
  private readonly streams = new Map<string, { out: WriteStream; tmp: string; path: string }>();

  constructor(
    private readonly layout: RunLayout,
    private readonly rank: number,
    private readonly segment: number,
  ) {}

  async write(d: DroppedDocument): Promise<void> {
    let file = this.streams.get(d.step);
    if (!file) {
      const path = this.layout.droppedPath(d.step, this.rank, this.segment);
      // made at once, not awaited: the next drop of this step may come before an await would return
      mkdirSync(dirname(path), { recursive: true });
      const tmp = temporaryPathFor(path, this.layout.tmpDir);
      const out = createWriteStream(tmp);
      out.on('error', () => undefined); // surfaced by close()
      file = { out, tmp, path };
      this.streams.set(d.step, file);
    }
    const record = {
      id: d.doc.id,
      text: d.doc.text,
      ...d.doc.metadata,
      dropped: { step: d.step, step_index: d.stepIndex, reason: d.reason, ...(d.detail !== undefined ? { detail: d.detail } : {}) },
    };
    if (!file.out.write(JSON.stringify(record) + '\n')) await new Promise<void>((resolve) => file!.out.once('drain', () => resolve()));
  }

  /** Closes every file and renames it into place. */
  async commit(): Promise<void> {
    for (const { out, tmp, path } of this.streams.values()) {
      await closeStream(out);
      await commitFile(tmp, path);
    }
    this.streams.clear();
  }

  /** After a failed task: nothing of it stays. */
  async discard(): Promise<void> {
    for (const { out, tmp } of this.streams.values()) {
      out.destroy();
      await rm(tmp, { force: true });
    }
    this.streams.clear();
  }
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.errored) return reject(stream.errored);
    stream.on('error', reject);
    stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
  });
}
