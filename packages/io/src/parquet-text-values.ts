import { isUtf8 } from 'node:buffer';

/**
 * A BYTE_ARRAY value that is not valid UTF-8. hyparquet decodes string columns with a lossy
 * TextDecoder (bad bytes become U+FFFD, silently); anneal's parser keeps such a value as this
 * marker instead, so the row can be refused exactly as a JSONL line with invalid UTF-8 is.
 */
export class InvalidUtf8Value {
  constructor(readonly bytes: Uint8Array) {}

  /** Metadata must stay JSON-serializable; an invalid value that is not the text reads as base64. */
  toJSON(): string {
    return Buffer.from(this.bytes).toString('base64');
  }
}

const decoder = new TextDecoder();

/** hyparquet `parsers` override: strict UTF-8 for string and plain binary columns. */
export const strictStringParsers = {
  stringFromBytes(bytes: Uint8Array | undefined): string | InvalidUtf8Value | undefined {
    if (bytes === undefined) return undefined;
    return isUtf8(bytes) ? decoder.decode(bytes) : new InvalidUtf8Value(bytes);
  },
};

/** What a non-string text value is, in words, for the error message. */
export function describeTextValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'a floating-point NaN' : `a number (${value})`;
  if (typeof value === 'bigint') return `a 64-bit integer (${value})`;
  if (typeof value === 'boolean') return 'a boolean';
  if (value instanceof Date) return 'a timestamp';
  if (value instanceof Uint8Array) return 'binary data';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a struct';
  return `a ${typeof value}`;
}

/** Bytes a decoded row's top-level values hold (strings as UTF-8, binary as is), for max_record_bytes. */
export function rowBytes(row: Record<string, unknown>): number {
  let total = 0;
  for (const value of Object.values(row)) {
    if (typeof value === 'string') total += Buffer.byteLength(value, 'utf8');
    else if (value instanceof Uint8Array) total += value.byteLength;
    else if (value instanceof InvalidUtf8Value) total += value.bytes.byteLength;
    else total += 8;
  }
  return total;
}
