import { hash32 } from '@anneal/core';
import { heapPop, heapPush } from './binary-heap.js';

/** A document offered to the sample. */
export interface SampleCandidate {
  id: string;
  text: string;
  domain: string;
}

/** What the sample took from one domain. */
export interface DomainSampleStats {
  /** byte quota (budget × proportion); absent for the natural (unbalanced) sample */
  quota_bytes?: number;
  /** documents and UTF-8 bytes seen in the input */
  seen_documents: number;
  seen_bytes: number;
  /** documents and bytes kept */
  documents: number;
  bytes: number;
}

interface Kept {
  priority: number;
  id: string;
  text: string;
  bytes: number;
}

/**
 * The tokenizer's training text: a sample of the corpus that gives each domain its share of a byte
 * budget, so a web-heavy corpus does not starve code and math of merges.
 *
 * Streaming and order-independent: each document gets a priority from a seeded hash of its id, and
 * each domain keeps its lowest-priority documents until their bytes reach the domain's quota (a
 * bottom-k sample by bytes, at most one document over). Memory is bounded by the budget. The same
 * documents and seed give the same sample whatever the file order or reading parallelism.
 *
 * With `proportions`, domains not listed get nothing; a domain with less text than its quota keeps
 * all of it (the shortfall is reported, not redistributed). Without proportions, one natural sample
 * of the whole corpus is taken (no balancing).
 */
export class DomainBalancedSample {
  private readonly perDomain = new Map<string, { heap: Kept[]; bytes: number; stats: DomainSampleStats }>();
  private readonly utf8 = new TextEncoder();
  private readonly shares: Map<string, number> | undefined;

  constructor(
    private readonly budgetBytes: number,
    proportions: Record<string, number> | undefined,
    private readonly seed: number,
  ) {
    if (!(budgetBytes > 0)) throw new Error(`sample budget must be positive, got ${budgetBytes}`);
    if (proportions) {
      const total = Object.values(proportions).reduce((s, p) => s + p, 0);
      if (!(total > 0) || Object.values(proportions).some((p) => !(p >= 0))) {
        throw new Error(`domain proportions must be non-negative with a positive sum, got ${JSON.stringify(proportions)}`);
      }
      this.shares = new Map(Object.entries(proportions).map(([d, p]) => [d, p / total]));
    }
  }

  private quotaOf(domain: string): number {
    if (!this.shares) return this.budgetBytes;
    return this.budgetBytes * (this.shares.get(domain) ?? 0);
  }

  /** Offers one document; it is kept, or not, by its priority. */
  offer(doc: SampleCandidate): void {
    const key = this.shares ? doc.domain : '';
    let slot = this.perDomain.get(key);
    if (!slot) {
      const quota = this.quotaOf(doc.domain);
      slot = {
        heap: [],
        bytes: 0,
        stats: { ...(this.shares ? { quota_bytes: Math.round(quota) } : {}), seen_documents: 0, seen_bytes: 0, documents: 0, bytes: 0 },
      };
      this.perDomain.set(key, slot);
    }
    const bytes = this.utf8.encode(doc.text).length;
    slot.stats.seen_documents++;
    slot.stats.seen_bytes += bytes;
    const quota = this.quotaOf(doc.domain);
    if (quota <= 0) return;
    const priority = hash32(doc.id, (0x9e3779b9 ^ this.seed) >>> 0);
    const heap = slot.heap;
    // Full and this document ranks after everything kept: it would be evicted at once.
    if (slot.bytes >= quota && heap.length > 0 && !before({ priority, id: doc.id }, heap[0]!)) return;
    heapPush(heap, { priority, id: doc.id, text: doc.text, bytes }, sampledLater);
    slot.bytes += bytes;
    while (heap.length > 1 && slot.bytes - heap[0]!.bytes >= quota) slot.bytes -= heapPop(heap, sampledLater)!.bytes;
  }

  /** The kept texts, by domain (sorted) then priority, and per-domain statistics. */
  result(): { texts: string[]; domains: Record<string, DomainSampleStats>; bytes: number } {
    const texts: string[] = [];
    const domains: Record<string, DomainSampleStats> = {};
    let bytes = 0;
    for (const key of [...this.perDomain.keys()].sort()) {
      const slot = this.perDomain.get(key)!;
      const kept = [...slot.heap].sort((a, b) => (before(a, b) ? -1 : 1));
      for (const k of kept) texts.push(k.text);
      slot.stats.documents = kept.length;
      slot.stats.bytes = slot.bytes;
      bytes += slot.bytes;
      domains[this.shares ? key : 'all'] = { ...slot.stats };
    }
    return { texts, domains, bytes };
  }
}

/** Sample order: lower priority first, ties by id. */
function before(a: { priority: number; id: string }, b: { priority: number; id: string }): boolean {
  return a.priority !== b.priority ? a.priority < b.priority : a.id < b.id;
}

/** The eviction heap keeps the document sampled last (highest priority, then id) on top. */
function sampledLater(a: Kept, b: Kept): boolean {
  return before(b, a);
}
