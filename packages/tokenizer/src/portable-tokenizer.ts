import { modelFromPortable, type PortableModel } from './hf/model.js';
import { regexTranslations, rememberRegexTranslations } from './hf/oniguruma-regex.js';
import { loadTokenizerParts } from './hf/tokenizer-parts.js';
import type { LoadedTokenizer } from './tokenizer-json.js';

/**
 * A loaded tokenizer as a worker thread is sent it: the small rest of the tokenizer.json and the
 * model's tables (on shared memory), so that the tokenizer.json is parsed and its vocabulary and
 * merges are read once per run, not once per thread (for Gemma 3's 262k tokens and 514k merges that
 * is seconds of CPU per thread).
 */
export interface PortableTokenizer {
  partsJson: string;
  source: string;
  hash: string;
  model: PortableModel;
  /** the sending thread's Oniguruma → JavaScript regex translations (a worker need not redo them) */
  regexTranslations: [string, string][];
}

export function toPortableTokenizer(tokenizer: LoadedTokenizer): PortableTokenizer {
  return {
    partsJson: tokenizer.partsJson,
    source: tokenizer.source,
    hash: tokenizer.hash,
    model: tokenizer.model.portable(),
    regexTranslations: regexTranslations(),
  };
}

/** The same tokenizer as the one {@link toPortableTokenizer} was given (the same ids for every text). */
export function fromPortableTokenizer(portable: PortableTokenizer): LoadedTokenizer {
  rememberRegexTranslations(portable.regexTranslations);
  const parts = loadTokenizerParts(JSON.parse(portable.partsJson), portable.source, { model: modelFromPortable(portable.model) });
  return { ...parts, hash: portable.hash, source: portable.source, partsJson: portable.partsJson };
}
