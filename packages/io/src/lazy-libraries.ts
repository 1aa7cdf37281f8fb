import { createRequire } from 'node:module';
import { loadOnce } from '@anneal/core';

// The columnar and charset libraries are loaded on first use, not when @anneal/io is imported:
// apache-arrow alone is ~150 modules (0.1 s of start-up), and most callers (`anneal validate`, a
// JSONL pipeline, the CLI's help) never open a Parquet, Arrow or WARC file. Each loader is core's
// loadOnce, so a library is resolved and evaluated once per thread.

/** io's Arrow table building (and apache-arrow with it). */
export const loadArrowTables = loadOnce(() => import('./arrow-table.js'));
export const loadArrow: () => Promise<typeof import('apache-arrow')> = loadOnce(() => import('apache-arrow'));
export const loadParquetWasm = loadOnce(() => import('parquet-wasm/node'));
export const loadHyparquet = loadOnce(() => import('hyparquet'));
export const loadHyparquetCompressors = loadOnce(() => import('hyparquet-compressors'));

/**
 * CommonJS libraries needed by synchronous code (decoding one HTML payload, opening a zstd stream)
 * are required on first use instead: `require` is synchronous, so those functions stay synchronous.
 */
export const requireOnUse: NodeJS.Require = createRequire(import.meta.url);
