import { documentStep, dropped, type PipelineStep } from '@anneal/core';

export interface LengthFilterOptions {
  min_chars: number;
  max_chars: number;
  min_words: number;
  max_words: number;
}

export const DEFAULT_LENGTH_OPTIONS: LengthFilterOptions = {
  min_chars: 0,
  max_chars: Number.POSITIVE_INFINITY,
  min_words: 0,
  max_words: Number.POSITIVE_INFINITY,
};

/** Whitespace-separated words; cheap and language-agnostic enough for length bounds. */
export function countWords(text: string): number {
  // counted match by match: `text.match(/\S+/g)` would hold every word of a long document at once
  const word = /\S+/g;
  let count = 0;
  while (word.exec(text) !== null) count++;
  return count;
}

/** Pipeline step `length`: drops documents outside character and word bounds. */
export function lengthFilter(options: Partial<LengthFilterOptions> = {}): PipelineStep {
  const o = { ...DEFAULT_LENGTH_OPTIONS, ...options };
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
