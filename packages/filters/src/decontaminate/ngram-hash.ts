/**
 * 64-bit n-gram keys as two independent 32-bit halves (plain numbers: BigInt would cost ~10× on
 * the per-document path). With ~300 k benchmark n-grams and 64 bits, the chance that any document
 * n-gram collides with one by accident is about 1e-8 per million documents' words.
 */

/** Two 32-bit hashes of one word (FNV-1a over UTF-16 units, with different offset bases). */
export function wordHashes(words: readonly string[]): { a: Uint32Array; b: Uint32Array } {
  const a = new Uint32Array(words.length);
  const b = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ w.length;
    for (let j = 0; j < w.length; j++) {
      const c = w.charCodeAt(j);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    a[i] = fmix(h1);
    b[i] = fmix(h2 ^ 0x9e3779b9);
  }
  return { a, b };
}

/** The key of the words [start, start + n): a polynomial over the word hashes, one per half. */
export function ngramKey(hashes: { a: Uint32Array; b: Uint32Array }, start: number, n: number): [number, number] {
  let k1 = SEED1;
  let k2 = SEED2;
  for (let i = start; i < start + n; i++) {
    k1 = (Math.imul(k1, 0x01000193) + hashes.a[i]!) | 0;
    k2 = (Math.imul(k2, 0x85ebca6b) + hashes.b[i]!) | 0;
  }
  return [fmix(k1), fmix(k2)];
}

/**
 * Calls `emit` with the key of every n-gram of each length in `lengths` (ascending), the same keys
 * as ngramKey: one pass of the longest length per start position gives every shorter key on the way.
 */
export function forEachNgramKey(
  hashes: { a: Uint32Array; b: Uint32Array },
  lengths: readonly number[],
  emit: (start: number, length: number, k1: number, k2: number) => void,
): void {
  const count = hashes.a.length;
  const longest = lengths[lengths.length - 1]!;
  const isLength = new Uint8Array(longest + 1);
  for (const l of lengths) isLength[l] = 1;
  for (let start = 0; start + lengths[0]! <= count; start++) {
    let k1 = SEED1;
    let k2 = SEED2;
    const end = Math.min(count, start + longest);
    for (let i = start; i < end; i++) {
      k1 = (Math.imul(k1, 0x01000193) + hashes.a[i]!) | 0;
      k2 = (Math.imul(k2, 0x85ebca6b) + hashes.b[i]!) | 0;
      const length = i - start + 1;
      if (isLength[length] === 1) emit(start, length, fmix(k1), fmix(k2));
    }
  }
}

// the fold starts from constants, not from the length, so keys of every length come out of one pass
const SEED1 = 0x3c6ef372;
const SEED2 = 0x27d4eb2d;

/** murmur3's finalizer: spreads every input bit over the output, so low bits can index a table. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
