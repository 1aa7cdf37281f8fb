import { documentStep, dropped, type DocumentStep } from '@anneal/core';
import { findDuplicates, forEachWord } from './words.js';
import { DEFAULT_GOPHER_REPETITION_OPTIONS, type GopherRepetitionOptions } from './gopher-repetition-options.js';

/**
 * The document's words as numbers: each word's index among its distinct words, and prefix sums of
 * word lengths, so an n-gram's length in characters is a subtraction. Typed arrays, filled one token
 * at a time: 12 bytes per word, never a string per n-gram.
 */
class WordSequence {
  ids: Int32Array;
  private offsets: Float64Array;
  length = 0;
  constructor(text: string) {
    const distinct = new Map<string, number>();
    let capacity = 1024;
    this.ids = new Int32Array(capacity);
    this.offsets = new Float64Array(capacity + 1);
    forEachWord(text, (w) => {
      if (this.length === capacity) {
        capacity *= 2;
        const ids = new Int32Array(capacity);
        ids.set(this.ids);
        const offsets = new Float64Array(capacity + 1);
        offsets.set(this.offsets);
        this.ids = ids;
        this.offsets = offsets;
      }
      let id = distinct.get(w);
      if (id === undefined) distinct.set(w, (id = distinct.size));
      this.ids[this.length] = id;
      this.offsets[this.length + 1] = this.offsets[this.length]! + w.length;
      this.length++;
    });
  }
  /** Characters of the n words from `start`, joined by single spaces (datatrove's " ".join). */
  chars(start: number, n: number): number {
    return this.offsets[start + n]! - this.offsets[start]! + n - 1;
  }
}

/**
 * An open-addressing table of n-grams keyed by two independent 32-bit hashes of their word ids (a
 * false match needs both to collide: about N²/2⁶⁵ for N n-grams), with a count and the first
 * position of each. 16 bytes per slot, 1.5 to 3 slots per word (a power of two, at most 2/3 full):
 * the memory per document is a fixed multiple of its word count, whatever its n-grams (datatrove,
 * like anneal before, holds a string per n-gram: 2.46 GB for one 20 MB document).
 */
class NGramTable {
  private readonly mask: number;
  private readonly hashA: Uint32Array;
  private readonly hashB: Uint32Array;
  readonly counts: Uint32Array;
  readonly first: Int32Array;
  constructor(words: number) {
    let size = 16;
    while (size < 1.5 * words) size *= 2;
    this.mask = size - 1;
    this.hashA = new Uint32Array(size);
    this.hashB = new Uint32Array(size);
    this.counts = new Uint32Array(size);
    this.first = new Int32Array(size);
  }
  clear(): void {
    this.counts.fill(0);
  }
  /** Counts the n-gram of `seq` at `start`; returns its count so far (1 the first time). */
  add(seq: WordSequence, start: number, n: number): number {
    let a = 0x811c9dc5;
    let b = n;
    for (let i = start; i < start + n; i++) {
      const id = seq.ids[i]!;
      a = Math.imul(a ^ id, 0x01000193);
      b = Math.imul(b + id + 0x9e3779b9, 0x85ebca6b) ^ (b >>> 13);
    }
    a >>>= 0;
    b = (b ^ (b >>> 16)) >>> 0;
    for (let slot = (a ^ Math.imul(b, 0x27d4eb2d)) & this.mask; ; slot = (slot + 1) & this.mask) {
      if (this.counts[slot] === 0) {
        this.hashA[slot] = a;
        this.hashB[slot] = b;
        this.first[slot] = start;
        return (this.counts[slot] = 1);
      }
      if (this.hashA[slot] === a && this.hashB[slot] === b) return ++this.counts[slot]!;
    }
  }
}

/**
 * The most frequent n-gram's characters (words joined by spaces) times its count; of n-grams equally
 * frequent, the one seen first, as datatrove's `Counter.most_common(1)` picks it.
 */
function topNGramChars(seq: WordSequence, table: NGramTable, n: number): number {
  table.clear();
  for (let i = 0; i + n <= seq.length; i++) table.add(seq, i, n);
  let best = -1;
  for (let slot = 0; slot < table.counts.length; slot++) {
    const c = table.counts[slot]!;
    if (c === 0) continue;
    if (best < 0 || c > table.counts[best]! || (c === table.counts[best]! && table.first[slot]! < table.first[best]!)) best = slot;
  }
  return best < 0 ? 0 : table.counts[best]! * seq.chars(table.first[best]!, n);
}

/**
 * Characters (spaces between words not counted, as datatrove joins them with "") in n-grams that
 * repeat an earlier n-gram, jumping past each repeat so that overlapping repeats are not counted
 * twice: datatrove's `find_all_duplicate`.
 */
function duplicatedNGramChars(seq: WordSequence, table: NGramTable, n: number): number {
  table.clear();
  let chars = 0;
  for (let i = 0; i + n <= seq.length; ) {
    if (table.add(seq, i, n) > 1) {
      chars += seq.chars(i, n) - (n - 1);
      i += n;
    } else i++;
  }
  return chars;
}

/**
 * Pipeline step `gopher_repetition`. Drop reasons: gopher_dup_para_frac, gopher_dup_para_char_frac,
 * gopher_dup_line_frac, gopher_dup_line_char_frac, gopher_top_<n>_gram, gopher_dup_<n>_gram.
 * Lines are what datatrove cuts at runs of newlines: blank lines do not count, a line of spaces does.
 */
export function gopherRepetitionFilter(options: Partial<GopherRepetitionOptions> = {}): DocumentStep {
  const o = { ...DEFAULT_GOPHER_REPETITION_OPTIONS, ...options };
  return documentStep('gopher_repetition', (doc) => {
    const text = doc.text;
    if (text.length === 0) return doc;

    const paragraphs = text.trim().split(/\n{2,}/);
    const paraDups = findDuplicates(paragraphs);
    if (o.dup_para_frac && paraDups.count / paragraphs.length > o.dup_para_frac) return dropped('gopher_dup_para_frac');
    if (o.dup_para_char_frac && paraDups.chars / text.length > o.dup_para_char_frac) return dropped('gopher_dup_para_char_frac');

    const lines = text.split(/\n+/);
    const lineDups = findDuplicates(lines);
    if (o.dup_line_frac && lineDups.count / lines.length > o.dup_line_frac) return dropped('gopher_dup_line_frac');
    if (o.dup_line_char_frac && lineDups.chars / text.length > o.dup_line_char_frac) return dropped('gopher_dup_line_char_frac');

    const words = new WordSequence(text);
    const table = new NGramTable(words.length);
    for (const [n, maxFrac] of o.top_n_grams) {
      if (topNGramChars(words, table, n) / text.length > maxFrac) return dropped(`gopher_top_${n}_gram`);
    }
    for (const [n, maxFrac] of o.dup_n_grams) {
      if (duplicatedNGramChars(words, table, n) / text.length > maxFrac) return dropped(`gopher_dup_${n}_gram`);
    }
    return doc;
  });
}
