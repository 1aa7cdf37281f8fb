import { documentStep, dropped, type DocumentStep } from '@anneal/core';
import { findDuplicates, splitWords } from './words.js';

/** Gopher repetition rules (Rae et al. 2021, table A1), datatrove's `GopherRepetitionFilter` defaults. */
export interface GopherRepetitionOptions {
  dup_line_frac: number | null;
  dup_para_frac: number | null;
  dup_line_char_frac: number | null;
  dup_para_char_frac: number | null;
  /** [n, max fraction of characters in the most frequent n-gram (counted each time it occurs)]. */
  top_n_grams: [number, number][];
  /** [n, max fraction of characters in n-grams that repeat an earlier one]. */
  dup_n_grams: [number, number][];
}

export const DEFAULT_GOPHER_REPETITION_OPTIONS: GopherRepetitionOptions = {
  dup_line_frac: 0.3,
  dup_para_frac: 0.3,
  dup_line_char_frac: 0.2,
  dup_para_char_frac: 0.2,
  top_n_grams: [
    [2, 0.2],
    [3, 0.18],
    [4, 0.16],
  ],
  dup_n_grams: [
    [5, 0.15],
    [6, 0.14],
    [7, 0.13],
    [8, 0.12],
    [9, 0.11],
    [10, 0.1],
  ],
};

/**
 * Words as short keys (their index among the document's distinct words, as two UTF-16 units), and
 * prefix sums of their lengths: an n-gram's key is then a short slice and its length in characters
 * (words joined by single spaces, as datatrove measures it) a subtraction. This keeps the filter
 * from building a joined string for every n-gram at every n (nine passes over the words).
 */
class WordSequence {
  readonly keys: string;
  private readonly offsets: Float64Array;
  constructor(readonly words: readonly string[]) {
    const ids = new Map<string, number>();
    const units: number[] = [];
    this.offsets = new Float64Array(words.length + 1);
    words.forEach((w, i) => {
      let id = ids.get(w);
      if (id === undefined) ids.set(w, (id = ids.size));
      units.push(id & 0xffff, id >>> 16);
      this.offsets[i + 1] = this.offsets[i]! + w.length;
    });
    let keys = '';
    for (let i = 0; i < units.length; i += 8192) keys += String.fromCharCode(...units.slice(i, i + 8192));
    this.keys = keys;
  }
  key(start: number, n: number): string {
    return this.keys.slice(2 * start, 2 * (start + n));
  }
  chars(start: number, n: number): number {
    return this.offsets[start + n]! - this.offsets[start]! + n - 1;
  }
}

/**
 * The most frequent n-gram's characters (words joined by spaces) times its count; of n-grams equally
 * frequent, the one seen first, as datatrove's `Counter.most_common(1)` picks it.
 */
function topNGramChars(seq: WordSequence, n: number): number {
  const counts = new Map<string, { count: number; start: number }>();
  for (let i = 0; i + n <= seq.words.length; i++) {
    const key = seq.key(i, n);
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { count: 1, start: i });
  }
  let top: { count: number; start: number } | undefined;
  for (const entry of counts.values()) if (!top || entry.count > top.count) top = entry;
  return top ? top.count * seq.chars(top.start, n) : 0;
}

/**
 * Characters (spaces between words not counted, as datatrove joins them with "") in n-grams that
 * repeat an earlier n-gram, jumping past each repeat so that overlapping repeats are not counted
 * twice: datatrove's `find_all_duplicate`.
 */
function duplicatedNGramChars(seq: WordSequence, n: number): number {
  const seen = new Set<string>();
  let chars = 0;
  for (let i = 0; i + n <= seq.words.length; ) {
    const key = seq.key(i, n);
    if (seen.has(key)) {
      chars += seq.chars(i, n) - (n - 1);
      i += n;
    } else {
      seen.add(key);
      i++;
    }
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

    const words = new WordSequence(splitWords(text));
    for (const [n, maxFrac] of o.top_n_grams) {
      if (topNGramChars(words, n) / text.length > maxFrac) return dropped(`gopher_top_${n}_gram`);
    }
    for (const [n, maxFrac] of o.dup_n_grams) {
      if (duplicatedNGramChars(words, n) / text.length > maxFrac) return dropped(`gopher_dup_${n}_gram`);
    }
    return doc;
  });
}
