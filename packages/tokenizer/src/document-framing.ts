import type { DocumentFraming } from './encode-batch.js';
import type { LoadedTokenizer } from './tokenizer-json.js';

/** EOS names of the common base models, in the order they are preferred when nothing says otherwise. */
const KNOWN_EOS = ['<|end_of_text|>', '<|endoftext|>', '</s>', '<eos>'];

/**
 * What `anneal tokenize` puts around every document: the post-processor's prefix (BOS: Llama 2's
 * `<s>`, Gemma's `<bos>`) unless `bosToken` overrides it (null: none), then the text, then the
 * post-processor's suffix, then EOS unless the suffix already ends with it (token shards always end
 * a document with EOS; token-shard-format.ts). EOS: `eosToken`, else the suffix's last token, else
 * the first known base-model EOS name the tokenizer has as a special token, else the special token
 * with the smallest id (`<|endoftext|>` in the tokenizers anneal trains).
 */
export function documentFraming(
  tokenizer: LoadedTokenizer,
  options: { eosToken?: string; bosToken?: string | null },
): { eosId: number; eosToken: string; framing: DocumentFraming } {
  const { specialTokens, vocab, postProcessor } = tokenizer;
  const idOf = (token: string, what: string): number => {
    const id = specialTokens.get(token);
    if (id === undefined) throw new Error(`the tokenizer has no special token ${JSON.stringify(token)} to use as ${what}`);
    return id;
  };
  const prefix = options.bosToken === undefined ? postProcessor.prefix.slice() : options.bosToken === null ? [] : [idOf(options.bosToken, 'BOS')];
  const suffix = postProcessor.suffix.slice();
  let eosToken = options.eosToken;
  if (eosToken === undefined && suffix.length > 0) eosToken = vocab[suffix[suffix.length - 1]!];
  eosToken ??= KNOWN_EOS.find((t) => specialTokens.has(t));
  eosToken ??= [...specialTokens].sort((a, b) => a[1] - b[1])[0]?.[0];
  if (eosToken === undefined) throw new Error('the tokenizer has no special tokens; pass the EOS token explicitly');
  const eosId = idOf(eosToken, 'EOS');
  if (suffix[suffix.length - 1] !== eosId) suffix.push(eosId);
  return { eosId, eosToken, framing: { prefix, suffix } };
}
