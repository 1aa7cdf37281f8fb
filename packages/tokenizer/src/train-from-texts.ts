import { trainBpe, type BpeTrainOptions } from './bpe-trainer.js';
import { PreTokenizer, preTokenizerPattern, DEFAULT_PRE_TOKENIZER_OPTIONS, type PreTokenizerOptions } from './pre-tokenizer.js';
import { serializeTokenizerJson, toTokenizerJson } from './tokenizer-json.js';
import { countWords } from './word-counts.js';

/**
 * The tokenizer.json text of byte-level BPE trained on `texts` as they are, words counted on this
 * thread: for a handful of texts in memory (tests, interop checks). A corpus goes through
 * `trainTokenizer`, which samples it and counts on workers.
 */
export function trainTokenizerJsonFromTexts(
  texts: Iterable<string>,
  bpe: BpeTrainOptions,
  preTokenizer: PreTokenizerOptions = DEFAULT_PRE_TOKENIZER_OPTIONS,
): string {
  const pattern = preTokenizerPattern(preTokenizer);
  const pre = new PreTokenizer(pattern);
  const counts = new Map<string, number>();
  for (const text of texts) countWords(pre, text, counts);
  return serializeTokenizerJson(toTokenizerJson(trainBpe(counts, bpe), pattern));
}
