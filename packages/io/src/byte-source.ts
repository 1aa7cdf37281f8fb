import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { compressionOf } from './formats.js';
import { zstdChunks } from './zstd-chunks.js';

/** A file's decompressed bytes, and how many bytes of the file on disk have been consumed. */
export interface ByteSource {
  chunks: AsyncIterable<Buffer>;
  bytesRead(): number;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Opens a file as a stream of decompressed bytes (gzip and zstd by extension). Nothing is read
 * until the first chunk is asked for: a 'data' listener attached early would switch the file
 * stream to flowing mode and drop every chunk read before the consumer starts iterating.
 */
export function openByteSource(path: string): ByteSource {
  let consumed = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    const compression = compressionOf(path);
    if (compression === 'none') {
      yield* counted(raw);
      return;
    }
    if (compression === 'zstd') {
      // Pulled, not piped: zstdChunks reads the file only as fast as its output is consumed.
      yield* zstdChunks(counted(raw));
      return;
    }
    const decoder = createGunzip({ chunkSize: CHUNK_BYTES });
    // pipe() (attached in the same tick as the counter) feeds the decoder, which buffers with
    // backpressure until it is read; pipe() does not forward errors, so a read error is passed on.
    raw.on('data', (chunk: string | Buffer) => {
      consumed += chunk.length;
    });
    raw.on('error', (err) => decoder.destroy(err));
    yield* raw.pipe(decoder) as AsyncIterable<Buffer>;
  }
  async function* counted(raw: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of raw) {
      consumed += chunk.length;
      yield chunk;
    }
  }
  return { chunks: chunks(), bytesRead: () => consumed };
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
