import { RecordError, type Doc } from '@anneal/core';
import { docToRecord } from './field-mapping.js';
import { nestingReason, valueNestingExceeds } from './json-nesting.js';

/**
 * The flat record a writer stores for `doc`, checked before the writer takes it: a value nested
 * too deeply or not JSON-serializable (a BigInt, a cycle) would otherwise throw later, in the middle
 * of a row group or a file. Throws a RecordError — this document's error, nothing written — so the
 * task counts it and goes on (runTask's contract for `write`).
 */
export function writableRecord(doc: Doc): Record<string, unknown> {
  const record = docToRecord(doc);
  for (const [key, value] of Object.entries(record)) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'bigint')) continue;
    if (valueNestingExceeds(value)) throw new RecordError({}, `cannot be written: metadata field "${key}": ${nestingReason()}`);
    try {
      JSON.stringify(value);
    } catch (err) {
      throw new RecordError({}, `cannot be written: metadata field "${key}" is not JSON-serializable: ${(err as Error).message}`);
    }
  }
  return record;
}

/** One JSON line for `doc`, or this document's RecordError. */
export function jsonLineOf(doc: Doc): string {
  const record = docToRecord(doc);
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && typeof value === 'object' && valueNestingExceeds(value)) {
      throw new RecordError({}, `cannot be written: metadata field "${key}": ${nestingReason()}`);
    }
  }
  try {
    return JSON.stringify(record) + '\n';
  } catch (err) {
    throw new RecordError({}, `cannot be written as JSON: ${(err as Error).message}`);
  }
}
