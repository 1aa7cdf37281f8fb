export { normalizeStep, normalizeText, DEFAULT_NORMALIZE_OPTIONS, type NormalizeOptions } from './normalize.js';
export { lengthFilter, countWords, DEFAULT_LENGTH_OPTIONS, type LengthFilterOptions } from './length-filter.js';
