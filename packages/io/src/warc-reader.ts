import { RecordError, type Doc, type ReadItem } from '@anneal/core';
import type { DocumentSource } from './document-source.js';
import { gzipMembers } from './gzip-members.js';
import { decodeHtml } from './html-charset.js';
import { parseHttpResponse } from './http-payload.js';
import { fileWindow, memoryWindow, type ByteWindow } from './warc-byte-window.js';
import { walkWarcRecords, type WarcEvent, type WarcRecord } from './warc-records.js';
import { walkArcRecords } from './arc-records.js';

export interface WarcReadOptions {
  /** `warc` / `arc`: HTML responses become documents (raw HTML as text); `wet`: text conversion records do. */
  kind: 'warc' | 'wet' | 'arc';
  displayPath: string;
  /** A record block (or gzip member, or decoded payload) larger than this is an error, skipped without holding it. */
  maxRecordBytes: number;
}

const RECORD_START = Buffer.from('WARC/');

function truncatedAt(offset: number): { event: WarcEvent } {
  return { event: { error: { offset, reason: 'truncated record: the file ends inside it, or the gzip members after it do not continue it' } } };
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
  const wantedType = options.kind === 'wet' ? 'conversion' : 'response';
  const walkRecords = options.kind === 'arc' ? walkArcRecords : walkWarcRecords;
  const startsRecord = (data: Buffer) =>
    options.kind === 'arc'
      ? /^(filedesc|[a-z][a-z0-9+.-]*):\/\//i.test(data.subarray(0, 32).toString('latin1'))
      : data.subarray(0, 5).equals(RECORD_START);
  const walk = { maxRecordBytes: options.maxRecordBytes, wantsBlock: (type: string) => type === wantedType };

  async function* events(): AsyncGenerator<{ event: WarcEvent; memberOffset?: number; recordsInMember?: number }> {
    window = await fileWindow(path);
    try {
      if (window.size === 0) {
        // as for JSONL: a 0-byte input is almost always a failed download or copy
        yield { event: { error: { offset: 0, reason: 'empty file: no records (0 bytes)' } } };
        return;
      }
      if (!/\.gz$/i.test(path)) {
        for await (const event of walkRecords(window, walk)) yield { event };
        return;
      }
      // A record cut at a member's end whose next member does not start a record was split across
      // members by its writer: the members are joined (up to max_record_bytes) and read as one, as
      // a reader of the whole gzip stream (warcio) would read it.
      let carry: { offset: number; data: Buffer } | undefined;
      for await (const member of gzipMembers(window, options.maxRecordBytes + 65536)) {
        if (member.error !== undefined) {
          if (carry) yield truncatedAt(carry.offset);
          carry = undefined;
          yield { event: { error: { offset: member.offset, reason: member.error } } };
          continue;
        }
        let offset = member.offset;
        let data = member.data;
        if (carry) {
          if (!startsRecord(data) && carry.data.length + data.length <= options.maxRecordBytes + 65536) {
            yield {
              event: {
                error: {
                  offset: carry.offset,
                  reason: `WARC record continues into the next gzip member (at byte ${member.offset}): a .warc.gz should compress each record into its own member; the members were joined and the record read`,
                },
              },
            };
            offset = carry.offset;
            data = Buffer.concat([carry.data, data]);
          } else yield truncatedAt(carry.offset);
          carry = undefined;
        }
        const events: WarcEvent[] = [];
        for await (const event of walkRecords(memoryWindow(data), walk)) events.push(event);
        const last = events[events.length - 1];
        if (last?.error?.reason.startsWith('truncated record')) {
          events.pop();
          carry = { offset, data: data.subarray(last.error.offset) };
        }
        let n = 0;
        for (const event of events) yield { event, memberOffset: offset, recordsInMember: event.record ? ++n : n };
      }
      if (carry) yield truncatedAt(carry.offset);
    } finally {
      await window.close();
    }
  }

  async function* records(): AsyncGenerator<ReadItem> {
    let warnedMultiRecordMember = false;
    for await (const { event, memberOffset, recordsInMember } of events()) {
      if (event.error) {
        const offset = memberOffset ?? event.error.offset;
        const within =
          memberOffset !== undefined && event.error.offset > 0 ? ` (at byte ${event.error.offset} of the gzip member's inflated bytes)` : '';
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
    // ARC records have no id: the file and offset name them uniquely and stably
    const id = record.headers.get('warc-record-id') ?? `<arc:${file}#${offset}>`;
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
  const mime = contentType === undefined ? undefined : contentType.split(';')[0]!.trim().toLowerCase();
  return mime ? mime : undefined;
}

/** A response without a Content-Type is HTML when it starts like HTML (after whitespace and a BOM). */
function sniffedMime(body: Buffer): string | undefined {
  const head = body
    .subarray(0, 512)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') ? 'text/html' : undefined;
}
