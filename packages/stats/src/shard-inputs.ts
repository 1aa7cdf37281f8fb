import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { expandInputs, inputFormatOf, readDocuments, type InputFile, type InputFormat } from '@anneal/io';
import type { Doc, RecordError } from '@anneal/core';

export interface ShardInputs {
  files: InputFile[];
  /** Inputs that were directories: a pipeline's output holds its stats.json and config.yaml there. */
  directories: string[];
}

/**
 * Turns what the user typed (files, globs, directories) into a sorted list of shard files. A
 * directory stands for its top-level shards only — a pipeline output's final `<rank>.<ext>` files,
 * not `stages/` or `errors/` — so `anneal stats out/run` reads what the run produced.
 */
export async function resolveShardInputs(inputs: readonly string[], baseDir: string): Promise<ShardInputs> {
  if (inputs.length === 0) throw new Error('no inputs: give shard files, globs or a pipeline output directory');
  const files = new Map<string, InputFile>();
  const directories: string[] = [];
  // stats.json and the like sit beside the shards; plain .json is never a shard there.
  for (const input of inputs) {
    const path = isAbsolute(input) ? input : resolve(baseDir, input);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      directories.push(input);
      const names = (await readdir(path)).filter((n) => !n.startsWith('.') && !n.endsWith('.json') && inputFormatOf(n) !== undefined).sort();
      const shards: InputFile[] = [];
      for (const name of names) {
        const s = await stat(join(path, name));
        if (s.isFile()) shards.push({ displayPath: join(input, name), path: join(path, name), bytes: s.size });
      }
      if (shards.length === 0) throw new Error(`${input}: no document shards (.jsonl[.gz|.zst], .parquet, .arrow) directly in this directory`);
      for (const f of shards) files.set(f.path, f);
    } else {
      for (const f of await expandInputs([input], baseDir)) files.set(f.path, f);
    }
  }
  const sorted = [...files.values()].sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  return { files: sorted, directories };
}

export interface ReadShardOptions {
  textKey?: string | undefined;
  idKey?: string | undefined;
  format?: InputFormat | undefined;
  /** Called every few thousand records and after each shard, for progress bars. */
  onProgress?: ((progress: ShardProgress) => void) | undefined;
}

/** The reading options alone out of a caller's wider options: readShards hands what it gets on to the readers. */
export function readShardOptionsOf(options: ReadShardOptions): ReadShardOptions {
  return { textKey: options.textKey, idKey: options.idKey, format: options.format, onProgress: options.onProgress };
}

export interface ShardProgress {
  /** Bytes on disk read so far, over all shards. */
  bytesRead: number;
  totalBytes: number;
  documents: number;
}

const PROGRESS_EVERY = 4096;

export type ShardItem =
  | { file: InputFile; fileIndex: number /** 0-based position among the documents this shard yields */; record: number; doc: Doc; error?: undefined }
  | { file: InputFile; fileIndex: number; record?: undefined; doc?: undefined; error: RecordError };

/** Streams every shard in order; bad records come out as errors (named by file and line/row), never thrown. */
export async function* readShards(files: readonly InputFile[], options: ReadShardOptions = {}): AsyncGenerator<ShardItem> {
  const totalBytes = files.reduce((n, f) => n + f.bytes, 0);
  const { onProgress, ...readOptions } = options;
  let bytesBefore = 0;
  let documents = 0;
  for (let fileIndex = 0; fileIndex < files.length; fileIndex++) {
    const file = files[fileIndex]!;
    // A pipeline's own empty shard is a legitimate zero-document file.
    const source = readDocuments(file.path, { ...readOptions, displayPath: file.displayPath, emptyFileIsError: false });
    let record = 0;
    for await (const item of source.records) {
      if (item.error) yield { file, fileIndex, error: item.error };
      else {
        yield { file, fileIndex, record: record++, doc: item.doc };
        if (onProgress && ++documents % PROGRESS_EVERY === 0)
          onProgress({ bytesRead: bytesBefore + Math.min(source.bytesRead(), file.bytes), totalBytes, documents });
      }
    }
    bytesBefore += file.bytes;
    onProgress?.({ bytesRead: bytesBefore, totalBytes, documents });
  }
}
