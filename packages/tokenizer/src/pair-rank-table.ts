/**
 * Merge ranks by pair of ids, for the encoder's inner loop: an open-addressing hash table over typed
 * arrays (no boxed keys, no Map overhead), built once per tokenizer.
 */
export class PairRankTable {
  private readonly lefts: Int32Array;
  private readonly rights: Int32Array;
  private readonly ranks: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.lefts = new Int32Array(size).fill(-1);
    this.rights = new Int32Array(size);
    this.ranks = new Int32Array(size);
    this.mask = size - 1;
  }

  private static slot(left: number, right: number): number {
    return Math.imul(left * 0x9e3779b1 + right, 0x85ebca6b) >>> 0;
  }

  /** Sets (or overwrites) the rank of (left, right). */
  set(left: number, right: number, rank: number): void {
    let s = PairRankTable.slot(left, right) & this.mask;
    while (this.lefts[s] !== -1 && (this.lefts[s] !== left || this.rights[s] !== right)) s = (s + 1) & this.mask;
    this.lefts[s] = left;
    this.rights[s] = right;
    this.ranks[s] = rank;
  }

  /** The rank of (left, right), or -1 when they do not merge. */
  get(left: number, right: number): number {
    let s = PairRankTable.slot(left, right) & this.mask;
    for (;;) {
      const l = this.lefts[s]!;
      if (l === -1) return -1;
      if (l === left && this.rights[s] === right) return this.ranks[s]!;
      s = (s + 1) & this.mask;
    }
  }
}
