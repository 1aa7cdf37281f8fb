/**
 * FNV-1a over UTF-16 code units, the one hash of text spans in this package: the piece cache keys
 * pieces by it, the tokenizer.json loader's TokenIndex keys tokens by it, and the encoder's cut
 * loop computes it while it scans (the constants, for that). It streams: the hash of a + b
 * continues the hash of a.
 */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** The hash of text[start, end) continued from `hash` (FNV_OFFSET to start one). Signed 32-bit. */
export function extendSpanHash(hash: number, text: string, start: number, end: number): number {
  let h = hash;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}
