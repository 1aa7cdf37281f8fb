export { normalizeStep, normalizeText, DEFAULT_NORMALIZE_OPTIONS, NormalizeOptionsSchema, type NormalizeOptions } from './normalize.js';
export { lengthFilter, countWords, DEFAULT_LENGTH_OPTIONS, LengthFilterOptionsSchema, type LengthFilterOptions } from './length-filter.js';
export { splitWords, isContentWord, splitLines } from './words.js';
export {
  gopherQualityFilter,
  DEFAULT_GOPHER_QUALITY_OPTIONS,
  GopherQualityOptionsSchema,
  type GopherQualityOptions,
} from './gopher-quality-filter.js';
export {
  gopherRepetitionFilter,
  DEFAULT_GOPHER_REPETITION_OPTIONS,
  GopherRepetitionOptionsSchema,
  type GopherRepetitionOptions,
} from './gopher-repetition-filter.js';
export { c4Filter, countSentences, DEFAULT_C4_OPTIONS, C4OptionsSchema, type C4Options } from './c4-filter.js';
export { fineWebFilter, DEFAULT_FINEWEB_OPTIONS, FineWebOptionsSchema, type FineWebOptions } from './fineweb-filter.js';
export {
  languageFilter,
  identifyLanguage,
  DEFAULT_LANGUAGE_OPTIONS,
  LanguageFilterOptionsSchema,
  type LanguageFilterOptions,
  type LanguageGuess,
} from './language-filter.js';
export {
  buildBenchmarkIndex,
  benchmarkIndexBytes,
  BenchmarkIndexOptionsSchema,
  BenchmarkSetConfigSchema,
  type BenchmarkIndexData,
  type BenchmarkIndexOptions,
  type BenchmarkSetConfig,
  type IndexedSet,
} from './decontaminate/benchmark-index.js';
export {
  decontaminateStep,
  DEFAULT_DECONTAMINATE_OPTIONS,
  DecontaminateOptionsSchema,
  type DecontaminateOptions,
} from './decontaminate/decontaminate-step.js';
export { matchTokens, matchWords } from './decontaminate/match-tokens.js';
export {
  piiStep,
  findPii,
  DEFAULT_PII_OPTIONS,
  PiiOptionsSchema,
  PII_KINDS,
  type PiiOptions,
  type PiiKind,
  type PiiKindName,
} from './pii/pii-step.js';
export { passesLuhn } from './pii/credit-cards.js';
export { urlFilter, UrlFilterOptionsSchema, type UrlFilterOptions } from './url-filter.js';
