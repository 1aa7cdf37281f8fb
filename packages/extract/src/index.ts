export { extractMainText, DEFAULT_EXTRACT_OPTIONS, type ExtractOptions, type Extraction } from './extract-main-text.js';
export { extractStep } from './extract-step.js';
export { ExtractStepOptionsSchema, type ExtractStepOptions } from './extract-step-options.js';
export { MAX_DEPTH } from './html-tree.js';
