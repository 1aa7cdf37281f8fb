import { firstSpanOf, type Segment } from './hf/added-vocabulary.js';
import { PieceCache } from './piece-cache.js';
import { FNV_OFFSET, FNV_PRIME } from './span-hash.js';
import { parseTokenizerJson, type LoadedTokenizer } from './tokenizer-json.js';

/** Pieces longer than this are encoded without the cache (whole SentencePiece-style segments). */
const CACHED_PIECE_LIMIT = 256;
const SPACE = 0x20;

export interface EncodeOptions {
  /** add what the post-processor puts around a sequence (BOS, `<s> … </s>`); default false */
  addSpecialTokens?: boolean;
  /**
   * take special tokens in the text as plain text (default true): `tokenizers` with
   * `encode_special_tokens = True`, tiktoken's `encode_ordinary`, so documents cannot inject
   * control tokens. Non-special added tokens are always matched, as in `tokenizers`.
   */
  specialTokensAsText?: boolean;
}

/**
 * Encodes text with a Hugging Face BPE `tokenizer.json`, giving the ids `tokenizers` gives (checked
 * on real data by tests/interop): the added vocabulary, normalizer, pre-tokenizer, model and
 * post-processor of hf/tokenizer-parts.ts, run in that order.
 *
 * Speed comes from a pre-token cache (natural text repeats its words, so most pieces are looked up,
 * not merged) and, for GPT-4/Llama-3-style patterns, the hand-written scanner of piece-scanner.ts
 * instead of the regex, reading pieces as spans of the text without making substrings.
 */
export class BpeEncoder {
  readonly vocabSize: number;
  readonly hash: string;
  readonly tokenizer: LoadedTokenizer;
  private ends = new Int32Array(1024);
  private readonly pieces = new PieceCache();
  private out = new Uint32Array(4096);
  private n = 0;
  /**
   * The normalizer's mark when it only marks spaces (Normalizer.spaceMark) and the model cuts text
   * before that mark with no pre-tokenizer (Llama 2, Mistral, Gemma): text is then encoded as given
   * ({@link encodeSpaceMarked}), which saves the normalized copy of every document (14 % of Llama 2's
   * encoding time on one thread).
   */
  private readonly spaceMark: { mark: string; prepend: boolean } | undefined;

  constructor(tokenizer: LoadedTokenizer) {
    this.tokenizer = tokenizer;
    this.vocabSize = tokenizer.vocab.length;
    this.hash = tokenizer.hash;
    const { normalizer, preTokenizer, model } = tokenizer;
    const spaceMark = normalizer?.spaceMark;
    if (spaceMark && !preTokenizer.scanner && !preTokenizer.preTokenizer && model.wordStart?.mark === spaceMark.mark.charCodeAt(0))
      this.spaceMark = spaceMark;
  }

  static fromJson(text: string, source = 'tokenizer.json'): BpeEncoder {
    return new BpeEncoder(parseTokenizerJson(text, source));
  }

  /** The special token with the smallest id, or undefined when there is none. */
  firstSpecialToken(): string | undefined {
    let best: [string, number] | undefined;
    for (const entry of this.tokenizer.specialTokens) if (!best || entry[1] < best[1]) best = entry;
    return best?.[0];
  }

  /** id of a special token, or undefined */
  specialId(content: string): number | undefined {
    return this.tokenizer.specialTokens.get(content);
  }

  /** The ids of `text` (a fresh array). */
  encode(text: string, options: EncodeOptions = {}): Uint32Array {
    const post = options.addSpecialTokens ? this.tokenizer.postProcessor : { prefix: [], suffix: [] };
    return this.encodeInto(text, post.prefix, post.suffix, options.specialTokensAsText ?? true).slice();
  }

  /**
   * Encodes `prefix`, then `text`, then `suffix` into the internal buffer; returns a view that is
   * valid until the next call. Avoids one allocation per document on the hot path.
   */
  encodeInto(text: string, prefix: ArrayLike<number> = [], suffix: ArrayLike<number> = [], specialTokensAsText = true): Uint32Array {
    this.n = 0;
    this.push(prefix);
    const { addedVocabulary, normalizer } = this.tokenizer;
    if (addedVocabulary.tokens.length === 0 || (specialTokensAsText && !addedVocabulary.hasNonSpecial)) {
      if (this.spaceMark) this.encodeSpaceMarked(text, this.spaceMark);
      else this.encodeText(normalizer ? normalizer.normalize(text) : text, firstSpanOf(text, normalizer));
    } else if (this.spaceMark && addedVocabulary.onlyRawMatches(specialTokensAsText)) {
      // Gemma: its newline, tab and ▁-run tokens are found in the raw text, which is marked as read
      for (const s of addedVocabulary.rawSegments(text, specialTokensAsText)) {
        if ('id' in s) this.push([s.id]);
        else this.encodeSpaceMarked(s.text, this.spaceMark);
      }
    } else {
      for (const s of addedVocabulary.segments(text, normalizer, specialTokensAsText) as Segment[]) {
        if ('id' in s) this.push([s.id]);
        else this.encodeText(s.text, s.firstSpan);
      }
    }
    this.push(suffix);
    return this.out.subarray(0, this.n);
  }

  private push(ids: ArrayLike<number>): void {
    if (this.n + ids.length > this.out.length) this.grow(this.n + ids.length);
    for (let i = 0; i < ids.length; i++) this.out[this.n++] = ids[i]!;
  }

  private grow(needed: number): void {
    const grown = new Uint32Array(Math.max(this.out.length * 2, needed));
    grown.set(this.out);
    this.out = grown;
  }

  /** Pre-tokenizes and encodes one normalized stretch of text (no added tokens in it). */
  private encodeText(text: string, firstSpan: number): void {
    const { preTokenizer, model } = this.tokenizer;
    const cache = this.pieces;
    if (preTokenizer.scanner) {
      if (this.ends.length < text.length + 1) this.ends = new Int32Array(text.length + 1);
      const ends = this.ends;
      const count = preTokenizer.scanner.scan(text, ends);
      let start = 0;
      for (let p = 0; p < count; p++) {
        const end = ends[p]!;
        if (end - start === 1) {
          // one ASCII character (a space, a newline, punctuation): its byte's token, no lookup
          const c = text.charCodeAt(start);
          const id = c < 0x80 ? model.byteId(c) : -1;
          if (id >= 0) {
            if (this.n + 1 > this.out.length) this.grow(this.n + 1);
            this.out[this.n++] = id;
            start = end;
            continue;
          }
        }
        const hash = PieceCache.hash(text, start, end);
        let e = cache.find(text, start, end, hash);
        if (e < 0) {
          const piece = text.slice(start, end);
          e = cache.add(piece, hash, model.tokenize(piece));
        }
        const len = cache.length(e);
        if (this.n + len > this.out.length) this.grow(this.n + len);
        this.n += cache.copy(e, this.out, this.n);
        start = end;
      }
      return;
    }
    const pieces = preTokenizer.preTokenizer
      ? preTokenizer.preTokenizer.preTokenize([{ text, start: 0 }], firstSpan).map((p) => p.text)
      : text.length > 0
        ? [text]
        : [];
    const cut = model.wordStart;
    for (const piece of pieces) {
      if (piece.length === 0) continue;
      if (!cut) {
        this.encodeSpan(piece, 0, piece.length);
        continue;
      }
      // cut before each run of ▁ and between ASCII characters where no merge crosses (the model's
      // wordStart, hf/word-start.ts)
      // (the span's cache hash, PieceCache.hash, is computed on the way: one pass over the text)
      const { mark, unsafeBefore, asciiCuts } = cut;
      let start = 0;
      let before = piece.charCodeAt(0);
      let hash = Math.imul(FNV_OFFSET ^ before, FNV_PRIME);
      for (let i = 1; i < piece.length; i++) {
        const c = piece.charCodeAt(i);
        if (c === mark ? before !== mark && !unsafeBefore.has(before) : (c | before) < 0x80 && asciiCuts[(before << 7) | c] === 1) {
          this.encodeSpan(piece, start, i, hash >>> 0);
          start = i;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ c, FNV_PRIME);
        before = c;
      }
      this.encodeSpan(piece, start, piece.length, hash >>> 0);
    }
  }

  /**
   * encodeText(normalizer.normalize(text)) for a space-marking normalizer ({@link spaceMark}),
   * reading the text as given: a space reads as the mark for the cuts, and the cache keys are spans
   * of `text` itself (the first one with the prepended mark in front), normalized only when a span
   * misses the cache. A key maps to the ids of its normalized form whichever path added it, so the
   * ids are encodeText's (tested on random text against the normalizing path).
   */
  private encodeSpaceMarked(text: string, spaceMark: { mark: string; prepend: boolean }): void {
    const n = text.length;
    if (n === 0) return;
    const { mark, unsafeBefore, asciiCuts } = this.tokenizer.model.wordStart!;
    // the normalized text is [mark] + text with spaces as marks; `before` is its character before text[i]
    let first = spaceMark.prepend; // the span being read starts with the prepended mark
    let before = first ? mark : text.charCodeAt(0) === SPACE ? mark : text.charCodeAt(0);
    let hash = Math.imul(FNV_OFFSET ^ (first ? mark : text.charCodeAt(0)), FNV_PRIME);
    let start = 0;
    for (let i = first ? 0 : 1; i < n; i++) {
      const raw = text.charCodeAt(i);
      const c = raw === SPACE ? mark : raw;
      if (c === mark ? before !== mark && !unsafeBefore.has(before) : (c | before) < 0x80 && asciiCuts[(before << 7) | c] === 1) {
        if (first) this.encodeSpan(spaceMark.mark + text.slice(0, i), 0, i + 1, hash >>> 0, spaceMark.mark);
        else this.encodeSpan(text, start, i, hash >>> 0, spaceMark.mark);
        first = false;
        start = i;
        hash = FNV_OFFSET;
      }
      hash = Math.imul(hash ^ raw, FNV_PRIME);
      before = c;
    }
    if (first) this.encodeSpan(spaceMark.mark + text, 0, n + 1, hash >>> 0, spaceMark.mark);
    else this.encodeSpan(text, start, n, hash >>> 0, spaceMark.mark);
  }

  /**
   * The model's ids of text[start, end) (whose PieceCache.hash is `hash`), through the cache unless
   * the span is long; with `spaceMark`, spaces in it are read as that mark (encodeSpaceMarked).
   */
  private encodeSpan(text: string, start: number, end: number, hash = PieceCache.hash(text, start, end), spaceMark?: string): void {
    const { model } = this.tokenizer;
    if (end - start > CACHED_PIECE_LIMIT) {
      const piece = text.slice(start, end);
      this.push(model.tokenize(spaceMark ? piece.replaceAll(' ', spaceMark) : piece));
      return;
    }
    const cache = this.pieces;
    let e = cache.find(text, start, end, hash);
    if (e < 0) {
      const piece = text.slice(start, end);
      e = cache.add(piece, hash, model.tokenize(spaceMark ? piece.replaceAll(' ', spaceMark) : piece));
    }
    const len = cache.length(e);
    if (this.n + len > this.out.length) this.grow(this.n + len);
    this.n += cache.copy(e, this.out, this.n);
  }

  /**
   * The text of `ids` through the tokenizer's decoder (tokens joined by spaces when it has none),
   * as `tokenizers`' `decode`; `skipSpecialTokens` drops special added tokens first.
   */
  decode(ids: ArrayLike<number>, options: { skipSpecialTokens?: boolean } = {}): string {
    const { vocab, decodeVocab, specialTokens, decoder } = this.tokenizer;
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const token = vocab[id];
      if (token === undefined) throw new Error(`decode: id ${id} is not in the vocabulary (size ${this.vocabSize})`);
      if (options.skipSpecialTokens && specialTokens.get(token) === id) continue;
      tokens.push(decodeVocab[id]!);
    }
    return decoder ? decoder.decodeChain(tokens).join('') : tokens.join(' ');
  }
}
