/**
 * The on-disk format of token shards (docs/architecture.md, "Formats on disk"): what `anneal tokenize` writes
 * and what the trainer reads. This file is the contract between the two; change it additively only
 * (new optional fields), never rename or retype what is here.
 *
 * A token shard directory holds
 *   - `<rank:05d>.arrow`: Arrow IPC *file* format (random access; pyarrow `ipc.open_file` reads it),
 *     one row per document, columns in this order:
 *       `id`       utf8                     the document id (unique within the dataset)
 *       `domain`   dictionary<int32, utf8>  the document's `metadata.domain` (`"unknown"` when absent or empty)
 *       `quality`  float32, nullable        `metadata.quality` (0..1), null when absent
 *       `tokens`   list<uint16 | uint32>    the token ids, with the EOS id appended as the last element;
 *                                           uint16 when every id fits (vocab_size <= 65536), else uint32
 *     Rows keep the order of the input documents; record batches hold `batch_rows` rows each.
 *   - `index.json`: a {@link TokenShardIndex}, written last (its presence marks a complete directory).
 *
 * The trainer packs documents into sequences itself, so one set of shards serves every context length.
 */

/** Column names, in the order they appear in every shard's schema. */
export const TOKEN_SHARD_COLUMNS = ['id', 'domain', 'quality', 'tokens'] as const;
export type TokenShardColumn = (typeof TOKEN_SHARD_COLUMNS)[number];

/** File name of the index inside a token shard directory. */
export const TOKEN_SHARD_INDEX_FILE = 'index.json';
/** `format` field of every index, so a reader can tell a token shard index from other JSON. */
export const TOKEN_SHARD_FORMAT = 'anneal-token-shards';
/** Current `version` of the index layout (bumped only for incompatible changes, which we avoid). */
export const TOKEN_SHARD_FORMAT_VERSION = 1;
/** Extension of shard files (Arrow IPC file format). */
export const TOKEN_SHARD_EXTENSION = '.arrow';

/** Element type of the `tokens` list column. */
export type TokenDtype = 'uint16' | 'uint32';

/** The narrowest dtype that holds every id of a vocabulary of `vocabSize` tokens (ids 0..vocabSize-1). */
export function tokenDtypeFor(vocabSize: number): TokenDtype {
  return vocabSize <= 65536 ? 'uint16' : 'uint32';
}

/** Counts for one domain (or for a whole shard / dataset). */
export interface TokenCounts {
  /** documents (rows) */
  rows: number;
  /** tokens, including the one EOS appended to every document */
  tokens: number;
  /** UTF-8 bytes of the source text (before tokenization); bytes / (tokens - rows) is the compression */
  text_bytes: number;
}

/** One shard file in the directory. */
export interface TokenShardEntry extends TokenCounts {
  /** file name relative to the directory, e.g. `00000.arrow` */
  file: string;
  /** counts per domain within this shard (keys sorted) */
  domains: Record<string, TokenCounts>;
}

/** Per-domain compression over the whole directory, for stats and reports. */
export interface DomainCompression extends TokenCounts {
  /** text_bytes per token, not counting the appended EOS tokens */
  bytes_per_token: number;
}

/** `index.json` of a token shard directory. */
export interface TokenShardIndex {
  format: typeof TOKEN_SHARD_FORMAT;
  version: typeof TOKEN_SHARD_FORMAT_VERSION;
  /** sha256 (hex) of the canonical `tokenizer.json` bytes that produced the shards */
  tokenizer_hash: string;
  /** number of ids in the tokenizer (max id + 1), special tokens included */
  vocab_size: number;
  /** id appended to the end of every document */
  eos_id: number;
  /** the EOS token's text, e.g. `<|endoftext|>` */
  eos_token: string;
  /** element type of the `tokens` column in every shard */
  dtype: TokenDtype;
  /** shards in rank order; reading them in this order gives the documents in input order */
  shards: TokenShardEntry[];
  /** totals over all shards */
  totals: TokenCounts & { domains: Record<string, DomainCompression> };
}

/** One document as the reader returns it. */
export interface TokenShardRow {
  id: string;
  domain: string;
  /** null when the source document had no quality */
  quality: number | null;
  /** token ids, EOS last; a view into the record batch's buffer (copy it to keep it beyond the batch) */
  tokens: Uint16Array | Uint32Array;
}

/**
 * One record batch in columnar form, for readers that want to avoid per-row objects (the trainer's
 * packer): row i's tokens are `tokens.subarray(offsets[i], offsets[i + 1])`.
 */
export interface TokenShardBatch {
  ids: string[];
  domains: string[];
  /** NaN where the quality is null */
  quality: Float32Array;
  /** rows + 1 offsets into `tokens` */
  offsets: Int32Array;
  tokens: Uint16Array | Uint32Array;
}

/** Sums `b` into `a` (for merging counts across batches, shards and workers). */
export function addTokenCounts(a: TokenCounts, b: TokenCounts): void {
  a.rows += b.rows;
  a.tokens += b.tokens;
  a.text_bytes += b.text_bytes;
}

/** An all-zero count. */
export function emptyTokenCounts(): TokenCounts {
  return { rows: 0, tokens: 0, text_bytes: 0 };
}

/** Bytes of text per token, EOS tokens excluded; 0 when there are no text tokens. */
export function bytesPerToken(counts: TokenCounts): number {
  const textTokens = counts.tokens - counts.rows;
  return textTokens > 0 ? counts.text_bytes / textTokens : 0;
}
