/** One piece of personal data found in a text: [start, end) in UTF-16 units. */
export interface PiiMatch {
  start: number;
  end: number;
}

/** Every match of a global regex that `accept` takes (it sees the match and the whole text). */
export function findAll(text: string, pattern: RegExp, accept: (m: RegExpMatchArray, text: string) => boolean): PiiMatch[] {
  const out: PiiMatch[] = [];
  for (const m of text.matchAll(pattern)) if (accept(m, text)) out.push({ start: m.index!, end: m.index! + m[0].length });
  return out;
}

/** Replaces the matches (sorted, not overlapping) with `replacement`. */
export function replaceMatches(text: string, matches: readonly PiiMatch[], replacement: string): string {
  if (matches.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + replacement;
    at = m.end;
  }
  return out + text.slice(at);
}

/** The characters just before and after a match, for context rules. */
export function around(text: string, m: RegExpMatchArray, width: number): { before: string; after: string } {
  const start = m.index!;
  return { before: text.slice(Math.max(0, start - width), start), after: text.slice(start + m[0].length, start + m[0].length + width) };
}
