import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
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
 */
export function buildClusters(layout: DedupLayout, options: ClusterOptions): ClusterSummary {
  const counts = Array.from({ length: options.tasks }, (_, r) => countLines(layout.docTable(r)));
  const offsets = counts.map((_, r) => counts.slice(0, r).reduce((s, c) => s + c, 0));
  const total = counts.reduce((s, c) => s + c, 0);
  const sets = new UnionFind(total);
  const signatures = options.threshold !== undefined && options.signatureSize > 0 ? new SignatureFiles(layout, options) : undefined;
  let candidatePairs = 0;
  let rejectedPairs = 0;
  for (let bucket = 0; bucket < options.buckets; bucket++) {
    const pairs = readUint32Records(layout.pairs(bucket));
    for (let i = 0; i < pairs.length; i += 4) {
      candidatePairs++;
      const a = offsets[pairs[i]!]! + pairs[i + 1]!;
      const b = offsets[pairs[i + 2]!]! + pairs[i + 3]!;
      if (sets.find(a) === sets.find(b)) continue;
      if (signatures && estimatedJaccard(signatures.get(pairs[i]!, pairs[i + 1]!), signatures.get(pairs[i + 2]!, pairs[i + 3]!)) < options.threshold!) {
        rejectedPairs++;
        continue;
      }
      sets.union(a, b);
    }
  }
  signatures?.close();

  const size = new Int32Array(total);
  for (let g = 0; g < total; g++) size[sets.find(g)]!++;
  // Second pass over the doc tables: only members of real clusters are held in memory.
  const clusters = new Map<number, Member[]>();
  for (let rank = 0; rank < options.tasks; rank++) {
    const lines = readLines(layout.docTable(rank));
    lines.forEach((line, index) => {
      const root = sets.find(offsets[rank]! + index);
      if (size[root]! < 2) return;
      const [id, quality, dupCount] = JSON.parse(line) as [string, number | null, number];
      let members = clusters.get(root);
      if (!members) clusters.set(root, (members = []));
      members.push({ rank, index, id, quality, dupCount });
    });
  }

  const decisions: [number, number, number, string][][] = counts.map(() => []);
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
  return { documents: total, candidatePairs, rejectedPairs, clusters: clusters.size, duplicates };
}

function byId(a: Member, b: Member): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : a.rank - b.rank || a.index - b.index;
}

function byQualityThenId(a: Member, b: Member): number {
  const qa = a.quality ?? -Infinity;
  const qb = b.quality ?? -Infinity;
  return qa !== qb ? qb - qa : byId(a, b);
}

function readLines(path: string): string[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  return text.length === 0 ? [] : text.slice(0, -1).split('\n');
}

function countLines(path: string): number {
  return readLines(path).length;
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
