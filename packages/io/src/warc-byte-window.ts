import { open, type FileHandle } from 'node:fs/promises';

/**
 * Random access to the bytes a WARC reader walks through: a file on disk (read in chunks, so a
 * skipped 50 MB record is never read) or one decompressed gzip member held in memory.
 */
export interface ByteWindow {
  readonly size: number;
  /** Up to `length` bytes from `pos` (fewer at the end); the view is valid until the next call. */
  view(pos: number, length: number): Promise<Buffer>;
  /** Bytes read from disk so far (progress). */
  bytesRead(): number;
  close(): Promise<void>;
}

/** Bytes read per disk read: well above what a caller asks for at once (a 256 KiB gzip span, a 64 KiB header), so a sliding walk re-reads little. */
const READ_AHEAD = 4 << 20;

/** A file read through one cached span; memory is bounded by the largest view asked for. */
export async function fileWindow(path: string): Promise<ByteWindow> {
  const handle: FileHandle = await open(path, 'r');
  const size = (await handle.stat()).size;
  let cache = Buffer.alloc(0);
  let cacheStart = 0;
  let consumed = 0;
  return {
    size,
    async view(pos, length) {
      const want = Math.max(0, Math.min(length, size - pos));
      if (pos >= cacheStart && pos + want <= cacheStart + cache.length) return cache.subarray(pos - cacheStart, pos - cacheStart + want);
      const span = Math.min(Math.max(want, READ_AHEAD), size - pos);
      const buffer = Buffer.allocUnsafe(span);
      let filled = 0;
      while (filled < span) {
        const { bytesRead } = await handle.read(buffer, filled, span - filled, pos + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      cache = buffer.subarray(0, filled);
      cacheStart = pos;
      consumed = Math.max(consumed, pos + filled);
      return cache.subarray(0, Math.min(want, filled));
    },
    bytesRead: () => consumed,
    close: () => handle.close(),
  };
}

/** A buffer already in memory (a decompressed gzip member). */
export function memoryWindow(buffer: Buffer): ByteWindow {
  return {
    size: buffer.length,
    view: async (pos, length) => buffer.subarray(pos, Math.min(buffer.length, pos + length)),
    bytesRead: () => buffer.length,
    close: async () => undefined,
  };
}
