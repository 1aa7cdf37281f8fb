import { stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { RecordError, excerptOf, type ReadItem } from '@anneal/core';
import { openByteSource, describeStreamError } from './byte-source.js';
import { derivedId, recordToDoc, type FieldMapping } from './field-mapping.js';
import type { DocumentSource } from './document-source.js';
import { jsonNestingExceeds, nestingReason } from './json-nesting.js';
import { withoutUtf8Mark, type TextEncodingMark } from './byte-order-mark.js';

export interface JsonlReadOptions extends FieldMapping {
  /** Lines longer than this are reported as errors and skipped without being held in memory. */
  maxLineBytes: number;
  /** The path as shown in errors and derived ids (usually as the user wrote it). */
  displayPath: string;
  emptyFileIsError: boolean;
}

/**
 * Streams JSON Lines (plain, .gz, .zst). Each bad line becomes a RecordError naming file and
 * 1-based line; a broken compressed stream ends the file with one error at the first incomplete line.
 */
export function readJsonl(path: string, options: JsonlReadOptions): DocumentSource {
  const source = openByteSource(path);
  const file = options.displayPath;

  async function* records(): AsyncGenerator<ReadItem> {
    if ((await stat(path)).size === 0 && options.emptyFileIsError) {
      yield { error: new RecordError({ file }, 'empty file: no records (0 bytes)') };
      return;
    }
    let parts: Buffer[] = [];
    let partBytes = 0;
    let oversize = false;
    let lineNo = 0;

    const finishLine = (line: Buffer): ReadItem | undefined => {
      lineNo++;
      if (oversize) {
        oversize = false;
        return {
          error: new RecordError({ file, line: lineNo }, `line is longer than max_line_bytes (${options.maxLineBytes} bytes); skipped`),
        };
      }
      return parseLine(line, lineNo);
    };

    const parseLine = (line: Buffer, n: number): ReadItem | undefined => {
      let end = line.length;
      if (end > 0 && line[end - 1] === 13) end--; // CRLF
      const bytes = end === line.length ? line : line.subarray(0, end);
      if (!isUtf8(bytes)) {
        return { error: new RecordError({ file, line: n }, 'invalid UTF-8', excerptOf(bytes.toString('latin1'))) };
      }
      const text = bytes.toString('utf8');
      if (text.trim() === '') return undefined; // blank lines are not records
      // Checked before parsing: what would overflow is not JSON.parse but every recursive step after it.
      if (jsonNestingExceeds(bytes)) return { error: new RecordError({ file, line: n }, nestingReason(), excerptOf(text)) };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        return { error: new RecordError({ file, line: n }, `malformed JSON: ${(err as Error).message}`, excerptOf(text)) };
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return { error: new RecordError({ file, line: n }, 'record is not a JSON object', excerptOf(text)) };
      }
      const doc = recordToDoc(value as Record<string, unknown>, options, () => derivedId(file, n));
      if (typeof doc === 'string') return { error: new RecordError({ file, line: n }, doc, excerptOf(text)) };
      return { doc, location: { file, line: n } };
    };

    let mark = 'none' as TextEncodingMark; // set by withoutUtf8Mark's callback
    try {
      for await (const chunk of withoutUtf8Mark(source.chunks, (m) => (mark = m))) {
        if (mark === 'utf-16le' || mark === 'utf-16be') {
          // Every line would be "invalid UTF-8"; one error that says what to do is more use.
          yield {
            error: new RecordError(
              { file },
              `${mark === 'utf-16le' ? 'UTF-16 (little-endian)' : 'UTF-16 (big-endian)'} encoded; convert to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)`,
            ),
          };
          return;
        }
        let start = 0;
        for (;;) {
          const nl = chunk.indexOf(10, start);
          if (nl === -1) break;
          const piece = chunk.subarray(start, nl);
          let line: Buffer;
          if (partBytes === 0) line = piece;
          else {
            if (!oversize) parts.push(piece);
            line = oversize ? Buffer.alloc(0) : Buffer.concat(parts, partBytes + piece.length);
            parts = [];
            partBytes = 0;
          }
          if (!oversize && line.length > options.maxLineBytes) oversize = true;
          const item = finishLine(line);
          if (item) yield item;
          start = nl + 1;
        }
        if (start < chunk.length) {
          const rest = chunk.subarray(start);
          partBytes += rest.length;
          if (partBytes > options.maxLineBytes) {
            oversize = true;
            parts = [];
          } else parts.push(Buffer.from(rest)); // copy: the stream may reuse its chunk buffer
        }
      }
    } catch (err) {
      yield { error: new RecordError({ file, line: lineNo + 1 }, describeStreamError(path, err)) };
      return;
    }
    if (partBytes > 0 || oversize) {
      const item = finishLine(oversize ? Buffer.alloc(0) : Buffer.concat(parts, partBytes));
      if (item) yield item;
    }
  }

  return { records: records(), bytesRead: source.bytesRead };
}
