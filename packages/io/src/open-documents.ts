import { RecordError, type ReadItem } from '@anneal/core';
import { readArrow } from './arrow-reader.js';
import { ArrowWriter } from './arrow-writer.js';
import type { DocumentSource } from './document-source.js';
import type { DocumentWriter } from './document-writer.js';
import { DEFAULT_FIELD_MAPPING, type FieldMapping } from './field-mapping.js';
import { inputFormatOf, type InputFormat, type OutputFormat, type ParquetCodec } from './formats.js';
import { readJsonl } from './jsonl-reader.js';
import { JsonlWriter } from './jsonl-writer.js';
import { readParquet } from './parquet-reader.js';
import { readWarc } from './warc-reader.js';
import { ParquetWriter } from './parquet-writer.js';
import { DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_ROW_GROUP_BYTES, DEFAULT_MAX_WARC_RECORD_BYTES } from './read-limits.js';

export interface ReadOptions extends Partial<FieldMapping> {
  /** Overrides detection from the file name. */
  format?: InputFormat | undefined;
  /** Shown in errors and derived ids; defaults to `path`. */
  displayPath?: string | undefined;
  maxLineBytes?: number | undefined;
  /**
   * Parquet: a row holding more bytes than this is an error (refused from the footer where it can be).
   * WARC / WET: a record block, gzip member or decoded payload larger than this is an error, skipped
   * without holding it (default {@link DEFAULT_MAX_WARC_RECORD_BYTES}).
   */
  maxRecordBytes?: number | undefined;
  /** Parquet: a row group inflating to more than this (footer sizes) is not decoded; its rows are errors. */
  maxRowGroupBytes?: number | undefined;
  /**
   * A 0-byte JSONL file holds no records. As an input it is almost always a failed download or
   * copy, so by default it is reported as an error; reading back a pipeline's own empty shard is not.
   */
  emptyFileIsError?: boolean | undefined;
}

/** Opens any supported document file as a stream of records and errors. */
export function readDocuments(path: string, options: ReadOptions = {}): DocumentSource {
  const format = options.format ?? inputFormatOf(path);
  const common = {
    textKey: options.textKey ?? DEFAULT_FIELD_MAPPING.textKey,
    idKey: options.idKey ?? DEFAULT_FIELD_MAPPING.idKey,
    displayPath: options.displayPath ?? path,
  };
  switch (format) {
    case 'jsonl':
      return readJsonl(path, {
        ...common,
        maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
        emptyFileIsError: options.emptyFileIsError ?? true,
      });
    case 'parquet':
      return readParquet(path, {
        ...common,
        maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
        maxRowGroupBytes: options.maxRowGroupBytes ?? DEFAULT_MAX_ROW_GROUP_BYTES,
      });
    case 'arrow':
      return readArrow(path, common);
    case 'warc':
    case 'wet':
    case 'arc':
      return readWarc(path, {
        kind: format,
        displayPath: common.displayPath,
        maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_WARC_RECORD_BYTES,
      });
    default:
      return unreadableFile(
        common.displayPath,
        'cannot tell the format from the file name; set input.format (jsonl, parquet, arrow, warc, wet or arc)',
      );
  }
}

/**
 * A file no reader applies to (a README or a `_SUCCESS` marker caught by a glob) is bad input like
 * any other: one error naming the file, counted, and the run goes on (or stops, with on_error: fail).
 */
function unreadableFile(file: string, reason: string): DocumentSource {
  return {
    records: (async function* (): AsyncGenerator<ReadItem> {
      yield { error: new RecordError({ file }, reason) };
    })(),
    bytesRead: () => 0,
  };
}

export interface WriteOptions {
  parquetCodec?: ParquetCodec | undefined;
  /** Rows per Parquet row group / Arrow record batch. */
  rowGroupRows?: number | undefined;
  /** Arrow IPC file (random access, default) or stream format. */
  arrowFormat?: 'file' | 'stream' | undefined;
}

/** Opens a shard writer for `format` at `path` (the caller chooses a temporary name and renames). */
export function writeDocuments(path: string, format: OutputFormat, options: WriteOptions = {}): DocumentWriter {
  const rows = options.rowGroupRows ?? 16384;
  switch (format) {
    case 'jsonl':
      return new JsonlWriter(path, 'none');
    case 'jsonl.gz':
      return new JsonlWriter(path, 'gzip');
    case 'jsonl.zst':
      return new JsonlWriter(path, 'zstd');
    case 'parquet':
      return new ParquetWriter(path, { codec: options.parquetCodec ?? 'zstd', rowGroupRows: rows });
    case 'arrow':
      return new ArrowWriter(path, rows, options.arrowFormat ?? 'file');
  }
}
