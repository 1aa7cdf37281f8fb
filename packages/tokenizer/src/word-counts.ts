import type { PreTokenizer } from './pre-tokenizer.js';

/** Adds the pieces of `text` to `counts` (piece → occurrences). */
export function countWords(preTokenizer: PreTokenizer, text: string, counts: Map<string, number>): void {
  preTokenizer.forEachPiece(text, (piece) => counts.set(piece, (counts.get(piece) ?? 0) + 1));
}

/** Sums `from` into `into`. */
export function mergeWordCounts(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
  for (const [word, c] of from) into.set(word, (into.get(word) ?? 0) + c);
}
