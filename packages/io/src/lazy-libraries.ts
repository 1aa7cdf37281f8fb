import { createRequire } from 'node:module';

// The columnar and charset libraries are loaded on first use, not when @anneal/io is imported:
// apache-arrow alone is ~150 modules (0.1 s of start-up), and most callers (`anneal validate`, a
// JSONL pipeline, the CLI's help) never open a Parquet, Arrow or WARC file. Each loader caches its
// promise, so a library is resolved and evaluated once per thread.

let arrowTables: Promise<typeof import('./arrow-table.js')> | undefined;
let arrow: Promise<typeof import('apache-arrow')> | undefined;
let parquetWasm: Promise<typeof import('parquet-wasm/node')> | undefined;
let hyparquet: Promise<typeof import('hyparquet')> | undefined;
let hyparquetCompressors: Promise<typeof import('hyparquet-compressors')> | undefined;

/** io's Arrow table building (and apache-arrow with it). */
export function loadArrowTables(): Promise<typeof import('./arrow-table.js')> {
  return (arrowTables ??= import('./arrow-table.js'));
}

export function loadArrow(): Promise<typeof import('apache-arrow')> {
  return (arrow ??= import('apache-arrow'));
}

export function loadParquetWasm(): Promise<typeof import('parquet-wasm/node')> {
  return (parquetWasm ??= import('parquet-wasm/node'));
}

export function loadHyparquet(): Promise<typeof import('hyparquet')> {
  return (hyparquet ??= import('hyparquet'));
}

export function loadHyparquetCompressors(): Promise<typeof import('hyparquet-compressors')> {
  return (hyparquetCompressors ??= import('hyparquet-compressors'));
}

/**
 * CommonJS libraries needed by synchronous code (decoding one HTML payload, opening a zstd stream)
 * are required on first use instead: `require` is synchronous, so those functions stay synchronous.
 */
export const requireOnUse: NodeJS.Require = createRequire(import.meta.url);
