import { isUtf8 } from 'node:buffer';
import { RecordError, excerptOf, type ReadItem, type RecordLocation } from '@anneal/core';
import { rowToRecord } from './columnar-layout.js';
import { derivedId, recordToDoc, type FieldMapping } from './field-mapping.js';
import { nestingReason, valueNestingExceeds } from './json-nesting.js';
import { InvalidUtf8Value, describeTextValue } from './parquet-text-values.js';

export interface ColumnarReadOptions extends FieldMapping {
  displayPath: string;
}

/** One row of a Parquet row group or Arrow batch → a Doc, or an error at `location`. */
export function columnarRowItem(
  row: Record<string, unknown>,
  jsonColumns: ReadonlySet<string> | undefined,
  options: ColumnarReadOptions,
  location: RecordLocation & { row: number },
): ReadItem {
  const problem = textProblem(row, options.textKey);
  if (problem) return { error: new RecordError(location, problem.reason, problem.excerpt) };
  // Both before conversion (which recurses) and after it (JSON columns are parsed there).
  if (valueNestingExceeds(row)) return { error: new RecordError(location, nestingReason()) };
  let record: Record<string, unknown>;
  try {
    record = rowToRecord(row, jsonColumns);
  } catch (err) {
    return { error: new RecordError(location, `row could not be converted: ${(err as Error).message}`) };
  }
  if (valueNestingExceeds(record)) return { error: new RecordError(location, nestingReason()) };
  const doc = recordToDoc(record, options, () => derivedId(options.displayPath, location.row));
  return typeof doc === 'string' ? { error: new RecordError(location, doc) } : { doc, location };
}

/**
 * One rule for every columnar input: the text field must be a string (or binary holding valid
 * UTF-8, decoded here), and no field may hold invalid UTF-8 — as for a JSONL line. Checked on the
 * value as decoded, before metadata conversion would turn NaN, 64-bit integers or timestamps into
 * strings that look like text. Binary text that is valid UTF-8 is replaced in `row` by its string.
 */
function textProblem(row: Record<string, unknown>, textKey: string): { reason: string; excerpt?: string } | undefined {
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof InvalidUtf8Value) {
      return { reason: `invalid UTF-8 in field "${key}"`, excerpt: excerptOf(Buffer.from(value.bytes.subarray(0, 240)).toString('latin1')) };
    }
  }
  const text = row[textKey];
  if (text === undefined || typeof text === 'string') return undefined;
  if (text instanceof Uint8Array) {
    if (!isUtf8(text)) {
      return { reason: `invalid UTF-8 in field "${textKey}"`, excerpt: excerptOf(Buffer.from(text.subarray(0, 240)).toString('latin1')) };
    }
    row[textKey] = Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
    return undefined;
  }
  return { reason: `text field "${textKey}" is ${describeTextValue(text)}, expected a string` };
}
