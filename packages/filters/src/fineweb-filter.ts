import { documentStep, dropped, type DocumentStep } from '@anneal/core';
import { findDuplicates, forEachWord } from './words.js';
import { DEFAULT_FINEWEB_OPTIONS, type FineWebOptions } from './fineweb-options.js';

/**
 * Pipeline step `fineweb`. Drop reasons: fineweb_empty (no non-blank line), fineweb_line_punct_ratio,
 * fineweb_short_line_ratio, fineweb_char_dup_ratio, fineweb_list_ratio.
 */
export function fineWebFilter(options: Partial<FineWebOptions> = {}): DocumentStep {
  const o = { ...DEFAULT_FINEWEB_OPTIONS, ...options };
  const endsWithStop = (line: string) => o.stop_chars.some((c) => line.endsWith(c));
  return documentStep('fineweb', (doc) => {
    const text = doc.text;
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) return dropped('fineweb_empty');

    const punct = lines.filter(endsWithStop).length / lines.length;
    if (punct < o.line_punct_thr && !(punct === 0 && o.line_punct_exclude_zero))
      return dropped('fineweb_line_punct_ratio', `${(punct).toFixed(3)} of lines end in punctuation, needs ${o.line_punct_thr}`);
    if (lines.filter((l) => l.length <= o.short_line_length).length / lines.length > o.short_line_thr) {
      return dropped('fineweb_short_line_ratio');
    }
    const nonNewlineChars = text.length - (text.match(/\n/g)?.length ?? 0);
    if (findDuplicates(lines).chars / nonNewlineChars > o.char_duplicates_ratio)
      return dropped(
        'fineweb_char_dup_ratio',
        `${(findDuplicates(lines).chars / nonNewlineChars).toFixed(3)} of characters in duplicated lines, at most ${o.char_duplicates_ratio}`,
      );
    const newlines = text.length - nonNewlineChars;
    let words = 0;
    forEachWord(text, () => words++);
    if (newlines / Math.max(words, 1) > o.new_line_ratio)
      return dropped('fineweb_list_ratio', `${(newlines / Math.max(words, 1)).toFixed(3)} newlines per word, at most ${o.new_line_ratio}`);
    return doc;
  });
}
