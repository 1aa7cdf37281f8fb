// Public API of @anneal/mixture (see docs/architecture.md, "Packages"): domain balancing, repeat counts and stage
// manifests; the corpus statistics they build on are @anneal/stats.
export {
  STAGE_MANIFEST_FORMAT,
  STAGE_MANIFEST_VERSION,
  type StageManifest,
  type ManifestDomain,
  type ManifestShard,
  type BalanceStrategyName,
} from './stage-manifest.js';
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
export {
  computeMixture,
  writeMixture,
  stageSharesOf,
  manifestFileName,
  readStageShares,
  type MixtureOptions,
  type MixtureResult,
} from './compute-mixture.js';
export { readStageManifest, readManifestDocuments, type ManifestDocument } from './manifest-documents.js';
export { formatMixtureTable } from './mixture-table.js';
