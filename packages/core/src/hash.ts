/**
 * FNV-1a over UTF-16 code units, two independent 32-bit lanes. Used to key seeded generators by
 * document id; not for dedup (dedup uses xxhash through its own package).
 */
export function hash32(text: string, offset = 0x811c9dc5): number {
  let h = offset >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // final avalanche (murmur3 fmix32) so nearby ids give unrelated seeds
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** A stable 64-bit hex digest of a string (two 32-bit lanes). */
export function hash64Hex(text: string): string {
  return hash32(text).toString(16).padStart(8, '0') + hash32(text, 0x050c5d1f).toString(16).padStart(8, '0');
}
