/**
 * The text dedup compares, after datatrove's `simplify_text`: lowercase, accents removed, digits
 * folded to 0, punctuation dropped, whitespace collapsed. Two copies that differ only in these
 * count as the same text.
 */
export function dedupText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/\p{Nd}/gu, '0')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Word n-grams of the simplified text; a text shorter than n words is one shingle. */
export function wordShingles(simplified: string, n: number): string[] {
  const words = simplified.length === 0 ? [] : simplified.split(' ');
  if (words.length <= n) return words.length === 0 ? [] : [words.join(' ')];
  const out: string[] = new Array(words.length - n + 1);
  for (let i = 0; i + n <= words.length; i++) out[i] = words.slice(i, i + n).join(' ');
  return out;
}
