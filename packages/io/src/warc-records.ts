import type { ByteWindow } from './warc-byte-window.js';

/** One WARC record: its named fields (lower-case keys) and, when the caller asked for it, its block. */
export interface WarcRecord {
  /** Byte offset of the record's first byte in the window it was read from. */
  offset: number;
  type: string;
  headers: Map<string, string>;
  contentLength: number;
  /** The record block (for a response: HTTP headers and payload); absent when not wanted or over the limit. */
  block?: Buffer;
}

export type WarcEvent = { record: WarcRecord; error?: undefined } | { error: { offset: number; reason: string }; record?: undefined };

export interface WalkOptions {
  maxRecordBytes: number;
  /** Whether a record of this type is read at all; others are skipped without reading their block. */
  wantsBlock(type: string): boolean;
}

const HEADER_PEEK = 64 * 1024;
/** A WARC header block longer than this is damage, not a header. */
const MAX_HEADER_BYTES = 1 << 20;
const SCAN_CHUNK = 1 << 20;
const CRLF2 = Buffer.from('\r\n\r\n');
const LF2 = Buffer.from('\n\n');
const RECORD_START = Buffer.from('WARC/');

/**
 * Walks the records of a WARC (ISO 28500) byte window: header block, Content-Length bytes of block,
 * CRLF CRLF. Damage is reported with the offset of the record it hit, and the walk picks up again
 * at the next line that starts a record ("WARC/1.x"), so one bad record costs only itself.
 */
export async function* walkWarcRecords(window: ByteWindow, options: WalkOptions): AsyncGenerator<WarcEvent> {
  let pos = 0;
  while (pos < window.size) {
    let head = await window.view(pos, HEADER_PEEK);
    let skip = 0;
    while (skip < head.length && (head[skip] === 13 || head[skip] === 10)) skip++; // blank lines between records
    if (skip === head.length) {
      pos += skip;
      if (head.length < HEADER_PEEK) return;
      continue;
    }
    if (skip > 0) {
      pos += skip;
      head = await window.view(pos, HEADER_PEEK);
    }
    if (!startsWith(head, RECORD_START)) {
      yield { error: { offset: pos, reason: `no WARC record starts here (found ${JSON.stringify(head.subarray(0, 40).toString('latin1'))})` } };
      const next = await findRecordStart(window, pos + 1);
      if (next < 0) return;
      pos = next;
      continue;
    }
    let end = headerEnd(head);
    if (end < 0 && head.length === HEADER_PEEK) {
      head = await window.view(pos, MAX_HEADER_BYTES);
      end = headerEnd(head);
    }
    if (end < 0) {
      const atEnd = pos + head.length >= window.size;
      yield {
        error: {
          offset: pos,
          reason: atEnd ? 'truncated record: the file ends inside the WARC header' : `WARC header longer than ${MAX_HEADER_BYTES} bytes`,
        },
      };
      if (atEnd) return;
      const next = await findRecordStart(window, pos + 1);
      if (next < 0) return;
      pos = next;
      continue;
    }
    const headers = parseHeaderLines(head.subarray(0, end).toString('latin1'));
    const blockStart = pos + end + (head[end] === 13 ? 4 : 2);
    const contentLength = Number(headers.get('content-length'));
    if (!Number.isSafeInteger(contentLength) || contentLength < 0 || !/^\s*\d+\s*$/.test(headers.get('content-length') ?? '')) {
      yield {
        error: { offset: pos, reason: `WARC record without a valid Content-Length (${JSON.stringify(headers.get('content-length') ?? null)})` },
      };
      const next = await findRecordStart(window, blockStart);
      if (next < 0) return;
      pos = next;
      continue;
    }
    const type = (headers.get('warc-type') ?? '').toLowerCase();
    const blockEnd = blockStart + contentLength;
    if (blockEnd > window.size) {
      // Either the file was cut short or Content-Length is too large: a record start inside the
      // claimed block tells which, and lets the walk go on.
      const next = await findRecordStart(window, blockStart);
      yield {
        error: {
          offset: pos,
          reason: `truncated record: Content-Length ${contentLength} but ${window.size - blockStart} byte(s) follow the header${next >= 0 ? '' : ' (end of file)'}`,
        },
      };
      if (next < 0) return;
      pos = next;
      continue;
    }
    const record: WarcRecord = { offset: pos, type, headers, contentLength };
    if (options.wantsBlock(type)) {
      if (contentLength > options.maxRecordBytes) {
        yield {
          error: { offset: pos, reason: `record block is ${contentLength} bytes, over max_record_bytes (${options.maxRecordBytes}); skipped` },
        };
        pos = blockEnd;
        continue;
      }
      record.block = Buffer.from(await window.view(blockStart, contentLength)); // copied: the view is reused
    }
    yield { record };
    const tail = await window.view(blockEnd, 4);
    if (tail.equals(CRLF2) || (tail.length < 4 && isLineBreaks(tail))) {
      pos = blockEnd + tail.length;
      continue;
    }
    if (tail.length >= 2 && tail[0] === 10 && tail[1] === 10) {
      pos = blockEnd + 2; // bare LF LF, as some writers emit
      continue;
    }
    // From the block's start: a Content-Length too large swallows the next record's first bytes.
    const next = await findRecordStart(window, blockStart);
    yield {
      error: {
        offset: pos,
        reason: `record is not followed by CRLF CRLF at byte ${blockEnd}: its Content-Length (${contentLength}) does not match the bytes written; the block was read as Content-Length says`,
      },
    };
    if (next < 0) return;
    pos = next;
  }
}

function startsWith(buffer: Buffer, prefix: Buffer): boolean {
  return buffer.length >= prefix.length && buffer.subarray(0, prefix.length).equals(prefix);
}

function isLineBreaks(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 13 && b !== 10) return false;
  return true;
}

/** Index of the blank line ending a header block (CRLF CRLF, or LF LF from lax writers); -1 when absent. */
export function headerEnd(bytes: Buffer): number {
  const crlf = bytes.indexOf(CRLF2);
  const lf = bytes.indexOf(LF2);
  if (crlf < 0) return lf;
  if (lf < 0) return crlf;
  return Math.min(crlf, lf);
}

/** "Name: value" lines (the first line, the version or status line, is skipped), names lower-cased. */
export function parseHeaderLines(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  let last: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      headers.set(last, `${headers.get(last)} ${line.trim()}`); // folded continuation line
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const before = headers.get(name);
    headers.set(name, before === undefined ? value : `${before}, ${value}`);
    last = name;
  }
  return headers;
}

/** The next offset at or after `from` where a line starts with "WARC/", or -1. */
async function findRecordStart(window: ByteWindow, from: number): Promise<number> {
  let pos = from;
  while (pos < window.size) {
    const chunk = await window.view(pos, SCAN_CHUNK);
    let i = chunk.indexOf(RECORD_START);
    while (i >= 0) {
      const at = pos + i;
      if (at === from || (i > 0 && chunk[i - 1] === 10)) return at;
      i = chunk.indexOf(RECORD_START, i + 1);
    }
    if (chunk.length < SCAN_CHUNK) return -1;
    pos += chunk.length - RECORD_START.length; // overlap: a marker may straddle two chunks
  }
  return -1;
}
