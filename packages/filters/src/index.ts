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
export { urlFilter, type UrlFilterOptions } from './url-filter.js';
