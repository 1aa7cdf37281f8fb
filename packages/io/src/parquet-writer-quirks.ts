import type { FileMetaData } from 'hyparquet';

/**
 * Footer mistakes of known Parquet writers, corrected before any column chunk is read, the way
 * parquet-cpp (and so pyarrow) corrects them — a file pyarrow reads, anneal must read too.
 *
 * parquet-mr 1.2.8 and older left the dictionary page's header out of a column chunk's
 * total_compressed_size (PARQUET-816, IMPALA-694): the chunk's byte range, as the footer gives it,
 * ends inside its last data page (apache/parquet-testing's nation.dict-malformed.parquet). parquet-cpp
 * reads up to 100 more bytes (its largest dictionary page header) for files from those writers.
 */
const MAX_DICTIONARY_HEADER_BYTES = 100;

/** `created_by` as parquet-cpp's ApplicationVersion parses it: "<application> version <x.y.z> (build …)". */
function writerVersion(createdBy: string | undefined): { application: string; version: number[] } | undefined {
  const match = /^(.*?)\s+version\s*([0-9][0-9.]*)/i.exec(createdBy ?? '');
  if (!match) return undefined;
  return { application: match[1]!.trim().toLowerCase(), version: match[2]!.split('.').filter(Boolean).map(Number) };
}

function versionBefore(version: number[], bound: number[]): boolean {
  for (let i = 0; i < bound.length; i++) {
    const part = version[i] ?? 0;
    if (part !== bound[i]) return part < bound[i]!;
  }
  return false;
}

/** Whether the footer's column chunk sizes leave out the dictionary page header (PARQUET-816). */
export function undercountsDictionaryHeaders(metadata: FileMetaData): boolean {
  const writer = writerVersion(metadata.created_by);
  return writer?.application === 'parquet-mr' && versionBefore(writer.version, [1, 2, 9]);
}

/**
 * Widens each column chunk of a PARQUET-816 file by up to 100 bytes (never past the end of the
 * file), so hyparquet's byte ranges hold the whole last page. Other files are returned unchanged:
 * extra bytes after a nested column's chunk would be read as a page header.
 */
export function correctWriterQuirks(metadata: FileMetaData, fileBytes: number): FileMetaData {
  if (!undercountsDictionaryHeaders(metadata)) return metadata;
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta) continue;
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      const end = start + Number(meta.total_compressed_size);
      const padding = Math.max(0, Math.min(MAX_DICTIONARY_HEADER_BYTES, fileBytes - end));
      meta.total_compressed_size = BigInt(meta.total_compressed_size) + BigInt(padding);
    }
  }
  return metadata;
}
