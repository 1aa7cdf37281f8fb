import { documentStep, dropped, type PipelineStep } from '@anneal/core';
import { type LengthFilterOptions, DEFAULT_LENGTH_OPTIONS } from './length-options.js';

/** Whitespace-separated words; cheap and language-agnostic enough for length bounds. */
export function countWords(text: string): number {
  // counted match by match: `text.match(/\S+/g)` would hold every word of a long document at once
  const word = /\S+/g;
  let count = 0;
  while (word.exec(text) !== null) count++;
  return count;
}

/** Pipeline step `length`: drops documents outside character and word bounds. */
export function lengthFilter(options: LengthFilterOptions = {}): PipelineStep {
  // a bound left out (undefined) is off
  const o = {
    min_chars: options.min_chars ?? DEFAULT_LENGTH_OPTIONS.min_chars,
    max_chars: options.max_chars ?? DEFAULT_LENGTH_OPTIONS.max_chars,
    min_words: options.min_words ?? DEFAULT_LENGTH_OPTIONS.min_words,
    max_words: options.max_words ?? DEFAULT_LENGTH_OPTIONS.max_words,
  };
  return documentStep('length', (doc) => {
    const chars = doc.text.length;
    if (chars < o.min_chars) return dropped('too_few_chars', `${chars} characters, needs ${o.min_chars}`);
    if (chars > o.max_chars) return dropped('too_many_chars', `${chars} characters, at most ${o.max_chars}`);
    if (o.min_words > 0 || Number.isFinite(o.max_words)) {
      const words = countWords(doc.text);
      if (words < o.min_words) return dropped('too_few_words', `${words} words, needs ${o.min_words}`);
      if (words > o.max_words) return dropped('too_many_words', `${words} words, at most ${o.max_words}`);
    }
    return doc;
  });
}
