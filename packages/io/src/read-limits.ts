// The default bounds on one record that a reader holds in memory (JSONL line, Parquet row group,
// WARC record): a file in their own, so that a config schema can name them without loading the readers.
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_ROW_GROUP_BYTES = 1024 * 1024 * 1024;
/** Common Crawl truncates payloads at 1 MiB; 4 MiB keeps every such record and bounds a worker's memory. */
export const DEFAULT_MAX_WARC_RECORD_BYTES = 4 * 1024 * 1024;
