/**
 * The sift steps of a binary heap kept in a plain array, for the BPE trainer's merge queue and the
 * domain-balanced sample's eviction heap. `higher(x, y)` says x belongs strictly above y; equal
 * entries never swap, so the order entries leave in is the same whichever caller keeps them.
 */
export type Higher<T> = (x: T, y: T) => boolean;

export function heapPush<T>(heap: T[], item: T, higher: Higher<T>): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!higher(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

/** Removes and returns the top entry (undefined when the heap is empty). */
export function heapPop<T>(heap: T[], higher: Higher<T>): T | undefined {
  if (heap.length === 0) return undefined;
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < heap.length && higher(heap[l]!, heap[best]!)) best = l;
      if (r < heap.length && higher(heap[r]!, heap[best]!)) best = r;
      if (best === i) break;
      [heap[i], heap[best]] = [heap[best]!, heap[i]!];
      i = best;
    }
  }
  return top;
}
