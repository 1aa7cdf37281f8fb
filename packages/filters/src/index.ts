export { normalizeStep, normalizeText, DEFAULT_NORMALIZE_OPTIONS, type NormalizeOptions } from './normalize.js';
