import { existsSync } from 'node:fs';
import type { DedupLayout } from './dedup-layout.js';
import { Uint32RecordWriter, readUint32Records } from './record-file.js';

/**
 * Bucket phase for one band: loads every task's keys for this band (the only memory this phase
 * needs), sorts them, and links each document to the first one with the same key.
 */
export function findCandidatePairs(layout: DedupLayout, band: number, tasks: number): number {
  const parts: { rank: number; records: Uint32Array }[] = [];
  let total = 0;
  for (let rank = 0; rank < tasks; rank++) {
    const path = layout.keys(band, rank);
    const records = existsSync(path) ? readUint32Records(path) : new Uint32Array(0);
    parts.push({ rank, records });
    total += records.length / 3;
  }
  const hi = new Uint32Array(total);
  const lo = new Uint32Array(total);
  const rankOf = new Uint32Array(total);
  const index = new Uint32Array(total);
  let n = 0;
  for (const { rank, records } of parts) {
    for (let i = 0; i < records.length; i += 3, n++) {
      hi[n] = records[i]!;
      lo[n] = records[i + 1]!;
      rankOf[n] = rank;
      index[n] = records[i + 2]!;
    }
  }
  const order = Uint32Array.from({ length: total }, (_, i) => i);
  order.sort((a, b) => hi[a]! - hi[b]! || lo[a]! - lo[b]! || rankOf[a]! - rankOf[b]! || index[a]! - index[b]!);

  const out = new Uint32RecordWriter(layout.pairs(band), 4);
  for (let i = 0; i < total; ) {
    const first = order[i]!;
    let j = i + 1;
    while (j < total && hi[order[j]!] === hi[first] && lo[order[j]!] === lo[first]) {
      const other = order[j]!;
      out.write(rankOf[first]!, index[first]!, rankOf[other]!, index[other]!);
      j++;
    }
    i = j;
  }
  out.commit();
  return out.count;
}
