import { heapPop, heapPush } from './binary-heap.js';

/**
 * The trainer's priority queue of candidate merges: a binary max-heap ordered by count, ties broken
 * by the smaller pair (first id, then second id), exactly the order of the Rust trainer's `Merge`.
 * Entries may be stale (their count out of date); the trainer re-checks each popped entry.
 */
export interface MergeCandidate {
  count: number;
  left: number;
  right: number;
  /** indices of words that contain (or contained) the pair */
  words: Int32Array;
}

function above(x: MergeCandidate, y: MergeCandidate): boolean {
  if (x.count !== y.count) return x.count > y.count;
  if (x.left !== y.left) return x.left < y.left;
  return x.right < y.right;
}

export class PairHeap {
  private readonly items: MergeCandidate[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: MergeCandidate): void {
    heapPush(this.items, item, above);
  }

  pop(): MergeCandidate | undefined {
    return heapPop(this.items, above);
  }
}
