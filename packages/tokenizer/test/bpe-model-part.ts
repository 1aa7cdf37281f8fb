/**
 * The `model` part of a tokenizer.json for a BPE model, in the shape Python `tokenizers` writes it,
 * with the options the tests vary (the rest as every BPE tokenizer.json of the tests has them).
 */
export function bpeModelPart(options: { vocab: Record<string, number>; merges: Array<[string, string]>; byteFallback: boolean }) {
  return {
    type: 'BPE',
    dropout: null,
    unk_token: '<unk>',
    continuing_subword_prefix: null,
    end_of_word_suffix: null,
    fuse_unk: true,
    byte_fallback: options.byteFallback,
    ignore_merges: false,
    vocab: options.vocab,
    merges: options.merges,
  };
}
