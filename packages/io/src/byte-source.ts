import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { DecompressStream } from 'zstd-napi';
import { compressionOf } from './formats.js';

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
      for await (const chunk of raw as AsyncIterable<Buffer>) {
        consumed += chunk.length;
        yield chunk;
      }
      return;
    }
    const decoder = compression === 'gzip' ? createGunzip({ chunkSize: CHUNK_BYTES }) : new DecompressStream();
    // pipe() (attached in the same tick as the counter) feeds the decoder, which buffers with
    // backpressure until it is read; pipe() does not forward errors, so a read error is passed on.
    raw.on("data", (chunk: string | Buffer) => {
      consumed += chunk.length;
    });
    raw.on('error', (err) => decoder.destroy(err));
    yield* raw.pipe(decoder) as AsyncIterable<Buffer>;
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
