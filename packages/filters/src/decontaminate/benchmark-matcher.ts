import type { BenchmarkIndexData } from './benchmark-index.js';
import type { MatchTokens } from './match-tokens.js';
import { forEachNgramKey, wordHashes } from './ngram-hash.js';
import { SharedNgramTable } from './shared-ngram-table.js';

/** One benchmark item found in a document. */
export interface ItemHit {
  /** Index into the index's items. */
  item: number;
  /** The largest share of one of its parts' words that the document's matching n-grams cover (0..1). */
  coverage: number;
  /** Distinct n-grams of the item the document contains. */
  ngrams: number;
}

export interface DocumentMatch {
  /** Items hit, highest coverage first. */
  hits: ItemHit[];
  /** Word ranges [start, end) of the document covered by n-grams of the items hit, sorted, merged. */
  spans: [number, number][];
}

/**
 * Looks documents up in a benchmark index: one per worker thread, over the shared table. An item
 * counts as found when the document covers at least `minCoverage` of one of its parts' words with
 * matching n-grams: a verbatim or reformatted copy covers all of them, a copy with a few words
 * changed nearly all, while a different problem written from the same template (GSM8K train
 * beside test) shares a phrase or two and covers well under half.
 */
export class BenchmarkMatcher {
  private readonly table: SharedNgramTable;
  private readonly wholeTable: SharedNgramTable;
  private readonly lengths: number[];
  private readonly partItem: Int32Array;
  private readonly partWords: Int32Array;
  private readonly partOwnedWords: Int32Array;
  /** Per item: its words, all fields (derived per thread, small). */
  private readonly itemWords: Int32Array;

  constructor(readonly index: BenchmarkIndexData) {
    this.table = SharedNgramTable.attach(index.table);
    this.wholeTable = SharedNgramTable.attach(index.wholeTable);
    this.lengths = [...index.wholeLengths, index.ngram]; // ascending: whole-field lengths are below ngram
    this.partItem = new Int32Array(index.partItem);
    this.partWords = new Int32Array(index.partWords);
    this.partOwnedWords = new Int32Array(index.partOwnedWords);
    this.itemWords = new Int32Array(index.itemId.length);
    for (let p = 0; p < this.partItem.length; p++) this.itemWords[this.partItem[p]!] += this.partWords[p]!;
  }

  /** The items the document holds; undefined when there are none. */
  match(tokens: MatchTokens, minCoverage: number): DocumentMatch | undefined {
    const count = tokens.words.length;
    if (count < this.lengths[0]!) return undefined;
    const hashes = wordHashes(tokens.words);
    // per part: which of its words matching n-grams cover, and which slots (distinct n-grams) matched
    const covered = new Map<number, { words: Uint8Array; slots: Set<number>; windows: Window[] }>();
    const n = this.index.ngram;
    forEachNgramKey(hashes, this.lengths, (at, len, k1, k2) => {
      const table = len === n ? this.table : this.wholeTable;
      const slot = table.find(k1, k2);
      if (slot < 0) return;
      const part = table.partAt(slot);
      let c = covered.get(part);
      if (!c) covered.set(part, (c = { words: new Uint8Array(this.partWords[part]!), slots: new Set(), windows: [] }));
      const from = table.positionAt(slot);
      c.words.fill(1, from, from + len);
      c.slots.add(len === n ? slot : -1 - slot);
      c.windows.push({ start: at, end: at + len, before: from, after: this.partWords[part]! - from - len });
    });
    const best = new Map<number, ItemHit & { windows: Window[] }>();
    for (const [part, c] of covered) {
      const owned = Math.max(1, this.partOwnedWords[part]!);
      const coverage = Math.min(1, c.words.reduce((a, b) => a + b, 0) / owned);
      const item = this.partItem[part]!;
      const hit = best.get(item) ?? { item, coverage: 0, ngrams: 0, windows: [] };
      hit.ngrams += c.slots.size;
      hit.coverage = Math.max(hit.coverage, coverage);
      // every part's matches of an item found go into the spans: a question found whole takes the
      // pieces of its reformatted answer along
      hit.windows.push(...c.windows);
      best.set(item, hit);
    }
    const found = [...best.values()].filter((h) => h.coverage >= minCoverage);
    if (found.length === 0) return undefined;
    found.sort((a, b) => b.coverage - a.coverage || b.ngrams - a.ngrams || a.item - b.item);
    const hits = found.map(({ item, coverage, ngrams }) => ({ item, coverage, ngrams }));
    return { hits, spans: mergeRanges(found.flatMap((h) => this.passage(h.windows, h.item, count))) };
  }

  /**
   * An item found is one passage: unmatched stretches inside it (a reformatted number, an edited
   * word, an answer whose calculator notes were stripped) are bridged up to the item's length, and
   * the words of the field before its first match and after its last one are taken too, so cutting
   * leaves none of it behind (a field never matched, the answer beside a question, is not guessed at).
   */
  private passage(windows: Window[], item: number, docWords: number): [number, number][] {
    const spans = bridge(
      windows.map((w) => [w.start, w.end] as [number, number]),
      this.itemWords[item]!,
    );
    const first = windows.reduce((a, b) => (b.start < a.start ? b : a));
    const last = windows.reduce((a, b) => (b.end > a.end ? b : a));
    spans[0]![0] = Math.max(0, spans[0]![0] - first.before);
    spans[spans.length - 1]![1] = Math.min(docWords, spans[spans.length - 1]![1] + last.after);
    return spans;
  }

  setName(item: number): string {
    return this.index.sets[this.index.itemSet[item]!]!.name;
  }

  itemId(item: number): string {
    return this.index.itemId[item]!;
  }
}

/** A matching n-gram: where it sits in the document, and how many words of its field come before and after it. */
interface Window {
  start: number;
  end: number;
  before: number;
  after: number;
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of ranges) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Joins ranges whose gap is at most `gap` words. */
function bridge(ranges: [number, number][], gap: number): [number, number][] {
  const merged = mergeRanges(ranges);
  const out: [number, number][] = [];
  for (const r of merged) {
    const last = out[out.length - 1];
    if (last && r[0] - last[1] <= gap) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}
