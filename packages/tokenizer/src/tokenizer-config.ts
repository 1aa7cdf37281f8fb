import type { DigitSplitting } from './pre-tokenizer.js';

/**
 * Settings of `anneal tokenizer train` (the `tokenizer.yaml` keys, after the CLI has parsed the
 * YAML). Defaults in {@link DEFAULT_TOKENIZER_TRAIN_SETTINGS}.
 */
export interface TokenizerTrainSettings {
  vocab_size: number;
  min_frequency: number;
  /** ids 0.. in this order; the first is the EOS appended to every document */
  special_tokens: string[];
  /** chat-role tokens reserved now (ids right after the special tokens) for post-training later */
  reserved_tokens: string[];
  digits: DigitSplitting;
  sample: {
    /** byte budget of the training text */
    bytes: number;
    seed: number;
    /** per-domain shares of the budget; omit for a natural (unbalanced) sample */
    proportions?: Record<string, number>;
    /** metadata key that names a document's domain */
    domain_key: string;
  };
  /** worker threads for pre-tokenization */
  workers: number;
}

export const DEFAULT_SPECIAL_TOKENS = ['<|endoftext|>', '<|pad|>'];
export const DEFAULT_RESERVED_TOKENS = ['<|im_start|>', '<|im_end|>', '<|system|>', '<|user|>', '<|assistant|>', '<|tool|>'];

export const DEFAULT_TOKENIZER_TRAIN_SETTINGS: TokenizerTrainSettings = {
  vocab_size: 32768,
  min_frequency: 2,
  special_tokens: DEFAULT_SPECIAL_TOKENS,
  reserved_tokens: DEFAULT_RESERVED_TOKENS,
  digits: 'groups_of_3',
  sample: { bytes: 100_000_000, seed: 0, domain_key: 'domain' },
  workers: 2,
};

/** Every problem with the settings (empty when they are valid). */
export function tokenizerSettingsProblems(s: TokenizerTrainSettings): string[] {
  const problems: string[] = [];
  const all = [...s.special_tokens, ...s.reserved_tokens];
  if (!Number.isInteger(s.vocab_size) || s.vocab_size < all.length + 256 || s.vocab_size >= 2 ** 21) {
    problems.push(`vocab_size: must be an integer from ${all.length + 256} (special tokens + 256 bytes) to ${2 ** 21 - 1}, got ${s.vocab_size}`);
  }
  if (!Number.isInteger(s.min_frequency) || s.min_frequency < 0)
    problems.push(`min_frequency: must be a non-negative integer, got ${s.min_frequency}`);
  if (s.special_tokens.length === 0) problems.push('special_tokens: needs at least the EOS token (the first one)');
  if (new Set(all).size !== all.length) problems.push('special_tokens / reserved_tokens: a token is listed twice');
  if (all.some((t) => typeof t !== 'string' || t.length === 0)) problems.push('special_tokens / reserved_tokens: tokens must be non-empty strings');
  if (s.digits !== 'groups_of_3' && s.digits !== 'individual')
    problems.push(`digits: must be groups_of_3 or individual, got ${JSON.stringify(s.digits)}`);
  if (!(s.sample.bytes > 0)) problems.push(`sample.bytes: must be positive, got ${s.sample.bytes}`);
  if (!Number.isInteger(s.sample.seed)) problems.push(`sample.seed: must be an integer, got ${s.sample.seed}`);
  if (s.sample.proportions) {
    for (const [d, p] of Object.entries(s.sample.proportions))
      if (!(typeof p === 'number' && p >= 0)) problems.push(`sample.proportions.${d}: must be a non-negative number, got ${p}`);
  }
  if (!Number.isInteger(s.workers) || s.workers < 1) problems.push(`workers: must be a positive integer, got ${s.workers}`);
  return problems;
}
