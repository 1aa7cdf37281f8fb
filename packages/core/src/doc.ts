/** A document flowing through a pipeline (see docs/architecture.md, "Documents"). */
export interface Doc {
  /** Stable, unique within a dataset; derived from source path + row when the input has none. */
  id: string;
  text: string;
  /** domain, source, language, quality, dup_count, url, ... — always JSON-serializable. */
  metadata: Record<string, unknown>;
}

/**
 * The domain of a document that has none (no string `domain` metadata, or an empty one). One name
 * everywhere: `anneal stats` and `anneal mix` group such documents under it, `anneal tokenize`
 * writes it into token shards, and the trainer's `mixture: { unknown: 1 }` selects them.
 */
export const UNKNOWN_DOMAIN = 'unknown';

/** A document's domain as every anneal output names it: the metadata value, or {@link UNKNOWN_DOMAIN}. */
export function domainName(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : UNKNOWN_DOMAIN;
}

/** Metadata keys every package agrees on. */
export const WELL_KNOWN_METADATA_KEYS = [
  'domain',
  'quality',
  'language',
  'language_score',
  'dup_count',
  'source',
  'length_tokens',
  /** Where the first read found the document (`file, line N`, `file, row group G, row R`): set by runTask, kept by every step. */
  'source_location',
] as const;
