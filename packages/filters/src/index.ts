export { normalizeStep, normalizeText } from './normalize.js';
export { DEFAULT_NORMALIZE_OPTIONS, NormalizeOptionsSchema, type NormalizeOptions } from './normalize-options.js';
export { lengthFilter, countWords } from './length-filter.js';
export { DEFAULT_LENGTH_OPTIONS, LengthFilterOptionsSchema, type LengthFilterOptions } from './length-options.js';
export { splitWords, isContentWord, splitLines } from './words.js';
export { gopherQualityFilter } from './gopher-quality-filter.js';
export { DEFAULT_GOPHER_QUALITY_OPTIONS, GopherQualityOptionsSchema, type GopherQualityOptions } from './gopher-quality-options.js';
export { gopherRepetitionFilter } from './gopher-repetition-filter.js';
export { DEFAULT_GOPHER_REPETITION_OPTIONS, GopherRepetitionOptionsSchema, type GopherRepetitionOptions } from './gopher-repetition-options.js';
export { c4Filter, countSentences } from './c4-filter.js';
export { DEFAULT_C4_OPTIONS, C4OptionsSchema, type C4Options } from './c4-options.js';
export { fineWebFilter } from './fineweb-filter.js';
export { DEFAULT_FINEWEB_OPTIONS, FineWebOptionsSchema, type FineWebOptions } from './fineweb-options.js';
export { languageFilter, identifyLanguage, type LanguageGuess } from './language-filter.js';
export { DEFAULT_LANGUAGE_OPTIONS, LanguageFilterOptionsSchema, type LanguageFilterOptions } from './language-options.js';
export { buildBenchmarkIndex, benchmarkIndexBytes, type BenchmarkIndexData, type IndexedSet } from './decontaminate/benchmark-index.js';
export {
  BenchmarkIndexOptionsSchema,
  BenchmarkSetConfigSchema,
  type BenchmarkIndexOptions,
  type BenchmarkSetConfig,
} from './decontaminate/benchmark-index-options.js';
export { decontaminateStep } from './decontaminate/decontaminate-step.js';
export { DEFAULT_DECONTAMINATE_OPTIONS, DecontaminateOptionsSchema, type DecontaminateOptions } from './decontaminate/decontaminate-options.js';
export { matchTokens, matchWords } from './decontaminate/match-tokens.js';
export { piiStep, findPii, PII_KINDS, type PiiKindName } from './pii/pii-step.js';
export { DEFAULT_PII_OPTIONS, PiiOptionsSchema, type PiiOptions, type PiiKind } from './pii/pii-options.js';
export { passesLuhn } from './pii/credit-cards.js';
export { urlFilter } from './url-filter.js';
export { UrlFilterOptionsSchema, type UrlFilterOptions } from './url-filter-options.js';
