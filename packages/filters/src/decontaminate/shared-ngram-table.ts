/**
 * An open-addressing hash set of 64-bit n-gram keys, each with where it came from (a part: one
 * text field of one benchmark item, and the word position in it), laid out in one
 * SharedArrayBuffer: four uint32 per slot (key high half, key low half, part + 1 with 0 marking an
 * empty slot, word position), linear probing, at most half full.
 *
 * Why a SharedArrayBuffer: the pipeline builds the table once in the main thread and hands it to
 * every worker thread inside the task plan (`workerData`). Structured cloning copies ordinary
 * objects per thread, but a SharedArrayBuffer crosses by reference, so N workers read one copy of
 * the memory. The table is written only before it is shared and only read afterwards, so no locks.
 */
export interface SharedNgramTableData {
  readonly buffer: SharedArrayBuffer;
  /** Slots in the table (a power of two). */
  readonly slots: number;
  /** Keys stored. */
  readonly size: number;
}

const STRIDE = 4;

export class SharedNgramTable {
  private readonly cells: Uint32Array;
  private readonly mask: number;
  private count: number;

  private constructor(readonly data: SharedNgramTableData) {
    this.cells = new Uint32Array(data.buffer);
    this.mask = data.slots - 1;
    this.count = data.size;
  }

  /** An empty table with room for `expectedKeys` keys at load factor ≤ 0.5. */
  static create(expectedKeys: number): SharedNgramTable {
    let slots = 1024;
    while (slots < expectedKeys * 2) slots *= 2;
    return new SharedNgramTable({ buffer: new SharedArrayBuffer(slots * STRIDE * 4), slots, size: 0 });
  }

  /** A view on a table another thread built (no copy). */
  static attach(data: SharedNgramTableData): SharedNgramTable {
    return new SharedNgramTable(data);
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.data.buffer.byteLength;
  }

  /** What to hand to other threads: the buffer and its shape. */
  share(): SharedNgramTableData {
    return { buffer: this.data.buffer, slots: this.data.slots, size: this.count };
  }

  /** Adds a key found at `position` of `part`; a key already present keeps its first place. Returns false when it was present. */
  add(k1: number, k2: number, part: number, position: number): boolean {
    if ((this.count + 1) * 2 > this.data.slots) throw new Error('n-gram table is full (sized for fewer keys)');
    const c = this.cells;
    for (let slot = k1 & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * STRIDE;
      if (c[at + 2] === 0) {
        c[at] = k1;
        c[at + 1] = k2;
        c[at + 2] = part + 1;
        c[at + 3] = position;
        this.count++;
        return true;
      }
      if (c[at] === k1 && c[at + 1] === k2) return false;
    }
  }

  /** The slot holding a key (read its place with partAt / positionAt), or -1. */
  find(k1: number, k2: number): number {
    const c = this.cells;
    for (let slot = k1 & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * STRIDE;
      if (c[at + 2] === 0) return -1;
      if (c[at] === k1 && c[at + 1] === k2) return slot;
    }
  }

  partAt(slot: number): number {
    return this.cells[slot * STRIDE + 2]! - 1;
  }

  positionAt(slot: number): number {
    return this.cells[slot * STRIDE + 3]!;
  }
}
