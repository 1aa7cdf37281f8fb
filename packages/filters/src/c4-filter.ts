import { documentStep, dropped, type DocumentStep } from '@anneal/core';
import { SENTENCE_END_CHARS } from './sentence-punctuation.js';
import { splitLines, splitWords } from './words.js';
import { DEFAULT_C4_OPTIONS, type C4Options } from './c4-options.js';

const CITATION = /\[\d*\]|\[edit\]|\[citation needed\]/g;
const END_PUNCTUATION = ['.', '?', '!', '"', "'"];
const POLICY_SUBSTRINGS = ['terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies', 'use cookies'];
const ALL_PUNCTUATION = /^\p{P}+$/u;

/**
 * Sentences in one line as datatrove counts them (spaCy's rule-based sentencizer over spaCy's
 * tokens): one, plus one each time a token other than punctuation follows a sentence-final mark.
 * "Dr. Smith" stays one sentence because "Dr." is one token; "3.5" because it is one token too.
 */
export function countSentences(line: string): number {
  const tokens = splitWords(line);
  if (tokens.length === 0) return 0;
  let sentences = 1;
  let afterEnd = false;
  for (const token of tokens) {
    const isEnd = SENTENCE_END_CHARS.has(token);
    if (afterEnd && !isEnd && !ALL_PUNCTUATION.test(token)) {
      sentences++;
      afterEnd = false;
    } else if (isEnd) afterEnd = true;
  }
  return sentences;
}

/**
 * Pipeline step `c4`: removes the lines C4 removes and rewrites the text with the kept lines
 * (one `\n` between them, as C4 does); drops the page for c4_lorem_ipsum, c4_curly_bracket (in a
 * line that would be kept) and c4_too_few_sentences (after line removal).
 */
export function c4Filter(options: Partial<C4Options> = {}): DocumentStep {
  const o = { ...DEFAULT_C4_OPTIONS, ...options };
  return documentStep('c4', (doc) => {
    const kept: string[] = [];
    let sentences = 0;
    for (const raw of splitLines(doc.text)) {
      let line = raw.trim();
      const words = line.split(/\s+/).filter(Boolean);
      if (o.max_word_length !== -1 && words.some((w) => w.length > o.max_word_length)) continue;
      if (o.remove_citations) line = line.replace(CITATION, '');
      if (o.filter_no_terminal_punct && (!END_PUNCTUATION.some((p) => line.endsWith(p)) || line.endsWith('...'))) continue;
      if (words.length < o.min_words_per_line) continue;
      const lower = line.toLowerCase();
      if (o.filter_lorem_ipsum && lower.includes('lorem ipsum')) return dropped('c4_lorem_ipsum', 'contains "lorem ipsum"');
      if (o.filter_javascript && lower.includes('javascript')) continue;
      if (o.filter_curly_bracket && line.includes('{')) return dropped('c4_curly_bracket', 'a line holds "{"');
      if (o.filter_policy && POLICY_SUBSTRINGS.some((p) => lower.includes(p))) continue;
      if (o.min_num_sentences !== -1) sentences += countSentences(line);
      kept.push(line);
    }
    if (sentences < o.min_num_sentences) return dropped('c4_too_few_sentences', `${sentences} sentences, needs ${o.min_num_sentences}`);
    const text = kept.join('\n').trim();
    return text === doc.text ? doc : { ...doc, text };
  });
}
