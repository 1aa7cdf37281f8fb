import type { ByteWindow } from './warc-byte-window.js';
import type { WalkOptions, WarcEvent } from './warc-records.js';

const LINE_PEEK = 8192;

/**
 * Walks the records of an ARC file (the Internet Archive's format before WARC, versions 1 and 2):
 * a header line "URL IP date content-type ... length", then `length` bytes, then a newline. Records
 * come out shaped as WARC records (the file description as `warcinfo`, the others as `response`
 * with Target-URI and an ISO date), so one code path turns them into documents.
 */
export async function* walkArcRecords(window: ByteWindow, options: WalkOptions): AsyncGenerator<WarcEvent> {
  let pos = 0;
  while (pos < window.size) {
    const head = await window.view(pos, LINE_PEEK);
    let skip = 0;
    while (skip < head.length && (head[skip] === 10 || head[skip] === 13)) skip++;
    if (skip === head.length && head.length < LINE_PEEK) return;
    if (skip > 0) {
      pos += skip;
      continue;
    }
    const newline = head.indexOf(10);
    const line = head
      .subarray(0, newline < 0 ? head.length : newline)
      .toString('latin1')
      .trim();
    const fields = line.split(/\s+/);
    const length = Number(fields[fields.length - 1]);
    if (newline < 0 || fields.length < 5 || !/^\d+$/.test(fields[fields.length - 1]!) || !/^[a-z][a-z0-9+.-]*:/i.test(fields[0]!)) {
      yield { error: { offset: pos, reason: `no ARC record header here (found ${JSON.stringify(line.slice(0, 60))})` } };
      return; // ARC has no record marker to resynchronise on; in a .arc.gz the next member starts afresh
    }
    const blockStart = pos + newline + 1;
    if (blockStart + length > window.size) {
      yield { error: { offset: pos, reason: `truncated record: length ${length} but ${window.size - blockStart} byte(s) follow the header` } };
      return;
    }
    const url = fields[0]!;
    const type = url.startsWith('filedesc:') ? 'warcinfo' : 'response';
    const date = fields[2]!;
    const headers = new Map<string, string>([
      ['warc-target-uri', url],
      [
        'warc-date',
        /^\d{14}$/.test(date)
          ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(8, 10)}:${date.slice(10, 12)}:${date.slice(12, 14)}Z`
          : date,
      ],
      ['content-length', String(length)],
    ]);
    const event: WarcEvent = { record: { offset: pos, type, headers, contentLength: length } };
    if (options.wantsBlock(type)) {
      if (length > options.maxRecordBytes) {
        yield { error: { offset: pos, reason: `record block is ${length} bytes, over max_record_bytes (${options.maxRecordBytes}); skipped` } };
        pos = blockStart + length;
        continue;
      }
      event.record!.block = Buffer.from(await window.view(blockStart, length));
    }
    yield event;
    pos = blockStart + length;
  }
}
