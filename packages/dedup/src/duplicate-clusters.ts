import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import type { DedupLayout } from './dedup-layout.js';
import { JsonLineWriter } from './line-file.js';
import { estimatedJaccard } from './minhash-signature.js';
import { readUint32Records } from './record-file.js';
import { UnionFind } from './union-find.js';

export type KeepPolicy = 'first_id' | 'highest_quality';

export interface ClusterOptions {
  tasks: number;
  /** Buckets (bands × bucket shards) whose pair files to read. */
  buckets: number;
  keep: KeepPolicy;
  /** Values per stored signature; with `threshold`, candidates below it are not merged. */
  signatureSize: number;
  threshold?: number | undefined;
}

interface Member {
  rank: number;
  index: number;
  id: string;
  quality: number | null;
  dupCount: number;
}

export interface ClusterSummary {
  documents: number;
  candidatePairs: number;
  rejectedPairs: number;
  clusters: number;
  duplicates: number;
}

/**
 * Cluster phase (one task): union-find over every band's candidate pairs (optionally verified by
 * estimated Jaccard), then one representative per cluster, chosen deterministically, whose
 * dup_count is the sum of its members' dup_counts; decisions are written per task.
 *
 * Memory is bounded by the documents that appear in candidate pairs (as in datatrove's cluster
 * stage), not by the corpus: the union-find is over those documents only, pair files are read one
 * bucket at a time, and the doc tables are streamed line by line.
 */
export function buildClusters(layout: DedupLayout, options: ClusterOptions): ClusterSummary {
  // 1. The documents in any pair, as sorted unique keys rank·2^32 + index (exact in a double).
  let nodes: Float64Array = new Float64Array(0);
  for (let bucket = 0; bucket < options.buckets; bucket++) {
    const pairs = readUint32Records(layout.pairs(bucket));
    const ends = new Float64Array(pairs.length / 2);
    for (let i = 0, j = 0; i < pairs.length; i += 2, j++) ends[j] = pairs[i]! * 2 ** 32 + pairs[i + 1]!;
    nodes = mergeUnique(nodes, sortedUnique(ends));
  }
  const node = (rank: number, index: number) => binarySearch(nodes, rank * 2 ** 32 + index);

  // 2. Union-find over those documents.
  const sets = new UnionFind(nodes.length);
  const signatures = options.threshold !== undefined && options.signatureSize > 0 ? new SignatureFiles(layout, options) : undefined;
  let candidatePairs = 0;
  let rejectedPairs = 0;
  for (let bucket = 0; bucket < options.buckets; bucket++) {
    const pairs = readUint32Records(layout.pairs(bucket));
    for (let i = 0; i < pairs.length; i += 4) {
      candidatePairs++;
      const a = node(pairs[i]!, pairs[i + 1]!);
      const b = node(pairs[i + 2]!, pairs[i + 3]!);
      if (sets.find(a) === sets.find(b)) continue;
      if (
        signatures &&
        estimatedJaccard(signatures.get(pairs[i]!, pairs[i + 1]!), signatures.get(pairs[i + 2]!, pairs[i + 3]!)) < options.threshold!
      ) {
        rejectedPairs++;
        continue;
      }
      sets.union(a, b);
    }
  }
  signatures?.close();
  const size = new Int32Array(nodes.length);
  for (let n = 0; n < nodes.length; n++) size[sets.find(n)]!++;

  // 3. Members of real clusters, read from the doc tables (walked in step with the sorted keys).
  const clusters = new Map<number, Member[]>();
  let documents = 0;
  let next = 0;
  for (let rank = 0; rank < options.tasks; rank++) {
    forEachLine(layout.docTable(rank), (line, index) => {
      documents++;
      const key = rank * 2 ** 32 + index;
      while (next < nodes.length && nodes[next]! < key) next++;
      if (next >= nodes.length || nodes[next] !== key) return;
      const root = sets.find(next);
      if (size[root]! < 2) return;
      const [id, quality, dupCount] = JSON.parse(line) as [string, number | null, number];
      let members = clusters.get(root);
      if (!members) clusters.set(root, (members = []));
      members.push({ rank, index, id, quality, dupCount });
    });
  }

  const decisions: [number, number, number, string][][] = Array.from({ length: options.tasks }, () => []);
  let duplicates = 0;
  for (const members of clusters.values()) {
    members.sort(options.keep === 'highest_quality' ? byQualityThenId : byId);
    const keeper = members[0]!;
    const dupCount = members.reduce((s, m) => s + m.dupCount, 0);
    for (const m of members) {
      decisions[m.rank]!.push([m.index, m === keeper ? 1 : 0, dupCount, keeper.id]);
      if (m !== keeper) duplicates++;
    }
  }
  decisions.forEach((list, rank) => {
    list.sort((a, b) => a[0] - b[0]);
    const out = new JsonLineWriter(layout.decisions(rank));
    for (const d of list) out.write(d);
    out.commit();
  });
  return { documents, candidatePairs, rejectedPairs, clusters: clusters.size, duplicates };
}

function sortedUnique(values: Float64Array): Float64Array {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i]!;
  return values.subarray(0, n);
}

function mergeUnique(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (n === 0 || out[n - 1] !== v) out[n++] = v;
  }
  return out.slice(0, n);
}

function binarySearch(sorted: Float64Array, key: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new Error(`document ${Math.floor(key / 2 ** 32)}:${key % 2 ** 32} of a candidate pair is missing from the pair index`);
}

function byId(a: Member, b: Member): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : a.rank - b.rank || a.index - b.index;
}

function byQualityThenId(a: Member, b: Member): number {
  const qa = a.quality ?? -Infinity;
  const qb = b.quality ?? -Infinity;
  return qa !== qb ? qb - qa : byId(a, b);
}

/** Calls `fn` for every line of a doc table, reading it in 1 MB chunks (the table is never whole in memory). */
function forEachLine(path: string, fn: (line: string, index: number) => void): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  const decoder = new TextDecoder();
  let carry = '';
  let index = 0;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      const text = carry + decoder.decode(chunk.subarray(0, n), { stream: n > 0 });
      const lines = text.split('\n');
      carry = lines.pop()!;
      for (const line of lines) fn(line, index++);
      if (n === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  if (carry.length > 0) fn(carry, index);
}

/** Random access to stored signatures, one positioned read per lookup. */
class SignatureFiles {
  private readonly fds = new Map<number, number>();
  private readonly bytes: number;

  constructor(
    private readonly layout: DedupLayout,
    private readonly options: ClusterOptions,
  ) {
    this.bytes = options.signatureSize * 4;
  }

  get(rank: number, index: number): Uint32Array {
    let fd = this.fds.get(rank);
    if (fd === undefined) this.fds.set(rank, (fd = openSync(this.layout.signatures(rank), 'r')));
    const out = new Uint32Array(this.options.signatureSize);
    readSync(fd, new Uint8Array(out.buffer), 0, this.bytes, index * this.bytes);
    return out;
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
  }
}
