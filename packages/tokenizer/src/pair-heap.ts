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
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!above(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }

  pop(): MergeCandidate | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < a.length && above(a[l]!, a[best]!)) best = l;
        if (r < a.length && above(a[r]!, a[best]!)) best = r;
        if (best === i) break;
        [a[i], a[best]] = [a[best]!, a[i]!];
        i = best;
      }
    }
    return top;
  }
}
