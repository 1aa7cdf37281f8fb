import { RecordError, type ReadItem, type RecordLocation } from '@anneal/core';
import { rowToRecord } from './columnar-layout.js';
import { derivedId, recordToDoc, type FieldMapping } from './field-mapping.js';
import { nestingReason, valueNestingExceeds } from './json-nesting.js';

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

/** A 0-byte columnar file has no footer or schema: one error for the file. */
export function emptyFileItem(file: string): ReadItem {
  return { error: new RecordError({ file }, 'empty file: no records (0 bytes)') };
}
