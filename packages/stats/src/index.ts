// Public API of @anneal/stats (see README, "Design"): corpus statistics (`anneal stats`), the
// one definition of their JSON shape (CorpusStats and its schema), token counting, and the shard
// reading that statistics and mixtures share.
export {
  CORPUS_STATS_VERSION,
  corpusStatsSchema,
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
} from './corpus-stats.js';
export { computeCorpusStats, groupOf, MAX_GROUPS, type CorpusStatsOptions } from './compute-corpus-stats.js';
export { estimatedTokenCounter, exactTokenCounter, DEFAULT_BYTES_PER_TOKEN, type TokenCounter } from './token-counter.js';
export { ReadErrorLog } from './read-error-log.js';
export {
  resolveShardInputs,
  readShards,
  readShardOptionsOf,
  type ShardInputs,
  type ShardItem,
  type ReadShardOptions,
  type ShardProgress,
} from './shard-inputs.js';
export { readRunDropStats, readRunInputs, type RunInputs } from './run-directory.js';
export { formatCorpusStatsTable } from './corpus-stats-table.js';
export { contaminationRows, type ContaminationRow } from './contamination-summary.js';
