import { extendSpanHash, FNV_OFFSET, FNV_PRIME } from '../span-hash.js';

/**
 * Token → id for loading a BPE model's merges: an open-addressing table over typed arrays, looked
 * up by a span of the tokenizer.json text or by the join of two tokens, so that reading half a
 * million merges (Gemma 3) makes no string (no slice, no concatenation) and no Map hashes one. The
 * hash is FNV-1a over UTF-16 code units, which streams: the hash of a + b continues a's.
 */
export class TokenIndex {
  /** whether two ids have the same token (only possible for a vocabulary read from text) */
  private duplicate = false;
  private readonly tokens: readonly (string | undefined)[];
  /**
   * slot s: [2s] id (-1: empty), [2s + 1] the hash of its token, side by side so that a probe
   * touches one cache line until the hash matches (the table is larger than the CPU caches). On
   * shared memory: a worker thread gets it with the model's tables and looks tokens up without
   * building its own (a Map of Llama 3's 128k tokens took 0.1 s per thread).
   */
  readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * `tokens`: id → token, holes allowed (ids no token has, which added tokens may fill); sized by
   * the tokens there are, not the largest id (forEach skips holes, even of a sparse array).
   * `slots`: the table another thread built over the same tokens (`slots` of its index), adopted
   * as it is.
   */
  constructor(tokens: readonly (string | undefined)[], slots?: Int32Array) {
    this.tokens = tokens;
    if (slots !== undefined) {
      this.slots = slots;
      this.mask = slots.length / 2 - 1;
      return;
    }
    let count = 0;
    tokens.forEach(() => count++);
    let size = 1024;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(new SharedArrayBuffer(2 * size * Int32Array.BYTES_PER_ELEMENT)).fill(-1);
    this.mask = size - 1;
    tokens.forEach((token, id) => {
      if (token === undefined) return;
      const hash = extendSpanHash(FNV_OFFSET, token, 0, token.length);
      let s = hash & this.mask;
      for (;;) {
        const other = this.slots[2 * s]!;
        if (other < 0) break;
        if (this.slots[2 * s + 1] === hash && this.tokens[other] === token) this.duplicate = true;
        s = (s + 1) & this.mask;
      }
      this.slots[2 * s] = id;
      this.slots[2 * s + 1] = hash;
    });
  }

  get hasDuplicate(): boolean {
    return this.duplicate;
  }

  /** The id of `token`, or -1. */
  get(token: string): number {
    return this.getSpan(token, 0, token.length);
  }

  /** The id of the token text[start, end), or -1. */
  getSpan(text: string, start: number, end: number): number {
    const hash = extendSpanHash(FNV_OFFSET, text, start, end);
    const length = end - start;
    for (let s = hash & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[2 * s]!;
      if (id < 0) return -1;
      if (this.slots[2 * s + 1] !== hash) continue;
      const token = this.tokens[id]!;
      if (token.length !== length) continue;
      let i = 0;
      while (i < length && token.charCodeAt(i) === text.charCodeAt(start + i)) i++;
      if (i === length) return id;
    }
  }

  /**
   * The id of the token whose characters are `unitOf[bytes[i]]` for i < n, or -1: a piece's UTF-8
   * bytes looked up as its byte-level text (`unitOf` = each byte's character code) without making
   * that string.
   */
  getMapped(bytes: Uint8Array, n: number, unitOf: Uint16Array): number {
    let hash = FNV_OFFSET;
    for (let i = 0; i < n; i++) hash = Math.imul(hash ^ unitOf[bytes[i]!]!, FNV_PRIME);
    return this.probe(hash, n, (token) => {
      let i = 0;
      while (i < n && token.charCodeAt(i) === unitOf[bytes[i]!]) i++;
      return i === n;
    });
  }

  /**
   * The id of the first token in `hash`'s probe sequence that has `length` units and `matches`, or
   * -1. (getSpan, the loader's hot path, keeps its own copy of this loop, without the callback.)
   */
  private probe(hash: number, length: number, matches: (token: string) => boolean): number {
    for (let s = hash & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[2 * s]!;
      if (id < 0) return -1;
      if (this.slots[2 * s + 1] !== hash) continue;
      const token = this.tokens[id]!;
      if (token.length === length && matches(token)) return id;
    }
  }

  /**
   * The id of the token that is token `left` followed by token `right` less its first `skip` units
   * (`left + right.slice(skip)`), or -1.
   */
  getJoined(left: number, right: number, skip: number): number {
    const a = this.tokens[left]!;
    const b = this.tokens[right]!;
    skip = Math.min(skip, b.length);
    const hash = extendSpanHash(extendSpanHash(FNV_OFFSET, a, 0, a.length), b, skip, b.length);
    const length = a.length + b.length - skip;
    for (let s = hash & this.mask; ; s = (s + 1) & this.mask) {
      const id = this.slots[2 * s]!;
      if (id < 0) return -1;
      if (this.slots[2 * s + 1] !== hash) continue;
      const token = this.tokens[id]!;
      if (token.length !== length || !token.startsWith(a)) continue;
      let i = a.length;
      while (i < length && token.charCodeAt(i) === b.charCodeAt(i - a.length + skip)) i++;
      if (i === length) return id;
    }
  }
}
