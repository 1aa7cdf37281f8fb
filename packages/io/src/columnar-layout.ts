import { toJsonValue } from './json-value.js';

/**
 * How documents map onto columns in Parquet and Arrow shards. Columns are typed from the first
 * row group of a shard (strings → utf8, numbers → float64, booleans → bool, anything else → JSON
 * text). A shard's schema cannot change after it starts, so a later value that does not fit its
 * column (a new key, another type, an explicit null) goes to `_anneal_extra` as JSON and is merged
 * back on read: metadata always reads back unchanged. Building the Arrow tables is in arrow-table.ts,
 * loaded only when a Parquet or Arrow shard is written.
 */
export type ColumnKind = 'utf8' | 'float64' | 'bool' | 'json';

export interface ColumnLayout {
  columns: { name: string; kind: ColumnKind }[];
}

export const EXTRA_COLUMN = '_anneal_extra';
/** File/schema metadata key listing the columns that hold JSON text. */
export const JSON_COLUMNS_KEY = 'anneal.json_columns';

export function inferLayout(records: readonly Record<string, unknown>[]): ColumnLayout {
  const kinds = new Map<string, ColumnKind | 'unknown'>([
    ['id', 'utf8'],
    ['text', 'utf8'],
  ]);
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      // apache-arrow cannot name a field "" (it reads back as "null"), so such keys live in the extra column
      if (key === 'id' || key === 'text' || key === EXTRA_COLUMN || key === '') continue;
      const kind = kindOf(value);
      const seen = kinds.get(key);
      if (seen === undefined || seen === 'unknown') kinds.set(key, kind);
      else if (kind !== 'unknown' && seen !== kind) kinds.set(key, 'json');
    }
  }
  const columns = [...kinds].map(([name, kind]) => ({ name, kind: kind === 'unknown' ? ('json' as const) : kind }));
  columns.push({ name: EXTRA_COLUMN, kind: 'utf8' });
  return { columns };
}

function kindOf(value: unknown): ColumnKind | 'unknown' {
  if (value === null || value === undefined) return 'unknown';
  if (typeof value === 'string') return 'utf8';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'boolean') return 'bool';
  return 'json';
}

export function fits(kind: ColumnKind, value: unknown): boolean {
  switch (kind) {
    case 'utf8':
      return typeof value === 'string';
    case 'float64':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case 'json':
      return value !== null && value !== undefined;
  }
}

/**
 * Turns a row read back from a columnar file into a flat record. For anneal-written files
 * (`jsonColumns` known) null means absent and `_anneal_extra` is merged back; for files other
 * tools wrote, every column is kept as it is, nulls included.
 */
export function rowToRecord(row: Record<string, unknown>, jsonColumns: ReadonlySet<string> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!jsonColumns) {
    for (const [k, v] of Object.entries(row)) out[k] = toJsonValue(v);
    return out;
  }
  for (const [k, v] of Object.entries(row)) {
    if (v === null || v === undefined || k === EXTRA_COLUMN) continue;
    out[k] = jsonColumns.has(k) && typeof v === 'string' ? JSON.parse(v) : toJsonValue(v);
  }
  const extra = row[EXTRA_COLUMN];
  if (typeof extra === 'string') Object.assign(out, JSON.parse(extra) as Record<string, unknown>);
  return out;
}

export function parseJsonColumns(value: string | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? new Set(parsed.map(String)) : undefined;
  } catch {
    return undefined;
  }
}
