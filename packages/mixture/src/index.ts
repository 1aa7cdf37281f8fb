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
export { resolveShardInputs, readShards, type ShardInputs, type ShardItem, type ReadShardOptions, type ShardProgress } from './shard-inputs.js';
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
export { balanceDomains, ImpossibleBudgetError, type DomainSupply, type BalanceRequest, type DomainTarget } from './domain-balance.js';
export { documentWeight, type FrequencyWeighting } from './frequency-weight.js';
export { repeatCounts, repeatScale, maxRepeatTokens, type DomainDocuments, type RepeatCountOptions, type RepeatCounts } from './repeat-counts.js';
export {
  MixtureSchema,
  parseMixtureConfig,
  loadMixtureConfig,
  stageSampling,
  maxEpochsFor,
  DEFAULT_SAMPLING,
  DEFAULT_MAX_EPOCHS,
  type MixtureConfig,
  type MixtureConfigInput,
  type MixtureStageConfig,
} from './mixture-config.js';
export { readDocumentTable, type DocumentTable, type DocumentTableOptions } from './document-table.js';
export { buildStageManifest, type StageBuildContext } from './stage-manifest-builder.js';
export { computeMixture, writeMixture, stageSharesOf, manifestFileName, readStageShares, type MixtureOptions, type MixtureResult } from './compute-mixture.js';
export { readStageManifest, readManifestDocuments, type ManifestDocument } from './manifest-documents.js';
export { formatMixtureTable } from './mixture-table.js';
export { contaminationRows, type ContaminationRow } from './contamination-summary.js';
