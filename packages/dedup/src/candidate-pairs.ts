import { existsSync } from 'node:fs';
import type { DedupLayout } from './dedup-layout.js';
import { Uint32RecordWriter, readUint32Records } from './record-file.js';

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
    total += records.length / 5;
  }
  const hi = new Uint32Array(total);
  const lo = new Uint32Array(total);
  const idHi = new Uint32Array(total);
  const idLo = new Uint32Array(total);
  const rankOf = new Uint32Array(total);
  const index = new Uint32Array(total);
  let n = 0;
  for (const { rank, records } of parts) {
    for (let i = 0; i < records.length; i += 5, n++) {
      hi[n] = records[i]!;
      lo[n] = records[i + 1]!;
      idHi[n] = records[i + 2]!;
      idLo[n] = records[i + 3]!;
      rankOf[n] = rank;
      index[n] = records[i + 4]!;
    }
  }
  const order = Uint32Array.from({ length: total }, (_, i) => i);
  order.sort(
    (a, b) => hi[a]! - hi[b]! || lo[a]! - lo[b]! || idHi[a]! - idHi[b]! || idLo[a]! - idLo[b]! || rankOf[a]! - rankOf[b]! || index[a]! - index[b]!,
  );

  const out = new Uint32RecordWriter(layout.pairs(bucket), 4);
  for (let i = 0; i < total; ) {
    const first = order[i]!;
    let j = i + 1;
    while (j < total && hi[order[j]!] === hi[first] && lo[order[j]!] === lo[first]) {
      const other = order[j]!;
      out.write(rankOf[first]!, index[first]!, rankOf[other]!, index[other]!);
      // With verification, a member whose estimate against the first falls just short of the
      // threshold gets a second chance against its neighbour in the bucket (still verified).
      if (linkNeighbours && j > i + 1) {
        const previous = order[j - 1]!;
        out.write(rankOf[previous]!, index[previous]!, rankOf[other]!, index[other]!);
      }
      j++;
    }
    i = j;
  }
  out.commit();
  return out.count;
}
