import { createHash } from 'node:crypto';
import type { BpeModel } from './bpe-trainer.js';

/**
 * The Hugging Face `tokenizer.json` we write and read: a byte-level BPE model behind a
 * `Sequence[Split(regex, Isolated), ByteLevel(use_regex: false)]` pre-tokenizer, a ByteLevel
 * decoder, no normalizer, special tokens as added tokens with ids 0..n-1. This is the layout of
 * GPT-4-style tokenizers on the Hub (e.g. Llama 3), so the Rust/Python `tokenizers` library and
 * `@huggingface/tokenizers` load it unchanged.
 */
export interface TokenizerJson {
  version: '1.0';
  truncation: null;
  padding: null;
  added_tokens: AddedTokenJson[];
  normalizer: null;
  pre_tokenizer: {
    type: 'Sequence';
    pretokenizers: [
      { type: 'Split'; pattern: { Regex: string }; behavior: 'Isolated'; invert: false },
      { type: 'ByteLevel'; add_prefix_space: false; trim_offsets: true; use_regex: false },
    ];
  };
  post_processor: null;
  decoder: { type: 'ByteLevel'; add_prefix_space: true; trim_offsets: true; use_regex: true };
  model: {
    type: 'BPE';
    dropout: null;
    unk_token: null;
    continuing_subword_prefix: null;
    end_of_word_suffix: null;
    fuse_unk: false;
    byte_fallback: false;
    ignore_merges: false;
    vocab: Record<string, number>;
    merges: [string, string][];
  };
}

export interface AddedTokenJson {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

/** Builds the `tokenizer.json` object for a trained model and its pre-tokenization pattern. */
export function toTokenizerJson(model: BpeModel, pattern: string): TokenizerJson {
  const vocab: Record<string, number> = {};
  model.vocab.forEach((token, id) => (vocab[token] = id));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: model.specialTokens.map((content) => ({
      id: model.vocab.indexOf(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: pattern }, behavior: 'Isolated', invert: false },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: model.merges,
    },
  };
}

/** The serialized form: stable key order, so the same model always gives the same bytes and hash. */
export function serializeTokenizerJson(json: TokenizerJson): string {
  return JSON.stringify(json, null, 2) + '\n';
}

/** sha256 (hex) of a tokenizer.json's bytes: the `tokenizer_hash` in token shard indexes. */
export function tokenizerHash(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What the encoder needs from a tokenizer.json, checked; errors name `source`. */
export interface LoadedTokenizer {
  pattern: string;
  /** id → token */
  vocab: string[];
  merges: [string, string][];
  /** content → id of special (added) tokens */
  specialTokens: Map<string, number>;
  hash: string;
}

/**
 * Parses a tokenizer.json of the layout above (the one we write, or any byte-level BPE with a
 * Split(Regex) + ByteLevel pre-tokenizer and no normalizer). Anything else is refused with the
 * reason, rather than encoded differently from the reference libraries.
 */
export function parseTokenizerJson(text: string, source: string): LoadedTokenizer {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not valid JSON: ${(err as Error).message}`);
  }
  const fail = (why: string): never => {
    throw new Error(`${source}: unsupported tokenizer.json: ${why}`);
  };
  if (json?.model?.type !== 'BPE') fail(`model.type is ${JSON.stringify(json?.model?.type)}, expected "BPE"`);
  if (json.normalizer != null) fail('a normalizer is set (only byte-level BPE without normalizer is supported)');
  if (json.model.byte_fallback || json.model.continuing_subword_prefix || json.model.end_of_word_suffix || json.model.dropout) {
    fail('byte_fallback / subword prefix / suffix / dropout are set');
  }
  if (json.model.ignore_merges) fail('ignore_merges is true');
  const pre = json.pre_tokenizer;
  const steps = pre?.type === 'Sequence' ? pre.pretokenizers : [pre];
  const split = steps?.[0];
  const byteLevel = steps?.[1];
  if (steps?.length !== 2 || split?.type !== 'Split' || typeof split.pattern?.Regex !== 'string' || split.behavior !== 'Isolated' || split.invert) {
    fail('pre_tokenizer is not Sequence[Split(Regex, Isolated), ByteLevel]');
  }
  if (byteLevel?.type !== 'ByteLevel' || byteLevel.add_prefix_space || byteLevel.use_regex) fail('second pre-tokenizer is not ByteLevel(add_prefix_space: false, use_regex: false)');
  const vocabObj = json.model.vocab as Record<string, number>;
  const vocab: string[] = [];
  for (const [token, id] of Object.entries(vocabObj)) {
    if (!Number.isInteger(id) || id < 0) fail(`vocab id ${id} of ${JSON.stringify(token)} is not a non-negative integer`);
    if (vocab[id] !== undefined) fail(`vocab id ${id} is used twice`);
    vocab[id] = token;
  }
  const specialTokens = new Map<string, number>();
  for (const added of json.added_tokens ?? []) {
    if (vocab[added.id] === undefined) vocab[added.id] = added.content;
    specialTokens.set(added.content, added.id);
  }
  for (let i = 0; i < vocab.length; i++) if (vocab[i] === undefined) fail(`vocab has no id ${i}`);
  const merges: [string, string][] = (json.model.merges as unknown[]).map((m, i) => {
    if (Array.isArray(m) && m.length === 2) return [String(m[0]), String(m[1])];
    if (typeof m === 'string') {
      const parts = m.split(' ');
      if (parts.length === 2) return [parts[0]!, parts[1]!];
    }
    return fail(`merge ${i} is neither [a, b] nor "a b"`);
  });
  return { pattern: split.pattern.Regex, vocab, merges, specialTokens, hash: tokenizerHash(text) };
}
