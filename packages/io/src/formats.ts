/** Document shard formats (docs/architecture.md, "Formats on disk"). */
export const OUTPUT_FORMATS = ['jsonl', 'jsonl.gz', 'jsonl.zst', 'parquet', 'arrow'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const INPUT_FORMATS = ['jsonl', 'parquet', 'arrow', 'warc', 'wet', 'arc'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export type Compression = 'none' | 'gzip' | 'zstd';

export const PARQUET_CODECS = ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4'] as const;
export type ParquetCodec = (typeof PARQUET_CODECS)[number];

/** Guesses an input format from a file name; `undefined` when the name says nothing. */
export function inputFormatOf(path: string): InputFormat | undefined {
  const p = path.toLowerCase();
  if (/\.(jsonl|ndjson|json)(\.(gz|zst|zstd))?$/.test(p)) return 'jsonl';
  if (p.endsWith('.parquet')) return 'parquet';
  if (/\.(arrow|arrows|ipc|feather)$/.test(p)) return 'arrow';
  if (/\.wet(\.gz)?$/.test(p)) return 'wet'; // Common Crawl: CC-MAIN-….warc.wet.gz
  if (/\.warc(\.gz)?$/.test(p)) return 'warc';
  if (/\.arc(\.gz)?$/.test(p)) return 'arc';
  return undefined;
}

/** Compression of a byte stream, from its extension. */
export function compressionOf(path: string): Compression {
  const p = path.toLowerCase();
  if (p.endsWith('.gz')) return 'gzip';
  if (p.endsWith('.zst') || p.endsWith('.zstd')) return 'zstd';
  return 'none';
}

/** The file extension of an output shard. */
export function extensionOf(format: OutputFormat): string {
  return format;
}
