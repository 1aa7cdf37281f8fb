import { existsSync } from 'node:fs';
import type { DedupLayout } from './dedup-layout.js';
import { Uint32RecordWriter, readUint32Records } from './record-file.js';

/** A key record's fields (uint32 each), as the signature phase writes them, and its length. */
const [KEY_HI, KEY_LO, ID_HI, ID_LO, POSITION, RECORD] = [0, 1, 2, 3, 4, 5] as const;

/**
 * Bucket phase for one bucket: loads every task's keys for this bucket (the only memory this phase
 * needs), sorts them, and links each document to the first one with the same key. "First" is by
 * the hash of the document id, not by task and position, so the candidate pairs — and, with
 * verification, the clusters — do not depend on how many tasks the input was split into. With
 * `linkNeighbours` (candidate verification on) each member is also paired with the one before it.
 */
export function findCandidatePairs(layout: DedupLayout, bucket: number, tasks: number, linkNeighbours = false): number {
  const parts: { rank: number; records: Uint32Array }[] = [];
  let total = 0;
  for (let rank = 0; rank < tasks; rank++) {
    const path = layout.keys(bucket, rank);
    const records = existsSync(path) ? readUint32Records(path) : new Uint32Array(0);
    parts.push({ rank, records });
    total += records.length / RECORD;
  }
  // Each task's records as written, one after another: per document its key (hi, lo), the hash of
  // its id (hi, lo) and its position in the task; beside them, the task each came from.
  const keys = new Uint32Array(total * RECORD);
  const rankOf = new Uint32Array(total);
  let n = 0;
  for (const { rank, records } of parts) {
    keys.set(records, n * RECORD);
    rankOf.fill(rank, n, n + records.length / RECORD);
    n += records.length / RECORD;
  }
  const field = (doc: number, f: number): number => keys[doc * RECORD + f]!;
  const sameKey = (a: number, b: number): boolean => field(a, KEY_HI) === field(b, KEY_HI) && field(a, KEY_LO) === field(b, KEY_LO);
  const order = Uint32Array.from({ length: total }, (_, i) => i);
  order.sort(
    (a, b) =>
      field(a, KEY_HI) - field(b, KEY_HI) ||
      field(a, KEY_LO) - field(b, KEY_LO) ||
      field(a, ID_HI) - field(b, ID_HI) ||
      field(a, ID_LO) - field(b, ID_LO) ||
      rankOf[a]! - rankOf[b]! ||
      field(a, POSITION) - field(b, POSITION),
  );

  const out = new Uint32RecordWriter(layout.pairs(bucket), 4);
  for (let i = 0; i < total; ) {
    const first = order[i]!;
    let j = i + 1;
    while (j < total && sameKey(order[j]!, first)) {
      const other = order[j]!;
      out.write(rankOf[first]!, field(first, POSITION), rankOf[other]!, field(other, POSITION));
      // With verification, a member whose estimate against the first falls just short of the
      // threshold gets a second chance against its neighbour in the bucket (still verified).
      if (linkNeighbours && j > i + 1) {
        const previous = order[j - 1]!;
        out.write(rankOf[previous]!, field(previous, POSITION), rankOf[other]!, field(other, POSITION));
      }
      j++;
    }
    i = j;
  }
  out.commit();
  return out.count;
}
