import type { TokenCounting } from './corpus-stats.js';

/**
 * Counts the tokens of a document's text. Exact counters wrap a real tokenizer (the CLI supplies
 * one when `--tokenizer` is given and the tokenizer package can encode); otherwise anneal estimates
 * and says so in every output, so an estimate is never mistaken for a count.
 */
export interface TokenCounter {
  readonly counting: TokenCounting;
  /** `utf8Bytes` is the text's UTF-8 length, which callers have already measured. */
  count(text: string, utf8Bytes: number): number;
}

/** Typical English BPE vocabularies (32k–100k) average about four bytes of UTF-8 per token. */
export const DEFAULT_BYTES_PER_TOKEN = 4;

/** ceil(utf8 bytes / bytesPerToken): the usual rule of thumb, labelled as an estimate. */
export function estimatedTokenCounter(bytesPerToken = DEFAULT_BYTES_PER_TOKEN): TokenCounter {
  if (!(bytesPerToken > 0)) throw new Error(`bytes per token must be positive, got ${bytesPerToken}`);
  return {
    counting: { estimated: true, method: `estimate: ceil(utf8 bytes / ${bytesPerToken})` },
    count: (_text, utf8Bytes) => Math.ceil(utf8Bytes / bytesPerToken),
  };
}

/** Wraps an encoder (text → token ids) as an exact counter. */
export function exactTokenCounter(encode: (text: string) => ArrayLike<number>, tokenizer: string, description: string): TokenCounter {
  return {
    counting: { estimated: false, method: description, tokenizer },
    count: (text) => encode(text).length,
  };
}
