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
