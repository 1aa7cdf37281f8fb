import { PieceScanner } from './piece-scanner.js';

export { preTokenizerPattern, DEFAULT_PRE_TOKENIZER_OPTIONS, type DigitSplitting, type PreTokenizerOptions } from './pre-tokenizer-pattern.js';

/**
 * Splits text into pieces the way `Split(pattern, behavior: "Isolated")` does: every match is a
 * piece, and so is any text between matches (none with this pattern, which matches every
 * character, but a custom pattern might not).
 */
export class PreTokenizer {
  readonly pattern: string;
  private readonly regex: RegExp;

  private readonly scanner: PieceScanner | undefined;

  /** `useScanner: false` forces the regex (for comparisons); by default our patterns use the scanner. */
  constructor(pattern: string, useScanner = true) {
    this.pattern = pattern;
    this.regex = new RegExp(pattern, 'gu');
    this.scanner = useScanner ? PieceScanner.forPattern(pattern) : undefined;
  }

  /** Calls `piece` for each piece of `text`, in order. */
  forEachPiece(text: string, piece: (p: string) => void): void {
    if (this.scanner) {
      this.scanner.forEachPiece(text, (start, end) => piece(text.slice(start, end)));
      return;
    }
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
