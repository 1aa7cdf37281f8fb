import { ASCII_PAIRS, type WordStart } from './model.js';
import type { TokenIndex } from './token-index.js';

/**
 * Where a long piece can be cut without changing its ids (SentencePiece-style tokenizers: Llama 2
 * and Gemma have no pre-tokenizer, so a whole document is one piece): before a run of ▁ (the word
 * start) unless the character before the run ends the left side of a merge whose right side starts
 * with ▁ (Gemma has one: `>` + `▁</`); and between two ASCII characters that no merge joins. Then
 * no merge crosses the cut, BPE on each side runs as it would in the whole, and the words (and
 * `book` apart from `.\n`) can be looked up in the encoder's cache. Undefined when the model has no
 * ▁ token.
 *
 * `beforeMark`: the left sides of merges whose right side starts with ▁; `asciiJoins`: 1 at
 * `(last << 7) | first` for each merge whose left side ends with ASCII `last` and right side
 * starts with ASCII `first`.
 */
export function findWordStart(
  index: TokenIndex,
  byteFallback: boolean,
  unkToken: string | null,
  beforeMark: string[],
  asciiJoins: Uint8Array,
): WordStart | undefined {
  const mark = '\u2581';
  if (index.get(mark) < 0) return undefined;
  // an unknown token pending across a byte fallback is emitted late (see initialSymbols): only
  // safe to cut when every byte has its <0xXX> token, so no character is ever unknown
  if (byteFallback && unkToken !== null) {
    for (let b = 0; b < 256; b++) if (index.get(byteToken(b)) < 0) return undefined;
  }
  // The symbol before a cut ends with the character before it, unless that character fell back to
  // its <0xXX> bytes or the unknown token: a merge whose left side ends so could follow any
  // character, so no cut is proven safe.
  const fallbackEnd = /<0x[0-9A-F]{2}>$/;
  for (const left of beforeMark) if (fallbackEnd.test(left) || (unkToken !== null && left.endsWith(unkToken))) return undefined;
  const unsafeBefore = new Set<number>();
  for (const left of beforeMark) if ([...left].some((c) => c !== mark)) unsafeBefore.add(left.charCodeAt(left.length - 1));
  return { mark: mark.charCodeAt(0), unsafeBefore, asciiCuts: findAsciiCuts(index, byteFallback, asciiJoins) };
}

/** the `<0xXX>` token of a byte */
const byteToken = (b: number) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;

const LT = 0x3c;
const GT = 0x3e;

/**
 * The ASCII pairs a piece may be cut between. A character with its own token starts (and ends)
 * the symbols on its side of the cut as itself; one without falls back to its `<0xXX>` token, whose
 * text starts with `<` and ends with `>`, so those stand for it (conservatively: a merge after a
 * real `>` forbids the cut too); one with neither would become the unknown token, never cut at.
 */
function findAsciiCuts(index: TokenIndex, byteFallback: boolean, asciiJoins: Uint8Array): Uint8Array {
  const cuts = new Uint8Array(ASCII_PAIRS);
  const ends = new Int32Array(128);
  const starts = new Int32Array(128);
  for (let c = 0; c < 128; c++) {
    const own = index.get(String.fromCharCode(c)) >= 0;
    const fallback = byteFallback && index.get(byteToken(c)) >= 0;
    ends[c] = own ? c : fallback ? GT : -1;
    starts[c] = own ? c : fallback ? LT : -1;
  }
  for (let before = 0; before < 128; before++) {
    for (let after = 0; after < 128; after++) {
      const end = ends[before]!;
      const start = starts[after]!;
      if (end >= 0 && start >= 0 && asciiJoins[(end << 7) | start] === 0) cuts[(before << 7) | after] = 1;
    }
  }
  return cuts;
}
