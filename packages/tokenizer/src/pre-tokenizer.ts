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

/**
 * Splits text into pieces the way `Split(pattern, behavior: "Isolated")` does: every match is a
 * piece, and so is any text between matches (none with this pattern, which matches every
 * character, but a custom pattern might not).
 */
export class PreTokenizer {
  readonly pattern: string;
  private readonly regex: RegExp;

  constructor(pattern: string) {
    this.pattern = pattern;
    this.regex = new RegExp(pattern, 'gu');
  }

  /** Calls `piece` for each piece of `text`, in order. */
  forEachPiece(text: string, piece: (p: string) => void): void {
    const re = this.regex;
    re.lastIndex = 0;
    let last = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const start = m.index;
      const matched = m[0];
      if (matched.length === 0) {
        // An empty match: step past it (by code point) so the loop advances.
        re.lastIndex = start + (text.codePointAt(start)! > 0xffff ? 2 : 1);
        continue;
      }
      if (start > last) piece(text.slice(last, start));
      piece(matched);
      last = start + matched.length;
    }
    if (last < text.length) piece(text.slice(last));
  }

  pieces(text: string): string[] {
    const out: string[] = [];
    this.forEachPiece(text, (p) => out.push(p));
    return out;
  }
}
