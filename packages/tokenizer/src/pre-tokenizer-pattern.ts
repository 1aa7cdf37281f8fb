/**
 * GPT-4-style pre-tokenization: the text is cut into pieces by one regular expression (contractions,
 * letter runs with one leading non-letter, digit groups, punctuation runs, whitespace) before BPE,
 * so merges never cross those boundaries.
 *
 * The pattern is written so that Oniguruma (Rust/Python `tokenizers`) and JavaScript (`u` flag,
 * `@huggingface/tokenizers` and our encoder) read it identically: `\p{White_Space}` instead of `\s`
 * (the engines disagree on U+0085 and U+FEFF) and explicit letter classes instead of `(?i:...)`
 * (no inline modifiers in Node 20's RegExp). It goes into `tokenizer.json` verbatim.
 */

/** How digits are split: GPT-4's groups of up to three, or one digit per piece (Llama-style). */
export type DigitSplitting = 'groups_of_3' | 'individual';

export interface PreTokenizerOptions {
  digits: DigitSplitting;
}

export const DEFAULT_PRE_TOKENIZER_OPTIONS: PreTokenizerOptions = { digits: 'groups_of_3' };

const WS = '\\p{White_Space}';
const NOT_WS = '\\P{White_Space}';

/** The pre-tokenization pattern (a regex source valid in Oniguruma and in JavaScript with `u`). */
export function preTokenizerPattern(options: PreTokenizerOptions = DEFAULT_PRE_TOKENIZER_OPTIONS): string {
  const digits = options.digits === 'individual' ? '\\p{N}' : '\\p{N}{1,3}';
  return [
    "'(?:[sS]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])",
    '[^\\r\\n\\p{L}\\p{N}]?\\p{L}+',
    digits,
    ` ?[^${WS}\\p{L}\\p{N}]+[\\r\\n]*`,
    `${WS}*[\\r\\n]+`,
    `${WS}+(?!${NOT_WS})`,
    `${WS}+`,
  ].join('|');
}
