import { BYTE_TO_CHAR, fromByteLevel } from './byte-level.js';
import { PairRankTable } from './pair-rank-table.js';
import { PieceCache } from './piece-cache.js';
import { PieceScanner } from './piece-scanner.js';
import { PreTokenizer } from './pre-tokenizer.js';
import { parseTokenizerJson, type LoadedTokenizer } from './tokenizer-json.js';

/** Pieces up to this many bytes use the simple scan; longer ones the heap (no quadratic blow-up). */
const SCAN_LIMIT = 48;

/**
 * Encodes text with a byte-level BPE `tokenizer.json`, giving the ids the Hugging Face libraries
 * give (checked on real data by tests/interop). Document text is taken literally: a special token's
 * text inside a document is encoded as ordinary bytes, never as the special id (like tiktoken's
 * `encode_ordinary`, and `tokenizers` with `encode_special_tokens = True`), so data cannot inject
 * control tokens.
 *
 * Speed comes from a pre-token cache: natural text repeats its words, so most pieces are looked up,
 * not merged. Merging follows `tokenizers`' `Word::merge_all`: repeatedly merge the adjacent pair
 * with the lowest merge rank, leftmost first.
 */
export class BpeEncoder {
  readonly vocabSize: number;
  readonly hash: string;
  private readonly preTokenizer: PreTokenizer;
  /** the fast path for our own patterns (see piece-scanner.ts) */
  private readonly scanner: PieceScanner | undefined;
  private ends = new Int32Array(1024);
  private readonly pieces = new PieceCache();
  private readonly vocab: string[];
  private readonly specials: Map<string, number>;
  /** (left id, right id) → merge rank */
  private readonly ranks: PairRankTable;
  /** rank → id of the merged token */
  private readonly mergedId: Int32Array;
  private readonly byteId = new Int32Array(256);
  private readonly utf8 = new TextEncoder();
  private scratch = new Uint8Array(1024);
  private out = new Uint32Array(4096);
  /** id → its bytes (decode) */
  private tokenBytes: Uint8Array[] | undefined;

  constructor(tokenizer: LoadedTokenizer) {
    this.vocab = tokenizer.vocab;
    this.vocabSize = tokenizer.vocab.length;
    this.hash = tokenizer.hash;
    this.specials = tokenizer.specialTokens;
    this.preTokenizer = new PreTokenizer(tokenizer.pattern);
    this.scanner = PieceScanner.forPattern(tokenizer.pattern);
    const ids = new Map<string, number>();
    tokenizer.vocab.forEach((t, i) => {
      if (!this.specials.has(t) || this.specials.get(t) !== i) ids.set(t, i);
    });
    for (let b = 0; b < 256; b++) {
      const id = ids.get(BYTE_TO_CHAR[b]!);
      if (id === undefined) throw new Error(`tokenizer has no token for byte ${b} (${JSON.stringify(BYTE_TO_CHAR[b])}); every byte must be encodable`);
      this.byteId[b] = id;
    }
    this.mergedId = new Int32Array(tokenizer.merges.length);
    this.ranks = new PairRankTable(tokenizer.merges.length);
    tokenizer.merges.forEach(([left, right], rank) => {
      const l = ids.get(left);
      const r = ids.get(right);
      const m = ids.get(left + right);
      if (l === undefined || r === undefined || m === undefined) throw new Error(`merge ${rank} (${left} ${right}) names a token not in the vocabulary`);
      // A pair listed twice keeps its last rank, as the Rust model's map does on load.
      this.ranks.set(l, r, rank);
      this.mergedId[rank] = m;
    });
  }

  static fromJson(text: string, source = 'tokenizer.json'): BpeEncoder {
    return new BpeEncoder(parseTokenizerJson(text, source));
  }

  /** The special token with the smallest id (our EOS, `<|endoftext|>`), or undefined when there is none. */
  firstSpecialToken(): string | undefined {
    let best: [string, number] | undefined;
    for (const entry of this.specials) if (!best || entry[1] < best[1]) best = entry;
    return best?.[0];
  }

  /** id of a special token, or undefined */
  specialId(content: string): number | undefined {
    return this.specials.get(content);
  }

  /** The ids of `text` (a fresh array). */
  encode(text: string): Uint32Array {
    return this.encodeInto(text, 0).slice();
  }

  /**
   * Encodes `text` into the internal buffer after `extra` reserved slots; returns a view of
   * [0, extra + n) that is valid until the next call (the caller fills the reserved slots or
   * appends after). Avoids one allocation per document on the hot path.
   */
  encodeInto(text: string, extra: number, append?: number): Uint32Array {
    let n = extra;
    const cache = this.pieces;
    if (this.scanner) {
      if (this.ends.length < text.length + 1) this.ends = new Int32Array(text.length + 1);
      const ends = this.ends;
      const count = this.scanner.scan(text, ends);
      let start = 0;
      const byteId = this.byteId;
      for (let p = 0; p < count; p++) {
        const end = ends[p]!;
        if (end - start === 1) {
          // one ASCII character (a space, a newline, punctuation): its byte's token, no lookup
          const c = text.charCodeAt(start);
          if (c < 0x80) {
            if (n + 2 > this.out.length) this.grow(n + 2);
            this.out[n++] = byteId[c]!;
            start = end;
            continue;
          }
        }
        let hash = 0x811c9dc5;
        for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
        hash >>>= 0;
        let e = cache.find(text, start, end, hash);
        if (e < 0) {
          const piece = text.slice(start, end);
          e = cache.add(piece, hash, this.bpe(piece));
        }
        const len = cache.length(e);
        if (n + len + 1 > this.out.length) this.grow(n + len + 1);
        n += cache.copy(e, this.out, n);
        start = end;
      }
    } else {
      let at = 0;
      this.preTokenizer.forEachPiece(text, (piece) => {
        const hash = PieceCache.hash(text, at, at + piece.length);
        let e = cache.find(text, at, at + piece.length, hash);
        if (e < 0) e = cache.add(piece, hash, this.bpe(piece));
        if (n + cache.length(e) + 1 > this.out.length) this.grow(n + cache.length(e) + 1);
        n += cache.copy(e, this.out, n);
        at += piece.length;
      });
    }
    if (append !== undefined) {
      if (n + 1 > this.out.length) this.grow(n + 1);
      this.out[n++] = append;
    }
    return this.out.subarray(0, n);
  }

  private grow(needed: number): void {
    const grown = new Uint32Array(Math.max(this.out.length * 2, needed));
    grown.set(this.out);
    this.out = grown;
  }

  /** The text of `ids` (invalid UTF-8 across token boundaries decodes to U+FFFD, as in `tokenizers`). */
  decode(ids: ArrayLike<number>): string {
    this.tokenBytes ??= this.vocab.map((t, id) => (this.specials.get(t) === id ? this.utf8.encode(t) : fromByteLevel(t)));
    let total = 0;
    for (let i = 0; i < ids.length; i++) total += this.tokenBytesOf(ids[i]!).length;
    const bytes = new Uint8Array(total);
    let at = 0;
    for (let i = 0; i < ids.length; i++) {
      const b = this.tokenBytesOf(ids[i]!);
      bytes.set(b, at);
      at += b.length;
    }
    return new TextDecoder().decode(bytes);
  }

  private tokenBytesOf(id: number): Uint8Array {
    const b = this.tokenBytes![id];
    if (b === undefined) throw new Error(`decode: id ${id} is not in the vocabulary (size ${this.vocabSize})`);
    return b;
  }

  /** BPE of one piece. */
  private bpe(piece: string): Uint32Array {
    if (this.scratch.length < piece.length * 3) this.scratch = new Uint8Array(piece.length * 3);
    const n = this.utf8.encodeInto(piece, this.scratch).written;
    const syms = new Uint32Array(n);
    for (let i = 0; i < n; i++) syms[i] = this.byteId[this.scratch[i]!]!;
    if (n <= 1) return syms;
    return n <= SCAN_LIMIT ? this.mergeByScan(syms) : this.mergeByHeap(syms);
  }

  private mergeByScan(syms: Uint32Array): Uint32Array {
    let n = syms.length;
    // ranks[i]: merge rank of (syms[i], syms[i + 1]), or NONE; only the two neighbours of a merge change
    const NONE = 0x7fffffff;
    const ranks = new Int32Array(n - 1);
    for (let i = 0; i + 1 < n; i++) {
      const r = this.ranks.get(syms[i]!, syms[i + 1]!);
      ranks[i] = r < 0 ? NONE : r;
    }
    for (;;) {
      let bestRank = NONE;
      let bestAt = -1;
      for (let i = 0; i + 1 < n; i++) {
        if (ranks[i]! < bestRank) {
          bestRank = ranks[i]!;
          bestAt = i;
        }
      }
      if (bestAt < 0) break;
      syms[bestAt] = this.mergedId[bestRank]!;
      syms.copyWithin(bestAt + 1, bestAt + 2, n);
      ranks.copyWithin(bestAt, bestAt + 1, n - 1);
      n--;
      if (bestAt > 0) {
        const r = this.ranks.get(syms[bestAt - 1]!, syms[bestAt]!);
        ranks[bestAt - 1] = r < 0 ? NONE : r;
      }
      if (bestAt + 1 < n) {
        const r = this.ranks.get(syms[bestAt]!, syms[bestAt + 1]!);
        ranks[bestAt] = r < 0 ? NONE : r;
      }
    }
    return syms.slice(0, n);
  }

  /**
   * The same merge order with a linked list and a min-heap of (rank, position), O(n log n): for
   * long pieces (runs of spaces, long words, minified data) where the scan would be quadratic.
   */
  private mergeByHeap(syms: Uint32Array): Uint32Array {
    const n = syms.length;
    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    const alive = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    // heap entries: rank * 2^31 + position (both exact in a double)
    const heap: number[] = [];
    const POS = 2 ** 31;
    const push = (v: number) => {
      heap.push(v);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heap[p]! <= v) break;
        heap[i] = heap[p]!;
        i = p;
      }
      heap[i] = v;
    };
    const pop = (): number => {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= heap.length) break;
          const r = l + 1;
          const c = r < heap.length && heap[r]! < heap[l]! ? r : l;
          if (heap[c]! >= last) break;
          heap[i] = heap[c]!;
          i = c;
        }
        heap[i] = last;
      }
      return top;
    };
    const consider = (i: number) => {
      const j = next[i]!;
      if (j < 0) return;
      const r = this.ranks.get(syms[i]!, syms[j]!);
      if (r >= 0) push(r * POS + i);
    };
    for (let i = 0; i + 1 < n; i++) consider(i);
    while (heap.length > 0) {
      const v = pop();
      const rank = Math.floor(v / POS);
      const i = v - rank * POS;
      if (!alive[i]) continue;
      const j = next[i]!;
      if (j < 0) continue;
      // Stale entry: the pair at i is no longer the one this rank merges.
      if (this.ranks.get(syms[i]!, syms[j]!) !== rank) continue;
      syms[i] = this.mergedId[rank]!;
      alive[j] = 0;
      next[i] = next[j]!;
      if (next[j]! >= 0) prev[next[j]!] = i;
      if (prev[i]! >= 0) consider(prev[i]!);
      consider(i);
    }
    const out: number[] = [];
    for (let i = 0; i >= 0 && i < n; i = next[i]!) out.push(syms[i]!);
    return Uint32Array.from(out);
  }
}
