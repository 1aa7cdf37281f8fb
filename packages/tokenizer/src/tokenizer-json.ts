import { tokenizerHash } from '@anneal/token-shards';
import type { BpeModel } from './bpe-trainer.js';
import { scanBpeSections } from './hf/bpe-sections-scanner.js';
import { loadTokenizerParts, type TokenizerParts } from './hf/tokenizer-parts.js';

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

/** A loaded tokenizer.json: its parts (hf/tokenizer-parts.ts) and the hash of its bytes. */
export interface LoadedTokenizer extends TokenizerParts {
  hash: string;
  source: string;
  /**
   * The tokenizer.json without its `model` (the small rest: added tokens, normalizer, …): with the
   * model's tables, what a worker thread loads the same tokenizer from (portable-tokenizer.ts).
   */
  partsJson: string;
}

/**
 * Parses any BPE tokenizer.json that Hugging Face `tokenizers` writes for the common model families
 * (ours, GPT-2/RoBERTa, Llama 2/3, Mistral, Qwen, Gemma): see hf/ for the parts that load. Anything
 * else is refused naming the JSON path of the part, rather than encoded differently from the
 * reference libraries. The model's vocabulary and merges, most of a large file, are read by
 * hf/bpe-sections-scanner.ts and only the rest by JSON.parse (the whole by JSON.parse where the
 * scanner meets anything it does not expect).
 */
export function parseTokenizerJson(text: string, source: string, hash = tokenizerHash(text)): LoadedTokenizer {
  let scanned = scanBpeSections(text);
  let json: unknown;
  try {
    json = JSON.parse(scanned?.rest ?? text);
  } catch {
    // the whole document's JSON.parse gives the error (its message and position, not the rest's)
    scanned = undefined;
    json = parseWhole(text, source);
  }
  const parts = loadTokenizerParts(json, source, scanned ? { sections: scanned.sections } : {});
  return { ...parts, hash, source, partsJson: JSON.stringify({ ...(json as object), model: null }) };
}

function parseWhole(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not valid JSON: ${(err as Error).message}`);
  }
}
