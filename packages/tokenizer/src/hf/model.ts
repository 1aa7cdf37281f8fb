import { BpeModel, type BpeModelTables } from './bpe-model.js';
import type { BpeSections } from './bpe-sections-scanner.js';
import type { JsonPart } from './json-part.js';

/**
 * Where a long piece can be cut without changing its ids: before a run of `mark` (▁, the
 * SentencePiece word start) unless the character before the run is in `unsafeBefore`, and between
 * the pairs of ASCII characters of `asciiCuts`. A model
 * proves this from its own merges at load (bpe-model.ts), so the encoder can cut a whole
 * SentencePiece-style segment into words and cache them.
 */
export interface WordStart {
  mark: number;
  unsafeBefore: Set<number>;
  /**
   * `(before << 7) | after` → 1 where a piece may also be cut between two ASCII characters (no merge
   * joins a symbol ending in `before` to one starting with `after`: `book` | `.`, digits in Llama 2)
   */
  asciiCuts: Uint8Array;
}

/** the size of a table indexed by `(before << 7) | after` for two ASCII code units */
export const ASCII_PAIRS = 128 * 128;

/**
 * The model stage of the pipeline (`tokenizers`' `Model`): one pre-tokenized piece → ids. The
 * encoder (bpe-encoder.ts) only talks to this interface; BPE (bpe-model.ts) is the model loaded
 * today, and another kind is another implementation picked by {@link loadModel}.
 */
export interface Model {
  readonly kind: string;
  /** id → token of the model vocabulary */
  readonly tokens: readonly string[];
  /** The ids of one pre-tokenized piece (its text before any byte-level mapping). */
  tokenize(piece: string): Uint32Array;
  /** The id of a one-byte byte-level piece, or -1 when the model has no such shortcut. */
  byteId(byte: number): number;
  /** Where long pieces may be cut (undefined: nowhere, encode them whole). */
  readonly wordStart: WordStart | undefined;
  /** The model as plain data that can be posted to a worker thread ({@link modelFromPortable}). */
  portable(): PortableModel;
}

/** A model as plain data (tagged by kind), what worker threads get instead of the JSON. */
export type PortableModel = BpeModelTables;

const MODEL_TYPES = ['BPE'] as const;

/**
 * The `model` of a tokenizer.json; `byteLevel`: the pre-tokenizer ends with ByteLevel; `sections`:
 * its vocabulary and merges read from the text beforehand (bpe-sections-scanner.ts).
 */
export function loadModel(part: JsonPart, byteLevel: boolean, sections?: BpeSections): Model {
  switch (part.type(MODEL_TYPES)) {
    case 'BPE':
      return BpeModel.fromJson(part, byteLevel, sections);
  }
}

/** The model a {@link Model.portable} describes, without reading any JSON. */
export function modelFromPortable(portable: PortableModel): Model {
  switch (portable.type) {
    case 'BPE':
      return new BpeModel(portable);
  }
}
