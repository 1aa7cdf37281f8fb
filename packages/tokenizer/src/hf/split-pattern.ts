import type { JsonPart } from './json-part.js';
import { UnsupportedRegexError, translateOnigurumaRegex } from './oniguruma-regex.js';

/** How a Split keeps what its pattern matches (the names of `tokenizers`' SplitDelimiterBehavior). */
export type SplitBehavior = 'Removed' | 'Isolated' | 'MergedWithPrevious' | 'MergedWithNext' | 'Contiguous';
export const SPLIT_BEHAVIORS: readonly SplitBehavior[] = ['Removed', 'Isolated', 'MergedWithPrevious', 'MergedWithNext', 'Contiguous'];

/** A `{"String"}` or `{"Regex"}` pattern as a global Unicode RegExp (a string matches literally). */
export function compilePattern(part: JsonPart): { regex: RegExp; source: string; isRegex: boolean } {
  const p = part.pattern();
  if ('string' in p) {
    const escaped = [...p.string].map((c) => (/[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c)).join('');
    return { regex: new RegExp(escaped || '(?!)', 'gu'), source: p.string, isRegex: false };
  }
  try {
    return { regex: new RegExp(translateOnigurumaRegex(p.regex), 'gu'), source: p.regex, isRegex: true };
  } catch (err) {
    if (err instanceof UnsupportedRegexError) return part.at('Regex').fail(`regex ${JSON.stringify(p.regex)}: ${err.message}`);
    throw err;
  }
}

/**
 * Calls `span(start, end, isMatch)` for consecutive spans covering `text`: the matches of `regex`
 * and the text between them, as `tokenizers` lists Oniguruma's find_iter matches (an empty match
 * cuts the text too, then the search steps one code point). `invert` swaps which spans count as matches.
 */
export function forEachSpan(text: string, regex: RegExp, invert: boolean, span: (start: number, end: number, isMatch: boolean) => void): void {
  regex.lastIndex = 0;
  let last = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start > last) span(last, start, invert);
    if (end === start) {
      // an empty match still ends the text before it (then step one code point, as find_iter does)
      span(start, start, !invert);
      last = start;
      if (start >= text.length) break;
      regex.lastIndex = start + (text.codePointAt(start)! > 0xffff ? 2 : 1);
      continue;
    }
    span(start, end, !invert);
    last = end;
  }
  if (last < text.length) span(last, text.length, invert);
}

/** The [start, end) ranges of the pieces `text` splits into (empty ones dropped), following NormalizedString::split. */
export function splitByPattern(text: string, regex: RegExp, behavior: SplitBehavior, invert: boolean): [number, number][] {
  const spans: [number, number, boolean][] = [];
  forEachSpan(text, regex, invert, (s, e, m) => spans.push([s, e, m]));
  const kept: [number, number][] = [];
  let previousMatch = false;
  switch (behavior) {
    case 'Isolated':
      for (const [s, e] of spans) kept.push([s, e]);
      break;
    case 'Removed':
      for (const [s, e, m] of spans) if (!m) kept.push([s, e]);
      break;
    case 'Contiguous':
      for (const [s, e, m] of spans) {
        if (m === previousMatch && kept.length > 0) kept[kept.length - 1]![1] = e;
        else kept.push([s, e]);
        previousMatch = m;
      }
      break;
    case 'MergedWithPrevious':
      for (const [s, e, m] of spans) {
        if (m && !previousMatch && kept.length > 0) kept[kept.length - 1]![1] = e;
        else kept.push([s, e]);
        previousMatch = m;
      }
      break;
    case 'MergedWithNext':
      for (let k = spans.length - 1; k >= 0; k--) {
        const [s, e, m] = spans[k]!;
        if (m && !previousMatch && kept.length > 0) kept[kept.length - 1]![0] = s;
        else kept.push([s, e]);
        previousMatch = m;
      }
      kept.reverse();
      break;
  }
  return kept.filter(([s, e]) => e > s);
}
