/**
 * The words decontamination compares, with where each sits in the original text. Benchmark items
 * and documents go through the same function, so a test item that a web page reformatted (case,
 * punctuation, spacing, line breaks, `$…$` around numbers, accents, full-width characters) still
 * yields the same words: only runs of letters and digits count, lower-cased, compatibility forms
 * folded (NFKC) and combining marks removed; GSM8K-style `<<a*b=c>>` calculator notes, HTML tags and
 * entities, and LaTeX commands are skipped.
 */
export interface MatchTokens {
  /** The normalized words, in order. */
  readonly words: string[];
  /** UTF-16 offset in the original text where each word starts. */
  readonly starts: Uint32Array;
  /** UTF-16 offset just past each word's end in the original text. */
  readonly ends: Uint32Array;
}

// letters and digits of any script; marks (\p{M}) belong to the word they sit on (Devanagari, accents)
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const DIGITS = /^[0-9]+$/;
// Markup read as if absent, on both sides: GSM8K's calculator notes (`48/2 = <<48/2=24>>24`), which
// copies of its answers often drop, and HTML tags (`<p>`, `<b>48</b>`, `<br/>`) of a page that kept them
const SKIPPED = /<<[^<>\n]{1,120}>>|<\/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,200})?\/?>/g;
const MARKS = /\p{M}+/gu;
const [BACKSLASH, AMPERSAND, SEMICOLON] = [0x5c, 0x26, 0x3b];
const ASCII_WORD = /^[a-z0-9]+$/;

/** One word as compared: NFKC, lower case, no combining marks, (é → e, ﬁ → fi, ５ → 5). */
export function normalizeWord(raw: string): string {
  const lower = raw.toLowerCase();
  if (ASCII_WORD.test(lower)) return lower; // the common case, without two Unicode passes
  return lower.normalize('NFKD').replace(MARKS, '').normalize('NFKC');
}

export function matchTokens(text: string): MatchTokens {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const notes = text.includes('<') ? [...text.matchAll(SKIPPED)].map((n) => [n.index, n.index + n[0].length] as const) : [];
  let note = 0;
  for (const m of text.matchAll(WORD)) {
    while (note < notes.length && notes[note]![1] <= m.index) note++;
    if (note < notes.length && notes[note]![0] <= m.index) continue; // inside a calculator note or a tag: read as if absent
    const before = m.index > 0 ? text.charCodeAt(m.index - 1) : 0;
    // a LaTeX command (`\frac`, `\times`, `\cdot`) or an escape (`\n`) is markup; so is an HTML entity (`&nbsp;`)
    if (before === BACKSLASH) continue;
    if (before === AMPERSAND && text.charCodeAt(m.index + m[0].length) === SEMICOLON) continue;
    const word = normalizeWord(m[0]);
    if (word === '') continue;
    // Numbers in a row are one word, whatever separates them: "$3.20", "3 . 20", "\\(3\\).\\(20\\)" and
    // a punctuation-stripped "320" all read 320, "5,000" reads 5000, "[1, 2]" and "[1,2]" read 12.
    // Template problems with other numbers (GSM8K train beside test) still differ there.
    const last = words.length - 1;
    if (last >= 0 && DIGITS.test(word) && DIGITS.test(words[last]!)) {
      words[last] += word;
      ends[last] = m.index + m[0].length;
      continue;
    }
    words.push(word);
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  return { words, starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}

/** Only the normalized words (benchmark items need no offsets). */
export function matchWords(text: string): string[] {
  return matchTokens(text).words;
}
