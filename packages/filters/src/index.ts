export { normalizeStep, normalizeText, DEFAULT_NORMALIZE_OPTIONS, type NormalizeOptions } from './normalize.js';
export { lengthFilter, countWords, DEFAULT_LENGTH_OPTIONS, type LengthFilterOptions } from './length-filter.js';
export { splitWords, isContentWord, splitLines } from './words.js';
export { gopherQualityFilter, DEFAULT_GOPHER_QUALITY_OPTIONS, type GopherQualityOptions } from './gopher-quality-filter.js';
export { gopherRepetitionFilter, DEFAULT_GOPHER_REPETITION_OPTIONS, type GopherRepetitionOptions } from './gopher-repetition-filter.js';
export { c4Filter, countSentences, DEFAULT_C4_OPTIONS, type C4Options } from './c4-filter.js';
export { fineWebFilter, DEFAULT_FINEWEB_OPTIONS, type FineWebOptions } from './fineweb-filter.js';
export {
  languageFilter,
  identifyLanguage,
  DEFAULT_LANGUAGE_OPTIONS,
  type LanguageFilterOptions,
  type LanguageGuess,
} from './language-filter.js';
export {
  buildBenchmarkIndex,
  benchmarkIndexBytes,
  type BenchmarkIndexData,
  type BenchmarkIndexOptions,
  type BenchmarkSetConfig,
  type IndexedSet,
} from './decontaminate/benchmark-index.js';
export { decontaminateStep, DEFAULT_DECONTAMINATE_OPTIONS, type DecontaminateOptions } from './decontaminate/decontaminate-step.js';
export { matchTokens, matchWords } from './decontaminate/match-tokens.js';
export { piiStep, findPii, DEFAULT_PII_OPTIONS, PII_KINDS, type PiiOptions, type PiiKind, type PiiKindName } from './pii/pii-step.js';
export { passesLuhn } from './pii/credit-cards.js';
export { urlFilter, type UrlFilterOptions } from './url-filter.js';
