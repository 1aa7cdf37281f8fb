import { JSON_PUNCTUATION as CHAR, JsonCursor } from './json-cursor.js';
import { TokenIndex } from './token-index.js';

/**
 * `model.vocab` and `model.merges` of a tokenizer.json, read straight from its text: what
 * bpe-model-json.ts builds the model's tables from, the same as it reads from the parsed JSON.
 */
export interface BpeSections {
  /** id → token (a hole where no token has the id, as the JSON path leaves one) */
  tokens: string[];
  /** token → id */
  index: TokenIndex;
  /** the merges as ids, flat: merge r joins mergePairs[2r] and mergePairs[2r + 1] */
  mergePairs: Int32Array;
}

/** A tokenizer.json with its vocabulary and merges read apart from the rest. */
export interface ScannedTokenizerJson {
  sections: BpeSections;
  /**
   * The document with `{}` for model.vocab and `[]` for model.merges: small, for JSON.parse (which
   * validates everything the scan skipped).
   */
  rest: string;
}

/**
 * Reads model.vocab and model.merges of a tokenizer.json without JSON.parse, which for a large
 * vocabulary (Gemma 3: 262k tokens, 514k merges, 33 MB) spends most of the load building objects
 * that are read once. Returns undefined for anything it does not expect (a duplicate key, token or
 * id, an id that is not a small integer, a merge of another shape or of a token not in the
 * vocabulary, a structure it cannot follow): the caller then parses the whole document, so the
 * tables and every error message are the JSON.parse path's.
 */
export function scanBpeSections(text: string): ScannedTokenizerJson | undefined {
  const cursor = new JsonCursor(text);
  let model: ModelSections | undefined;
  if (!cursor.take(CHAR.openObject) || cursor.take(CHAR.closeObject)) return undefined;
  do {
    const key = cursor.string();
    if (key === undefined || !cursor.take(CHAR.colon)) return undefined;
    if (key === 'model') {
      if (model) return undefined;
      model = readModelSections(cursor);
      if (!model) return undefined;
    } else if (!cursor.skipValue()) return undefined;
  } while (cursor.take(CHAR.comma));
  if (!model || !cursor.take(CHAR.closeObject)) return undefined;
  const { vocabSpan, mergesSpan } = model;
  const [first, second] = vocabSpan[0] < mergesSpan[0] ? [vocabSpan, mergesSpan] : [mergesSpan, vocabSpan];
  const placeholder = (span: Span) => (span === vocabSpan ? '{}' : '[]');
  const rest = text.slice(0, first[0]) + placeholder(first) + text.slice(first[1], second[0]) + placeholder(second) + text.slice(second[1]);
  return { sections: model.sections, rest };
}

/** [start, end) of a value in the text */
type Span = [number, number];

interface ModelSections {
  sections: BpeSections;
  vocabSpan: Span;
  mergesSpan: Span;
}

/** The `model` object: its vocab and merges read, its other members skipped. */
function readModelSections(cursor: JsonCursor): ModelSections | undefined {
  if (!cursor.take(CHAR.openObject) || cursor.take(CHAR.closeObject)) return undefined;
  let vocab: { tokens: string[]; index: TokenIndex } | undefined;
  let vocabSpan: Span | undefined;
  let mergePairs: Int32Array | undefined;
  let mergesSpan: Span | undefined;
  do {
    const key = cursor.string();
    if (key === undefined || !cursor.take(CHAR.colon)) return undefined;
    cursor.skipWhitespace();
    const start = cursor.pos;
    if (key === 'vocab') {
      if (vocab) return undefined;
      vocab = readVocab(cursor);
      if (!vocab) return undefined;
      vocabSpan = [start, cursor.pos];
    } else if (key === 'merges') {
      if (mergesSpan) return undefined;
      // merges before the vocabulary (not how tokenizers writes them): skipped, read below
      if (vocab) {
        mergePairs = readMerges(cursor, vocab.index);
        if (!mergePairs) return undefined;
      } else if (!cursor.skipValue()) return undefined;
      mergesSpan = [start, cursor.pos];
    } else if (!cursor.skipValue()) return undefined;
  } while (cursor.take(CHAR.comma));
  if (!cursor.take(CHAR.closeObject) || !vocab || !vocabSpan || !mergesSpan) return undefined;
  if (!mergePairs) {
    const end = cursor.pos;
    cursor.pos = mergesSpan[0];
    mergePairs = readMerges(cursor, vocab.index);
    if (!mergePairs || cursor.pos !== mergesSpan[1]) return undefined;
    cursor.pos = end;
  }
  return { sections: { ...vocab, mergePairs }, vocabSpan, mergesSpan };
}

/** `{"token": id, …}` with distinct tokens and distinct small integer ids. */
function readVocab(cursor: JsonCursor): { tokens: string[]; index: TokenIndex } | undefined {
  if (!cursor.take(CHAR.openObject)) return undefined;
  const tokens: string[] = [];
  if (!cursor.take(CHAR.closeObject)) {
    do {
      const token = cursor.string();
      if (token === undefined || !cursor.take(CHAR.colon)) return undefined;
      const id = cursor.smallInteger();
      if (id < 0 || tokens[id] !== undefined) return undefined;
      tokens[id] = token;
    } while (cursor.take(CHAR.comma));
    if (!cursor.take(CHAR.closeObject)) return undefined;
  }
  const index = new TokenIndex(tokens);
  return index.hasDuplicate ? undefined : { tokens, index };
}

/**
 * `[["a", "b"], …]` or `["a b", …]` (exactly one space, not first) as pairs of ids. A side that is
 * plain text (no escape) is looked up as a span of the document, without making a string.
 */
function readMerges(cursor: JsonCursor, index: TokenIndex): Int32Array | undefined {
  if (!cursor.take(CHAR.openArray)) return undefined;
  const text = cursor.text;
  let pairs = new Int32Array(1 << 16);
  let n = 0;
  if (!cursor.take(CHAR.closeArray)) {
    do {
      if (n + 2 > pairs.length) {
        const grown = new Int32Array(pairs.length * 2);
        grown.set(pairs);
        pairs = grown;
      }
      let left: number, right: number;
      if (cursor.take(CHAR.openArray)) {
        left = sideId(cursor, index);
        if (left < 0 || !cursor.take(CHAR.comma)) return undefined;
        right = sideId(cursor, index);
        if (right < 0 || !cursor.take(CHAR.closeArray)) return undefined;
      } else {
        cursor.skipWhitespace();
        const start = cursor.pos + 1;
        const end = cursor.plainStringEnd();
        if (end >= 0) {
          let space = start;
          while (space < end && text.charCodeAt(space) !== CHAR.space) space++;
          if (space === start || space === end) return undefined;
          for (let i = space + 1; i < end; i++) if (text.charCodeAt(i) === CHAR.space) return undefined;
          left = index.getSpan(text, start, space);
          right = index.getSpan(text, space + 1, end);
        } else {
          const merge = cursor.string();
          if (merge === undefined) return undefined;
          const space = merge.indexOf(' ');
          if (space <= 0 || merge.indexOf(' ', space + 1) >= 0) return undefined;
          left = index.get(merge.slice(0, space));
          right = index.get(merge.slice(space + 1));
        }
        if (left < 0 || right < 0) return undefined;
      }
      pairs[n++] = left;
      pairs[n++] = right;
    } while (cursor.take(CHAR.comma));
    if (!cursor.take(CHAR.closeArray)) return undefined;
  }
  return pairs.slice(0, n);
}

/** The id of the token a string (next in the text) names, or -1 (not a string, or not a token). */
function sideId(cursor: JsonCursor, index: TokenIndex): number {
  cursor.skipWhitespace();
  const start = cursor.pos + 1;
  const end = cursor.plainStringEnd();
  if (end >= 0) return index.getSpan(cursor.text, start, end);
  const side = cursor.string();
  return side === undefined ? -1 : index.get(side);
}
