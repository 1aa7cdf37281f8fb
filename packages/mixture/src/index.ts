// Public API of @anneal/mixture (see DESIGN.md, "Layout").
export {
  CORPUS_STATS_VERSION,
  type CorpusStats,
  type DomainStats,
  type Histogram,
  type QuantileSummary,
  type TokenCounting,
  type DupCountBucket,
  type DupCountStats,
  type LanguageShare,
  type SampleDocument,
  type StepDropStats,
  type RunDropStats,
  type DomainShare,
  type StageShares,
} from './domain-stats.js';
export { computeCorpusStats, groupOf, MAX_GROUPS, type CorpusStatsOptions } from './compute-corpus-stats.js';
export { estimatedTokenCounter, exactTokenCounter, DEFAULT_BYTES_PER_TOKEN, type TokenCounter } from './token-counter.js';
export { resolveShardInputs, readShards, type ShardInputs, type ShardItem, type ReadShardOptions } from './shard-inputs.js';
export { readRunDropStats, readRunInputs, type RunInputs } from './run-directory.js';
export {
  STAGE_MANIFEST_FORMAT,
  STAGE_MANIFEST_VERSION,
  type StageManifest,
  type ManifestDomain,
  type ManifestShard,
  type BalanceStrategyName,
} from './stage-manifest.js';
export { formatCorpusStatsTable } from './corpus-stats-table.js';
