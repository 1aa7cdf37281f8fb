import { extendSpanHash, FNV_OFFSET } from './span-hash.js';
/**
 * The encoder's pre-token cache: piece text → token ids, looked up straight from a span of the
 * document (no substring is made for a hit, which is most pieces of natural text). Open addressing
 * over a power-of-two table; keys are kept as strings to compare against the span. Cleared when full,
 * so memory stays bounded whatever the input.
 */
export class PieceCache {
  private slots: Int32Array;
  private mask: number;
  private keys: string[] = [];
  private hashes: number[] = [];
  private offsets: number[] = [];
  private lengths: number[] = [];
  private pool = new Uint32Array(1 << 16);
  private used = 0;

  constructor(private readonly maxEntries = 1 << 19) {
    this.slots = new Int32Array(nextPowerOfTwo(maxEntries * 2)).fill(-1);
    this.mask = this.slots.length - 1;
  }

  /** The cache key of text[start, end): its FNV-1a (span-hash.ts), unsigned. */
  static hash(text: string, start: number, end: number): number {
    return extendSpanHash(FNV_OFFSET, text, start, end) >>> 0;
  }

  /** Entry index of text[start, end), or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const len = end - start;
    let slot = hash & this.mask;
    for (;;) {
      const e = this.slots[slot]!;
      if (e < 0) return -1;
      if (this.hashes[e] === hash) {
        const key = this.keys[e]!;
        if (key.length === len) {
          let i = 0;
          while (i < len && key.charCodeAt(i) === text.charCodeAt(start + i)) i++;
          if (i === len) return e;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds a piece (not present) with its ids; returns its entry index. */
  add(key: string, hash: number, ids: Uint32Array): number {
    if (this.keys.length >= this.maxEntries) this.clear();
    if (this.used + ids.length > this.pool.length) {
      const grown = new Uint32Array(Math.max(this.pool.length * 2, this.used + ids.length));
      grown.set(this.pool.subarray(0, this.used));
      this.pool = grown;
    }
    const e = this.keys.length;
    this.keys.push(key);
    this.hashes.push(hash);
    this.offsets.push(this.used);
    this.lengths.push(ids.length);
    this.pool.set(ids, this.used);
    this.used += ids.length;
    let slot = hash & this.mask;
    while (this.slots[slot]! >= 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = e;
    return e;
  }

  /** Copies entry e's ids into out at `at`; returns the count. */
  copy(e: number, out: Uint32Array, at: number): number {
    const off = this.offsets[e]!;
    const len = this.lengths[e]!;
    if (len === 1) out[at] = this.pool[off]!;
    else out.set(this.pool.subarray(off, off + len), at);
    return len;
  }

  length(e: number): number {
    return this.lengths[e]!;
  }

  clear(): void {
    this.slots.fill(-1);
    this.keys = [];
    this.hashes = [];
    this.offsets = [];
    this.lengths = [];
    this.used = 0;
    if (this.pool.length > 1 << 22) this.pool = new Uint32Array(1 << 16);
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
