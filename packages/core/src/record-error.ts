/**
 * Where a bad record sits in its input. JSONL names the line; Parquet names the row group and the
 * row inside the file; Arrow names the record batch and row. Step errors name the document id.
 */
export interface RecordLocation {
  file?: string;
  line?: number;
  rowGroup?: number;
  batch?: number;
  row?: number;
  /** Byte offset of a record in its file (WARC: the record's gzip member on disk, or its first byte). */
  offset?: number;
  step?: string;
  docId?: string;
}

/** A bad input record or a document a step could not process. Never thrown past a task unless on_error is fail. */
export class RecordError extends Error {
  readonly location: RecordLocation;
  /** A short excerpt of the offending bytes, to help find it without opening a 100 MB line. */
  readonly excerpt: string | undefined;

  constructor(location: RecordLocation, reason: string, excerpt?: string) {
    // Reasons may quote the bad bytes (JSON.parse does); keep them printable on one line.
    reason = escapeControl(reason);
    super(`${formatLocation(location)}: ${reason}`);
    this.name = 'RecordError';
    this.location = location;
    this.excerpt = excerpt;
    this.reason = reason;
  }

  readonly reason: string;

  toJSON(): Record<string, unknown> {
    const { file, line, rowGroup, batch, row, offset, step, docId } = this.location;
    const out: Record<string, unknown> = {};
    if (file !== undefined) out.file = file;
    if (line !== undefined) out.line = line;
    if (rowGroup !== undefined) out.row_group = rowGroup;
    if (batch !== undefined) out.batch = batch;
    if (row !== undefined) out.row = row;
    if (offset !== undefined) out.offset = offset;
    if (step !== undefined) out.step = step;
    if (docId !== undefined) out.doc_id = docId;
    out.reason = this.reason;
    out.message = this.message;
    if (this.excerpt !== undefined) out.excerpt = this.excerpt;
    return out;
  }
}

export function formatLocation(loc: RecordLocation): string {
  const parts: string[] = [];
  if (loc.file !== undefined) parts.push(loc.file);
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.rowGroup !== undefined) parts.push(`row group ${loc.rowGroup}`);
  if (loc.batch !== undefined) parts.push(`batch ${loc.batch}`);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.offset !== undefined) parts.push(`byte offset ${loc.offset}`);
  if (loc.step !== undefined) parts.push(`step ${loc.step}`);
  if (loc.docId !== undefined) parts.push(`doc ${JSON.stringify(loc.docId)}`);
  return parts.length > 0 ? parts.join(', ') : '(unknown location)';
}

/** Keep excerpts printable and short: control bytes escaped, at most `max` characters. */
export function excerptOf(text: string, max = 120): string {
  return escapeControl(text.length > max ? text.slice(0, max) + '…' : text);
}

function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
