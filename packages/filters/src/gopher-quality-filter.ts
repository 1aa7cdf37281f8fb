import { documentStep, dropped, type DocumentStep } from '@anneal/core';
import { countOccurrences, forEachWord, isContentWord, splitLines } from './words.js';
import { DEFAULT_GOPHER_QUALITY_OPTIONS, type GopherQualityOptions } from './gopher-quality-options.js';

const HAS_LETTER = /\p{L}/u;
const BULLETS = ['•', '-'];

/**
 * Pipeline step `gopher_quality`. Drop reasons, in the order checked (datatrove's name in brackets):
 * gopher_short_doc, gopher_long_doc, gopher_short_words [below_avg_threshold], gopher_long_words
 * [above_avg_threshold], gopher_hash_ratio [too_many_hashes], gopher_ellipsis_ratio
 * [too_many_ellipsis], gopher_bullet_lines, gopher_ellipsis_lines [too_many_end_ellipsis],
 * gopher_alpha_words [below_alpha_threshold], gopher_stop_words [enough_stop_words].
 */
export function gopherQualityFilter(options: Partial<GopherQualityOptions> = {}): DocumentStep {
  const o = { ...DEFAULT_GOPHER_QUALITY_OPTIONS, ...options };
  const stopWords = new Set(o.stop_words);
  return documentStep('gopher_quality', (doc) => {
    const text = doc.text;
    // one pass over the words, counting only: a long document's words are never all held at once
    let words = 0;
    let contentWords = 0;
    let contentChars = 0;
    let alphaWords = 0;
    const stopWordsFound = new Set<string>();
    forEachWord(text, (w) => {
      words++;
      if (isContentWord(w)) {
        contentWords++;
        contentChars += w.length;
      }
      if (HAS_LETTER.test(w)) alphaWords++;
      if (stopWords.has(w)) stopWordsFound.add(w);
    });
    if (o.min_doc_words && contentWords < o.min_doc_words) return dropped('gopher_short_doc', `${contentWords} words, needs ${o.min_doc_words}`);
    if (o.max_doc_words && contentWords > o.max_doc_words) return dropped('gopher_long_doc', `${contentWords} words, at most ${o.max_doc_words}`);
    if (words === 0) return dropped('gopher_short_doc', 'no words');

    const avgLength = contentChars / Math.max(contentWords, 1);
    if (o.min_avg_word_length && avgLength < o.min_avg_word_length)
      return dropped('gopher_short_words', `mean word length ${avgLength.toFixed(2)}, needs ${o.min_avg_word_length}`);
    if (o.max_avg_word_length && avgLength > o.max_avg_word_length)
      return dropped('gopher_long_words', `mean word length ${avgLength.toFixed(2)}, at most ${o.max_avg_word_length}`);

    if (o.max_symbol_word_ratio) {
      const hashes = countOccurrences(text, '#');
      if (hashes / words > o.max_symbol_word_ratio)
        return dropped('gopher_hash_ratio', `${ratio(hashes / words)} # per word, at most ${o.max_symbol_word_ratio}`);
      const ellipses = countOccurrences(text, '...') + countOccurrences(text, '…');
      if (ellipses / words > o.max_symbol_word_ratio)
        return dropped('gopher_ellipsis_ratio', `${ratio(ellipses / words)} ellipses per word, at most ${o.max_symbol_word_ratio}`);
    }

    const lines = splitLines(text);
    const share = (test: (line: string) => boolean) => lines.filter(test).length / Math.max(lines.length, 1);
    if (o.max_bullet_lines_ratio && share((l) => BULLETS.some((b) => l.trimStart().startsWith(b))) > o.max_bullet_lines_ratio) {
      return dropped('gopher_bullet_lines', `over ${o.max_bullet_lines_ratio} of lines start with a bullet`);
    }
    if (o.max_ellipsis_lines_ratio && share((l) => /(\.\.\.|…)$/.test(l.trimEnd())) > o.max_ellipsis_lines_ratio) {
      return dropped('gopher_ellipsis_lines', `over ${o.max_ellipsis_lines_ratio} of lines end in an ellipsis`);
    }

    if (o.max_non_alpha_words_ratio && alphaWords / words < o.max_non_alpha_words_ratio) {
      return dropped('gopher_alpha_words', `${ratio(alphaWords / words)} of words have a letter, needs ${o.max_non_alpha_words_ratio}`);
    }
    if (o.min_stop_words && stopWordsFound.size < o.min_stop_words)
      return dropped('gopher_stop_words', `${stopWordsFound.size} stop word${stopWordsFound.size === 1 ? '' : 's'}, needs ${o.min_stop_words}`);
    return doc;
  });
}

function ratio(x: number): string {
  return x.toFixed(3);
}
