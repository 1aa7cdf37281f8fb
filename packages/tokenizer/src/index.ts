// Public API of @anneal/tokenizer (see docs/architecture.md, "Packages"). The token shards it writes are
// @anneal/token-shards' format.

// Training: pre-tokenization, the BPE trainer, the domain-balanced sample, tokenizer.json.
export { BYTE_TO_CHAR, BYTE_LEVEL_ALPHABET, toByteLevel, fromByteLevel } from './byte-level.js';
export { PieceScanner } from './piece-scanner.js';
export { PreTokenizer, preTokenizerPattern, DEFAULT_PRE_TOKENIZER_OPTIONS, type DigitSplitting, type PreTokenizerOptions } from './pre-tokenizer.js';
export { countWords, mergeWordCounts } from './word-counts.js';
export { countWordsInParallel } from './parallel-word-counts.js';
export { trainBpe, type BpeModel, type BpeTrainOptions } from './bpe-trainer.js';
export { DomainBalancedSample, type SampleCandidate, type DomainSampleStats } from './domain-balanced-sample.js';
export {
  DEFAULT_TOKENIZER_TRAIN_SETTINGS,
  DEFAULT_SPECIAL_TOKENS,
  DEFAULT_RESERVED_TOKENS,
  tokenizerSettingsProblems,
  type TokenizerTrainSettings,
} from './tokenizer-config.js';
export { TokenizerConfigSchema, loadTokenizerConfig, tokenizerTrainSettings, type TokenizerConfig } from './tokenizer-yaml.js';
export { trainTokenizer, type TrainedTokenizer, type TokenizerTrainReport } from './train-tokenizer.js';
export { trainTokenizerJsonFromTexts } from './train-from-texts.js';
export {
  toTokenizerJson,
  serializeTokenizerJson,
  parseTokenizerJson,
  type TokenizerJson,
  type LoadedTokenizer,
  type AddedTokenJson,
} from './tokenizer-json.js';

// Encoding.
export { BpeEncoder } from './bpe-encoder.js';
export { encodeBatch, type EncodeBatchRequest, type EncodeBatchReply } from './encode-batch.js';
export {
  tokenizeDocuments,
  tokenizeShards,
  type TokenizeItem,
  type TokenizeSource,
  type TokenizeOptions,
  type TokenizeStats,
} from './tokenize-documents.js';
export {
  defaultTokenizerCacheDir,
  loadCachedTokenizer,
  storeCachedTokenizer,
  tokenizerCacheFile,
  TOKENIZER_CACHE_FORMAT,
} from './tokenizer-cache.js';
export { documentShardSource, type DocumentShardSpec } from './document-shard-spec.js';
export { loadTokenCounter } from './token-counter.js';
export { tokenizeShardsForRank, SHARD_RESULTS_DIR, type RankTokenizeOutcome } from './tokenize-rank.js';

// Hugging Face tokenizer.json parts (the encoder composes them; exported for tests and tools).
export { JsonPart, UnsupportedTokenizerError } from './hf/json-part.js';
export { loadNormalizer, type Normalizer } from './hf/normalizers.js';
export { loadPreTokenizer, type PreTokenizer as HfPreTokenizer, type LoadedPreTokenizer, type Piece } from './hf/pre-tokenizers.js';
export { BpeModel as TokenizerJsonBpeModel } from './hf/bpe-model.js';
export { loadModel, type Model, type WordStart } from './hf/model.js';
export { AddedVocabulary, type AddedToken } from './hf/added-vocabulary.js';
export { loadPostProcessor, type PostProcessor } from './hf/post-processors.js';
export { loadDecoder, type Decoder } from './hf/decoders.js';
export { loadTokenizerParts, type TokenizerParts } from './hf/tokenizer-parts.js';
export { scanBpeSections, type BpeSections, type ScannedTokenizerJson } from './hf/bpe-sections-scanner.js';
export { translateOnigurumaRegex, UnsupportedRegexError } from './hf/oniguruma-regex.js';
export { documentFraming } from './document-framing.js';
export type { EncodeOptions } from './bpe-encoder.js';
export type { DocumentFraming } from './encode-batch.js';
