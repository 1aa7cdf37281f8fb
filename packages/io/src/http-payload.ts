import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { headerEnd, parseHeaderLines } from './warc-records.js';

/** An HTTP response as a WARC response record holds it, with its payload decoded to the bytes the server meant. */
export interface HttpResponse {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

/**
 * Parses the HTTP response in a WARC response block: status line, headers, then the payload with
 * chunked transfer coding and gzip / deflate / br content coding removed (bounded by `maxBytes`).
 * Returns a reason string when the block is not an HTTP response or its payload cannot be decoded.
 */
export function parseHttpResponse(block: Buffer, maxBytes: number): HttpResponse | string {
  const end = headerEnd(block);
  const headText = block.subarray(0, end < 0 ? block.length : end).toString('latin1');
  const status = headText.match(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/);
  if (!status) return `response record without an HTTP status line (found ${JSON.stringify(headText.slice(0, 40))})`;
  const headers = parseHeaderLines(headText);
  let body = end < 0 ? Buffer.alloc(0) : block.subarray(end + (block[end] === 13 ? 4 : 2));
  if (/\bchunked\b/i.test(headers.get('transfer-encoding') ?? '')) body = dechunk(body) ?? body;
  const coding = (headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (coding && coding !== 'identity' && coding !== 'none') {
    const decoded = decodeContent(body, coding, maxBytes);
    if (typeof decoded === 'string') return decoded;
    body = decoded;
  }
  return { status: Number(status[1]), headers, body };
}

/**
 * Removes chunked transfer coding (RFC 9112 §7.1). Returns undefined when the body does not start
 * like chunked data (crawlers that decoded it but kept the header); a body cut inside a chunk keeps
 * the chunks before it and what there is of the last one, as a browser would show it.
 */
export function dechunk(body: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let pos = 0;
  let sizeLines = 0;
  for (;;) {
    const lineEnd = body.indexOf(10, pos);
    if (lineEnd < 0) break;
    const sizeText = body.subarray(pos, lineEnd).toString('latin1').split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) {
      if (sizeLines === 0) return undefined;
      break;
    }
    const size = parseInt(sizeText, 16);
    sizeLines++;
    if (size === 0) break;
    const start = lineEnd + 1;
    parts.push(body.subarray(start, Math.min(body.length, start + size)));
    pos = start + size;
    if (body[pos] === 13) pos++;
    if (body[pos] === 10) pos++;
    if (pos >= body.length) break;
  }
  return sizeLines === 0 ? undefined : Buffer.concat(parts);
}

function decodeContent(body: Buffer, coding: string, maxBytes: number): Buffer | string {
  // Z_SYNC_FLUSH: a payload cut short (a truncated capture) gives what it holds, as a browser would show it.
  const limit = { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH };
  // Crawlers often store the payload decoded but keep the header (Common Crawl renames it, others
  // do not): a gzip payload must start with the gzip magic number, else it is taken as it is.
  try {
    if (coding === 'gzip' || coding === 'x-gzip') return body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body, limit) : body;
    if (coding === 'deflate') {
      try {
        return inflateSync(body, limit);
      } catch {
        return inflateRawSync(body, limit); // servers that send raw deflate without the zlib wrapper
      }
    }
    if (coding === 'br') return brotliDecompressSync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return `payload inflates to more than max_record_bytes (${maxBytes}); skipped`;
    return `payload with Content-Encoding ${coding} cannot be decoded (${(err as Error).message})`;
  }
  return body; // an unknown coding: the bytes as sent; charset detection copes or the page extracts to nothing
}
