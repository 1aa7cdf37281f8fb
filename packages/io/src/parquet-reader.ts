import type { AsyncBuffer, Compressors, FileMetaData, RowGroup } from 'hyparquet';
import { gunzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'zstd-napi';
import { RecordError, type ReadItem } from '@anneal/core';
import { JSON_COLUMNS_KEY, parseJsonColumns } from './columnar-layout.js';
import { columnarFileSource, type ReadProgress } from './columnar-file-source.js';
import { columnarRowItem, type ColumnarReadOptions } from './columnar-row.js';
import type { DocumentSource } from './document-source.js';
import { rowBytes, strictStringParsers } from './parquet-text-values.js';
import { correctWriterQuirks } from './parquet-writer-quirks.js';
import { loadHyparquet, loadHyparquetCompressors } from './lazy-libraries.js';

/**
 * hyparquet-compressors decodes everything in pure JS; zstd and gzip pages go through the native
 * zstd-napi and node:zlib instead (2.3–2.9× and 1.5× faster reads, identical values: bench/README.md).
 */
let compressors: Promise<Compressors> | undefined;
function loadCompressors(): Promise<Compressors> {
  return (compressors ??= loadHyparquetCompressors().then(({ compressors: jsCompressors }) => ({
    ...jsCompressors,
    ZSTD: (input: Uint8Array) => new Uint8Array(zstdDecompress(input)),
    GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)),
  })));
}

/** Rows are decoded in slices of about this many uncompressed bytes (from the footer), not a row group at once. */
const SLICE_BYTES = 32 * 1024 * 1024;

export interface ParquetReadOptions extends ColumnarReadOptions {
  /** A row whose values hold more bytes than this is an error (refused from the footer when it can be). */
  maxRecordBytes: number;
  /** A row group whose column chunks inflate to more than this (footer sizes) is not decoded: its rows are errors. */
  maxRowGroupBytes: number;
}

/**
 * Streams a Parquet file through hyparquet, one slice of rows at a time (hyparquet reads byte
 * ranges and skips pages outside the slice), so memory holds about one slice plus the compressed
 * column chunks of its row group. Sizes come from the footer before anything is decoded: a row
 * group too large for the bounds is refused whole. Whatever is not read is counted row by row —
 * one error per row, naming it — so a lost row group weighs in stats.json as the rows it held.
 */
export function readParquet(path: string, options: ParquetReadOptions): DocumentSource {
  const file = options.displayPath;

  async function* records(size: number, progress: ReadProgress): AsyncGenerator<ReadItem> {
    const { asyncBufferFromFile, parquetMetadataAsync } = await loadHyparquet();
    const buffer = await asyncBufferFromFile(path);
    let metadata: FileMetaData;
    try {
      metadata = correctWriterQuirks(await parquetMetadataAsync(buffer), size);
    } catch (err) {
      progress.consumed = size;
      yield {
        error: new RecordError(
          { file },
          `not a readable Parquet file: its footer (the file metadata at the end) is damaged, truncated or missing (detail: ${(err as Error).message})`,
        ),
      };
      return;
    }
    const jsonColumns = parseJsonColumns(metadata.key_value_metadata?.find((kv) => kv.key === JSON_COLUMNS_KEY)?.value);
    let groupStart = 0;
    for (let g = 0; g < metadata.row_groups.length; g++) {
      const group = metadata.row_groups[g]!;
      const rows = Number(group.num_rows);
      const groupEnd = groupStart + rows;
      const inflated = uncompressedBytes(group);
      const refusal =
        inflated > options.maxRowGroupBytes
          ? `row group ${g} inflates to ${megabytes(inflated)} (footer), over input.max_row_group_bytes (${megabytes(options.maxRowGroupBytes)}); its rows are not read`
          : rows > 0 && inflated / rows > options.maxRecordBytes
            ? `row group ${g} holds ${rows} row(s) in ${megabytes(inflated)} (footer), more than input.max_record_bytes (${megabytes(options.maxRecordBytes)}) per row; its rows are not read`
            : undefined;
      if (refusal) {
        for (let row = groupStart; row < groupEnd; row++) yield { error: new RecordError({ file, rowGroup: g, row }, refusal) };
      } else {
        const sliceRows = Math.max(1, Math.floor((rows * SLICE_BYTES) / Math.max(inflated, 1)));
        for (let sliceStart = groupStart; sliceStart < groupEnd; sliceStart += sliceRows) {
          const sliceEnd = Math.min(sliceStart + sliceRows, groupEnd);
          yield* readSlice(buffer, metadata, jsonColumns, g, sliceStart, sliceEnd);
        }
      }
      progress.consumed += Number(group.total_compressed_size ?? group.total_byte_size ?? 0);
      groupStart = groupEnd;
    }
    progress.consumed = size;
  }

  async function* readSlice(
    buffer: AsyncBuffer,
    metadata: FileMetaData,
    jsonColumns: ReadonlySet<string> | undefined,
    g: number,
    rowStart: number,
    rowEnd: number,
  ): AsyncGenerator<ReadItem> {
    let objects: Record<string, unknown>[];
    try {
      const [{ parquetReadObjects }, compressors] = await Promise.all([loadHyparquet(), loadCompressors()]);
      objects = await parquetReadObjects({
        file: buffer,
        metadata,
        rowStart,
        rowEnd,
        compressors,
        parsers: strictStringParsers,
        rowFormat: 'object',
      });
    } catch (err) {
      const reason = `row group ${g} could not be decoded: its column data is damaged or uses an encoding the reader does not support (detail: ${(err as Error).message})`;
      for (let row = rowStart; row < rowEnd; row++) yield { error: new RecordError({ file, rowGroup: g, row }, reason) };
      return;
    }
    for (let i = 0; i < objects.length; i++) {
      const location = { file, rowGroup: g, row: rowStart + i };
      const bytes = rowBytes(objects[i]!);
      if (bytes > options.maxRecordBytes) {
        yield {
          error: new RecordError(
            location,
            `row holds ${megabytes(bytes)}, over input.max_record_bytes (${megabytes(options.maxRecordBytes)}); skipped`,
          ),
        };
      } else yield columnarRowItem(objects[i]!, jsonColumns, options, location);
    }
    // The footer says how many rows the slice has; rows the decoder did not return are still rows.
    for (let row = rowStart + objects.length; row < rowEnd; row++) {
      yield {
        error: new RecordError(
          { file, rowGroup: g, row },
          `row group ${g} ended early: the footer declares ${rowEnd - rowStart} rows here, the column data held ${objects.length}`,
        ),
      };
    }
  }

  return columnarFileSource(path, file, records);
}

/** A row group's size once decompressed: the sum of its column chunks' sizes in the footer. */
function uncompressedBytes(group: RowGroup): number {
  let total = 0;
  for (const column of group.columns) total += Number(column.meta_data?.total_uncompressed_size ?? 0);
  return total > 0 ? total : Number(group.total_byte_size ?? 0);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}
