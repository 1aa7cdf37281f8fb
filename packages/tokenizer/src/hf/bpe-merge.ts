import type { PairRankTable } from '../pair-rank-table.js';

/** Pieces up to this many symbols use the simple scan; longer ones the heap (no quadratic blow-up). */
const SCAN_LIMIT = 48;

/**
 * Applies BPE merges to `syms` in `tokenizers`' order (`Word::merge_all`): repeatedly merge the
 * adjacent pair with the lowest merge rank, leftmost first. `mergedId[rank]` is the id a merge makes.
 */
export function mergeSymbols(syms: Uint32Array, ranks: PairRankTable, mergedId: Int32Array): Uint32Array {
  if (syms.length <= 1) return syms;
  return syms.length <= SCAN_LIMIT ? mergeByScan(syms, ranks, mergedId) : mergeByHeap(syms, ranks, mergedId);
}

function mergeByScan(syms: Uint32Array, table: PairRankTable, mergedId: Int32Array): Uint32Array {
  let n = syms.length;
  // ranks[i]: merge rank of (syms[i], syms[i + 1]), or NONE; only the two neighbours of a merge change
  const NONE = 0x7fffffff;
  const ranks = new Int32Array(n - 1);
  for (let i = 0; i + 1 < n; i++) {
    const r = table.get(syms[i]!, syms[i + 1]!);
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
    syms[bestAt] = mergedId[bestRank]!;
    syms.copyWithin(bestAt + 1, bestAt + 2, n);
    ranks.copyWithin(bestAt, bestAt + 1, n - 1);
    n--;
    if (bestAt > 0) {
      const r = table.get(syms[bestAt - 1]!, syms[bestAt]!);
      ranks[bestAt - 1] = r < 0 ? NONE : r;
    }
    if (bestAt + 1 < n) {
      const r = table.get(syms[bestAt]!, syms[bestAt + 1]!);
      ranks[bestAt] = r < 0 ? NONE : r;
    }
  }
  return syms.slice(0, n);
}

/**
 * The same merge order with a linked list and a min-heap of (rank, position), O(n log n): for
 * long pieces (runs of spaces, long words, minified data, whole SentencePiece-style segments).
 */
function mergeByHeap(syms: Uint32Array, table: PairRankTable, mergedId: Int32Array): Uint32Array {
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
  // pairRank[i]: the rank of the pair starting at i now (-1: none), kept current by `consider`, so
  // a stale heap entry is recognised without another table lookup
  const pairRank = new Int32Array(n).fill(-1);
  const consider = (i: number) => {
    const j = next[i]!;
    const r = j < 0 ? -1 : table.get(syms[i]!, syms[j]!);
    pairRank[i] = r;
    if (r >= 0) push(r * POS + i);
  };
  for (let i = 0; i + 1 < n; i++) consider(i);
  while (heap.length > 0) {
    const v = pop();
    const rank = Math.floor(v / POS);
    const i = v - rank * POS;
    // Stale entry: i was merged away, or the pair at i is no longer the one this rank merges.
    if (!alive[i] || pairRank[i] !== rank) continue;
    const j = next[i]!;
    syms[i] = mergedId[rank]!;
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
