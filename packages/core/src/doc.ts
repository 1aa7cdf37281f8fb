/** A document flowing through a pipeline (see DESIGN.md, "Documents"). */
export interface Doc {
  /** Stable, unique within a dataset; derived from source path + row when the input has none. */
  id: string;
  text: string;
  /** domain, source, language, quality, dup_count, url, ... — always JSON-serializable. */
  metadata: Record<string, unknown>;
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
] as const;
