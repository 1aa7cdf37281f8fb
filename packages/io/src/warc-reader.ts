import { RecordError, type Doc, type ReadItem } from '@anneal/core';
import type { DocumentSource } from './document-source.js';
import { gzipMembers } from './gzip-members.js';
import { decodeHtml } from './html-charset.js';
import { parseHttpResponse } from './http-payload.js';
import { fileWindow, memoryWindow, type ByteWindow } from './warc-byte-window.js';
import { walkWarcRecords, type WarcEvent, type WarcRecord } from './warc-records.js';

export interface WarcReadOptions {
  /** `warc`: HTML responses become documents (raw HTML as text); `wet`: text conversion records do. */
  kind: 'warc' | 'wet';
  displayPath: string;
  /** A record block (or gzip member, or decoded payload) larger than this is an error, skipped without holding it. */
  maxRecordBytes: number;
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)$/i;

/**
 * Streams a WARC or WET file (plain, or .gz with one member per record). Records that are not
 * documents (request, metadata, revisit, warcinfo, non-HTML payloads) are counted by kind in
 * `skipped()`, not reported as errors; damaged records are errors naming the file and byte offset
 * (of the gzip member on disk for .warc.gz, as Common Crawl's indexes give it).
 */
export function readWarc(path: string, options: WarcReadOptions): DocumentSource & { skipped(): Record<string, number> } {
  const file = options.displayPath;
  const skipped: Record<string, number> = {};
  let window: ByteWindow | undefined;
  const skip = (kind: string) => (skipped[kind] = (skipped[kind] ?? 0) + 1);
  const wantedType = options.kind === 'warc' ? 'response' : 'conversion';
  const walk = { maxRecordBytes: options.maxRecordBytes, wantsBlock: (type: string) => type === wantedType };

  async function* events(): AsyncGenerator<{ event: WarcEvent; memberOffset?: number; recordsInMember?: number }> {
    window = await fileWindow(path);
    try {
      if (!/\.gz$/i.test(path)) {
        for await (const event of walkWarcRecords(window, walk)) yield { event };
        return;
      }
      for await (const member of gzipMembers(window, options.maxRecordBytes + 65536)) {
        if (member.error !== undefined) {
          yield { event: { error: { offset: member.offset, reason: member.error } } };
          continue;
        }
        let n = 0;
        for await (const event of walkWarcRecords(memoryWindow(member.data), walk)) {
          yield { event, memberOffset: member.offset, recordsInMember: event.record ? ++n : n };
        }
      }
    } finally {
      await window.close();
    }
  }

  async function* records(): AsyncGenerator<ReadItem> {
    let warnedMultiRecordMember = false;
    for await (const { event, memberOffset, recordsInMember } of events()) {
      if (event.error) {
        const offset = memberOffset ?? event.error.offset;
        const within = memberOffset !== undefined && event.error.offset > 0 ? ` (at byte ${event.error.offset} of the gzip member's inflated bytes)` : '';
        yield { error: new RecordError({ file, offset }, event.error.reason + within) };
        continue;
      }
      const record = event.record;
      const offset = memberOffset ?? record.offset;
      if (recordsInMember === 2 && !warnedMultiRecordMember) {
        // Not fatal (every record is still read), but such a file cannot be split or indexed by offset.
        warnedMultiRecordMember = true;
        yield {
          error: new RecordError(
            { file, offset },
            'gzip member holds more than one WARC record: a .warc.gz should compress each record into its own member (warcio recompress fixes it); its records are read, with the member offset',
          ),
        };
      }
      const item = documentOf(record, offset);
      if (typeof item === 'string') skip(item);
      else yield item;
    }
  }

  function documentOf(record: WarcRecord, offset: number): ReadItem | string {
    if (record.type !== wantedType) return `warc_${record.type || 'untyped'}`;
    const location = { file, offset };
    if (!record.block) return `warc_${record.type}`; // not reached: a wanted block over the limit is an error from the walk
    const id = record.headers.get('warc-record-id') ?? `${file}@${offset}`;
    const metadata: Record<string, unknown> = {
      url: record.headers.get('warc-target-uri') ?? null,
      date: record.headers.get('warc-date') ?? null,
      warc_file: file,
      warc_offset: offset,
    };
    if (options.kind === 'wet') {
      metadata.content_type = mimeOf(record.headers.get('content-type')) ?? 'text/plain';
      const doc: Doc = { id, text: record.block.toString('utf8'), metadata };
      return { doc, location };
    }
    const http = parseHttpResponse(record.block, options.maxRecordBytes);
    if (typeof http === 'string') return { error: new RecordError(location, http) };
    const contentType = http.headers.get('content-type');
    const mime = mimeOf(contentType) ?? sniffedMime(http.body);
    if (!mime || !HTML_TYPES.test(mime)) return 'warc_non_html';
    const decoded = decodeHtml(http.body, contentType);
    Object.assign(metadata, { content_type: mime, charset: decoded.charset, http_status: http.status });
    return { doc: { id, text: decoded.text, metadata }, location };
  }

  return { records: records(), bytesRead: () => window?.bytesRead() ?? 0, skipped: () => ({ ...skipped }) };
}

function mimeOf(contentType: string | undefined): string | undefined {
  const mime = contentType?.split(';')[0]!.trim().toLowerCase();
  return mime ? mime : undefined;
}

/** A response without a Content-Type is HTML when it starts like HTML (after whitespace and a BOM). */
function sniffedMime(body: Buffer): string | undefined {
  const head = body.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') ? 'text/html' : undefined;
}
