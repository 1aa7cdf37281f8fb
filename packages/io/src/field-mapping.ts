import type { Doc } from '@anneal/core';

/** How input fields become a Doc (docs/architecture.md, "Documents"). */
export interface FieldMapping {
  textKey: string;
  idKey: string;
}

export const DEFAULT_FIELD_MAPPING: FieldMapping = { textKey: 'text', idKey: 'id' };

/**
 * Maps one input record to a Doc: `text_key` → text, `id_key` → id (or `fallbackId`, derived from
 * source path + row), every other field → metadata. Returns a reason string when the record cannot
 * be a document.
 */
export function recordToDoc(record: Record<string, unknown>, mapping: FieldMapping, fallbackId: string | (() => string)): Doc | string {
  const text = record[mapping.textKey];
  if (text === undefined) return `missing text field "${mapping.textKey}"`;
  if (typeof text !== 'string') return `text field "${mapping.textKey}" is ${describeType(text)}, expected a string`;

  const rawId = record[mapping.idKey];
  let id: string;
  // the fallback is built only when needed: most datasets carry ids
  if (rawId === undefined || rawId === null || rawId === '') id = typeof fallbackId === 'function' ? fallbackId() : fallbackId;
  else if (typeof rawId === 'string') id = rawId;
  else if (typeof rawId === 'number' || typeof rawId === 'bigint') id = String(rawId);
  else return `id field "${mapping.idKey}" is ${describeType(rawId)}, expected a string or number`;

  const metadata: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (key === mapping.textKey || key === mapping.idKey) continue;
    metadata[key] = record[key];
  }
  return { id, text, metadata };
}

/** The flat record a writer stores: id, text, then metadata fields, so it reads back unchanged. */
export function docToRecord(doc: Doc): Record<string, unknown> {
  return { id: doc.id, text: doc.text, ...withoutReserved(doc.metadata) };
}

function withoutReserved(metadata: Record<string, unknown>): Record<string, unknown> {
  if (!('id' in metadata) && !('text' in metadata)) return metadata;
  // A metadata field named id/text would overwrite the document's own on write; keep it under a prefix.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(metadata)) out[k === 'id' || k === 'text' ? `metadata_${k}` : k] = v;
  return out;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const t = typeof value;
  return t === 'number' || t === 'object' ? `a ${t}` : `a ${t}`;
}

/** A stable id for a record without one: source path and 1-based line or 0-based row. */
export function derivedId(displayPath: string, position: number): string {
  return `${displayPath}#${position}`;
}
