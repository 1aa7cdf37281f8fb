import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { commitFile, rankName, temporaryPathFor, type DroppedDocument } from '@anneal/core';

/** `<output>/dropped/<step>/<rank>.jsonl` (`.stage<k>.jsonl` past a global step): where `keep_dropped` puts a task's drops. */
export function droppedPath(outputRoot: string, step: string, rank: number, segment: number): string {
  return join(outputRoot, 'dropped', step, `${rankName(rank)}${segment === 0 ? '' : `.stage${segment}`}.jsonl`);
}

/**
 * Writes every document a task's steps drop (`keep_dropped: true`, datatrove's exclusion writers):
 * one JSON line each, the document as the step saw it (id, text, metadata with its
 * source_location) plus `dropped: { step, step_index, reason, detail }`, so `anneal why` can say
 * which rule dropped it and with what value. Files go through temporary names like the shards.
 */
export class DroppedWriter {
  private readonly streams = new Map<string, { out: WriteStream; tmp: string; path: string }>();

  constructor(
    private readonly outputRoot: string,
    private readonly tmpDir: string,
    private readonly rank: number,
    private readonly segment: number,
  ) {}

  async write(d: DroppedDocument): Promise<void> {
    let file = this.streams.get(d.step);
    if (!file) {
      const path = droppedPath(this.outputRoot, d.step, this.rank, this.segment);
      // made at once, not awaited: the next drop of this step may come before an await would return
      mkdirSync(dirname(path), { recursive: true });
      const tmp = temporaryPathFor(path, this.tmpDir);
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
