import { constants, inflateRawSync, type ZlibOptions } from 'node:zlib';
import type { ByteWindow } from './warc-byte-window.js';

/** One gzip member, inflated, with the offset of its first byte in the file. */
export type GzipMemberEvent = { offset: number; data: Buffer; error?: undefined } | { offset: number; error: string; data?: undefined };

/** Compressed bytes first offered to inflate; a member longer than that (rare) is retried with 4× more. */
const FIRST_SPAN = 256 * 1024;
const SCAN_SPAN = 1 << 20;
const MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

/**
 * Inflates a multi-member gzip file (a .warc.gz as Common Crawl writes it: one member per record)
 * member by member, so each record has an offset on disk and a damaged member costs only itself:
 * the walk picks up at the next member that inflates to a WARC record. A member inflating to more
 * than `maxBytes` is refused without holding its output; memory stays within about 2 × maxBytes.
 */
export async function* gzipMembers(window: ByteWindow, maxBytes: number): AsyncGenerator<GzipMemberEvent> {
  // A member whose output fits maxBytes is never much larger than it compressed (stored blocks add 5 bytes per 64 KiB).
  const maxCompressed = maxBytes + (maxBytes >> 10) + 65536;
  let pos = 0;
  while (pos < window.size) {
    const head = await window.view(pos, 64 * 1024);
    const headerBytes = gzipHeaderLength(head);
    if (headerBytes === undefined) {
      yield { offset: pos, error: `no gzip member starts here (found bytes ${head.subarray(0, 4).toString('hex')})` };
      const next = await findMember(window, pos + 1, maxBytes);
      if (next < 0) return;
      pos = next;
      continue;
    }
    let span = FIRST_SPAN;
    for (;;) {
      const bytes = await window.view(pos, Math.min(span, maxCompressed + headerBytes + 8));
      const outcome = inflateMember(bytes.subarray(headerBytes), maxBytes);
      if ('data' in outcome) {
        yield { offset: pos, data: outcome.data };
        pos += headerBytes + outcome.consumed + 8; // + CRC32 and ISIZE
        break;
      }
      const reachedEnd = pos + bytes.length >= window.size;
      if (outcome.kind === 'incomplete' && !reachedEnd && bytes.length < maxCompressed) {
        span *= 4;
        continue;
      }
      yield {
        offset: pos,
        error:
          outcome.kind === 'too_large' || (outcome.kind === 'incomplete' && !reachedEnd)
            ? `gzip member inflates to more than max_record_bytes (${maxBytes}); skipped`
            : outcome.kind === 'incomplete'
              ? 'truncated gzip member: the file ends inside it'
              : `corrupt gzip member (${outcome.message})`,
      };
      const next = await findMember(window, pos + 1, maxBytes);
      if (next < 0) return;
      pos = next;
      break;
    }
  }
}

type InflateOutcome = { data: Buffer; consumed: number } | { kind: 'incomplete' | 'too_large' | 'corrupt'; message: string };

function inflateMember(deflated: Buffer, maxBytes: number): InflateOutcome {
  try {
    const options: ZlibOptions & { info: true } = { info: true, maxOutputLength: maxBytes };
    const result = inflateRawSync(deflated, options) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    return { data: result.buffer, consumed: result.engine.bytesWritten };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = (err as Error).message;
    if (code === 'ERR_BUFFER_TOO_LARGE') return { kind: 'too_large', message };
    if (code === 'Z_BUF_ERROR') return { kind: 'incomplete', message };
    return { kind: 'corrupt', message };
  }
}

/** Length of a gzip member header (RFC 1952: fixed 10 bytes, then optional extra, name, comment, CRC16), or undefined. */
export function gzipHeaderLength(bytes: Buffer): number | undefined {
  if (bytes.length < 10 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8) return undefined;
  const flags = bytes[3]!;
  let at = 10;
  if (flags & 4) {
    if (bytes.length < at + 2) return undefined;
    at += 2 + bytes.readUInt16LE(at);
  }
  for (const bit of [8, 16]) {
    if (flags & bit) {
      const zero = bytes.indexOf(0, at);
      if (zero < 0) return undefined;
      at = zero + 1;
    }
  }
  if (flags & 2) at += 2;
  return at <= bytes.length ? at : undefined;
}

/**
 * The next offset after `from` where a gzip member starts whose first bytes inflate to a WARC or
 * ARC record; bytes that merely look like a gzip magic number inside compressed data are passed over.
 */
async function findMember(window: ByteWindow, from: number, maxBytes: number): Promise<number> {
  let pos = from;
  while (pos < window.size) {
    const chunk = Buffer.from(await window.view(pos, SCAN_SPAN)); // copied: startsRecord moves the window
    let i = chunk.indexOf(MAGIC);
    while (i >= 0) {
      if (await startsRecord(window, pos + i, maxBytes)) return pos + i;
      i = chunk.indexOf(MAGIC, i + 1);
    }
    if (chunk.length < SCAN_SPAN) return -1;
    pos += chunk.length - MAGIC.length;
  }
  return -1;
}

async function startsRecord(window: ByteWindow, at: number, maxBytes: number): Promise<boolean> {
  const bytes = Buffer.from(await window.view(at, 16 * 1024));
  const headerBytes = gzipHeaderLength(bytes);
  if (headerBytes === undefined) return false;
  try {
    // Z_SYNC_FLUSH: inflate what the prefix holds without asking for the stream's end.
    const prefix = inflateRawSync(bytes.subarray(headerBytes), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.min(maxBytes, 1 << 22) });
    const text = prefix.subarray(0, 16).toString('latin1');
    return text.startsWith('WARC/') || text.startsWith('filedesc://');
  } catch {
    return false;
  }
}
