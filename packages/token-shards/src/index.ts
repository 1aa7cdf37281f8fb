// Public API of @anneal/token-shards (see README, "Design"): the token shard format, the contract
// between `anneal tokenize` (which writes it) and the trainer (which reads it), with its writer,
// readers, index and the Megatron export.

export {
  TOKEN_SHARD_COLUMNS,
  TOKEN_SHARD_INDEX_FILE,
  TOKEN_SHARD_FORMAT,
  TOKEN_SHARD_FORMAT_VERSION,
  TOKEN_SHARD_EXTENSION,
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
export { tokenizerHash } from './tokenizer-hash.js';
export { TokenShardWriter, tokenShardSchema, type TokenShardDocument, type TokenShardSummary } from './token-shard-writer.js';
export {
  readTokenShardIndex,
  readTokenShardBatches,
  readTokenShard,
  readTokenShards,
  type LocatedTokenShardRow,
} from './token-shard-reader.js';
export { buildTokenShardIndex, writeTokenShardIndex, type TokenShardIndexHeader } from './token-shard-index.js';
export { exportMegatron, MEGATRON_MAGIC, MEGATRON_DTYPE_CODE, type MegatronExportResult } from './megatron-export.js';
