// Public API of @anneal/tokenizer (see DESIGN.md, "Layout").

// Token shards: the format (the contract with the trainer), the writer and the readers.
export {
  TOKEN_SHARD_COLUMNS,
  TOKEN_SHARD_INDEX_FILE,
  TOKEN_SHARD_FORMAT,
  TOKEN_SHARD_FORMAT_VERSION,
  TOKEN_SHARD_EXTENSION,
  UNKNOWN_DOMAIN,
  tokenDtypeFor,
  addTokenCounts,
  emptyTokenCounts,
  bytesPerToken,
  type TokenShardColumn,
  type TokenDtype,
  type TokenCounts,
  type TokenShardEntry,
  type DomainCompression,
  type TokenShardIndex,
  type TokenShardRow,
  type TokenShardBatch,
} from './token-shard-format.js';
export { TokenShardWriter, tokenShardSchema, type TokenShardDocument, type TokenShardSummary } from './token-shard-writer.js';
export {
  readTokenShardIndex,
  readTokenShardBatches,
  readTokenShard,
  readTokenShards,
  type LocatedTokenShardRow,
} from './token-shard-reader.js';
export { buildTokenShardIndex, writeTokenShardIndex, type TokenShardIndexHeader } from './token-shard-index.js';
