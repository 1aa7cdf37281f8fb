import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DecompressStream } from 'zstd-napi';
import { compressionOf } from './formats.js';

/** A file's decompressed bytes, and how many bytes of the file on disk have been consumed. */
export interface ByteSource {
  chunks: AsyncIterable<Buffer>;
  bytesRead(): number;
}

const CHUNK_BYTES = 1 << 20;

/** Opens a file as a stream of decompressed bytes (gzip and zstd by extension). */
export function openByteSource(path: string): ByteSource {
  let consumed = 0;
  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  raw.on('data', (chunk) => {
    consumed += chunk.length;
  });
  let stream: Readable = raw;
  const compression = compressionOf(path);
  if (compression !== 'none') {
    const decoder = compression === 'gzip' ? createGunzip({ chunkSize: CHUNK_BYTES }) : new DecompressStream();
    // pipe() does not forward errors; a read error on the file must surface on the decoder.
    raw.on('error', (err) => decoder.destroy(err));
    stream = raw.pipe(decoder);
  }
  return { chunks: stream as AsyncIterable<Buffer>, bytesRead: () => consumed };
}

/** Describes a stream failure in words a user can act on. */
export function describeStreamError(path: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string }).code;
  const compression = compressionOf(path);
  if (compression === 'gzip') {
    if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(message)) return `truncated gzip stream (${message})`;
    return `corrupt gzip stream (${message})`;
  }
  if (compression === 'zstd') {
    if (/ended in middle|truncat|unexpected end/i.test(message)) return `truncated zstd stream (${message})`;
    return `corrupt zstd stream (${message})`;
  }
  return `read error (${message})`;
}
