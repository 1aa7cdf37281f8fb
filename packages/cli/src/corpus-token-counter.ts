import { DEFAULT_BYTES_PER_TOKEN, estimatedTokenCounter, type TokenCounter } from '@anneal/stats';
import { loadTokenCounter } from '@anneal/tokenizer';

/**
 * How `anneal stats` and `anneal mix` count tokens: exactly with `--tokenizer` (our BPE encoder from
 * @anneal/tokenizer, EOS not counted), else the labelled estimate from UTF-8 bytes per token. It lives
 * here, not in @anneal/stats, because stats may not depend on the tokenizer (a higher level).
 */
export async function tokenCounterFor(options: { tokenizer?: string | undefined; bytesPerToken?: number | undefined }): Promise<TokenCounter> {
  if (options.tokenizer === undefined) return estimatedTokenCounter(options.bytesPerToken ?? DEFAULT_BYTES_PER_TOKEN);
  return loadTokenCounter(options.tokenizer);
}
