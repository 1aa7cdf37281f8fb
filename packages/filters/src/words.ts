/**
 * Word tokenizer shared by the Gopher, C4 and FineWeb filters. datatrove uses NLTK's
 * `word_tokenize`; this is a Unicode-aware stand-in with the same shape, so thresholds tuned on
 * datatrove carry over:
 * - a word is a run of letters, marks and digits, joined across `-`, `'`, `’`, `.` and `,` when
 *   both sides are letters/digits ("well-known", "don't", "24.32", "2,600" are one word each);
 * - each Han, Hiragana, Katakana or Thai character is a word of its own (those scripts put no
 *   spaces between words);
 * - a run of other non-space characters ("...", "#", "|", "$") is one symbol token, as NLTK makes
 *   punctuation separate tokens; ratios "per word" count these too, as datatrove's do.
 */
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]|[\p{L}\p{M}\p{N}]+(?:[-'’.,][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]+/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function splitWords(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** A token with a letter or digit in it: what datatrove calls a non-symbol word. */
export function isContentWord(token: string): boolean {
  return HAS_LETTER_OR_DIGIT.test(token);
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
