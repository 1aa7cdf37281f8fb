import { forEachSpacyWord, spacyWords } from './spacy-tokenizer.js';

/**
 * Word tokenizer shared by the Gopher, C4 and FineWeb filters: spaCy's English tokenizer, which is
 * what datatrove's `split_into_words` runs for English, so thresholds tuned on datatrove and
 * pipelines ported from it drop the same documents (tests/interop/filters-datatrove-interop.test.ts).
 * Punctuation marks are tokens of their own; ratios "per word" count them, as datatrove's do.
 */
export function splitWords(text: string): string[] {
  return spacyWords(text);
}

/** `splitWords` one token at a time, for steps that must not hold every token of a long document. */
export function forEachWord(text: string, fn: (token: string) => void): void {
  forEachSpacyWord(text, fn);
}

// datatrove's PUNCTUATION (utils/text.py): a token made only of these is a symbol, not a word
const PUNCTUATION = new Set(
  '!/—”:％１〈&(、━\\【#%「」，】；+^]~“《„\';’{|∶´[=-`*．（–？！：$～«〉,><》)?）。…@_."}►»' +
    String.fromCharCode(
      ...[
        [0, 9],
        [11, 13],
        [13, 32],
        [127, 160],
      ].flatMap(([a, b]) => Array.from({ length: b! - a! }, (_, i) => a! + i)),
    ),
);

/** A token with a character that is not punctuation in it: what datatrove calls a non-symbol word. */
export function isContentWord(token: string): boolean {
  for (const ch of token) if (!PUNCTUATION.has(ch)) return true;
  return false;
}

/** Lines as Python's `str.splitlines()` cuts them (no trailing empty line). */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split(/\r\n|[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** How many times `needle` occurs in `text`, without overlaps (as Python's `str.count`). */
export function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** Repeated elements after their first occurrence: how many, and their total length in characters. */
export function findDuplicates(elements: readonly string[]): { count: number; chars: number } {
  const seen = new Set<string>();
  let count = 0;
  let chars = 0;
  for (const e of elements) {
    if (seen.has(e)) {
      count++;
      chars += e.length;
    } else seen.add(e);
  }
  return { count, chars };
}
