/**
 * Merge ranks by pair of ids, for the encoder's inner loop: an open-addressing hash table over one
 * typed array (no boxed keys, no Map overhead), built once per tokenizer. Each slot keeps left,
 * right and rank side by side, so a probe touches one cache line: with half a million merges
 * (Gemma 3) the table is far larger than the CPU caches, and misses dominate BPE of long pieces.
 */
export class PairRankTable {
  /** slot s: [3s] left (-1: empty), [3s + 1] right, [3s + 2] rank */
  readonly slots: Int32Array;
  private readonly mask: number;

  /** An empty table for `capacity` pairs, or (an Int32Array) the slots of a built one. */
  constructor(capacity: number | Int32Array) {
    if (typeof capacity === 'number') {
      let size = 16;
      while (size < capacity * 2) size *= 2;
      this.slots = new Int32Array(new SharedArrayBuffer(size * 3 * Int32Array.BYTES_PER_ELEMENT)).fill(-1);
    } else this.slots = capacity;
    this.mask = this.slots.length / 3 - 1;
  }

  /** The table whose slots another PairRankTable built (e.g. in another thread). */
  static over(slots: Int32Array): PairRankTable {
    return new PairRankTable(slots);
  }

  private static slot(left: number, right: number): number {
    return Math.imul(left * 0x9e3779b1 + right, 0x85ebca6b) >>> 0;
  }

  /** Sets (or overwrites) the rank of (left, right). */
  set(left: number, right: number, rank: number): void {
    const slots = this.slots;
    let s = PairRankTable.slot(left, right) & this.mask;
    while (slots[3 * s] !== -1 && (slots[3 * s] !== left || slots[3 * s + 1] !== right)) s = (s + 1) & this.mask;
    slots[3 * s] = left;
    slots[3 * s + 1] = right;
    slots[3 * s + 2] = rank;
  }

  /** The rank of (left, right), or -1 when they do not merge. */
  get(left: number, right: number): number {
    const slots = this.slots;
    let s = PairRankTable.slot(left, right) & this.mask;
    for (;;) {
      const at = 3 * s;
      const l = slots[at]!;
      if (l === -1) return -1;
      if (l === left && slots[at + 1] === right) return slots[at + 2]!;
      s = (s + 1) & this.mask;
    }
  }
}
