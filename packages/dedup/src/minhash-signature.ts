import { SeededRng } from '@anneal/core';
import { dedupText, wordShingles } from './dedup-text.js';
import { xxhash } from './xxhash.js';

export interface MinHashConfig {
  /** Words per shingle (datatrove default 5). */
  ngram: number;
  bands: number;
  rows: number;
  seed: number;
  /** 32: one 32-bit hash per function; 64: a 64-bit hash (two lanes), so accidental equal minima vanish at scale. */
  hashBits?: 32 | 64;
}

/**
 * MinHash signatures with `bands × rows` hash functions. Each shingle is hashed once with xxh32;
 * hash function i is then fmix32(x ⊕ sᵢ) (murmur3's finalizer over a seeded xor), so a signature
 * costs one string hash per shingle plus a few integer operations per function, instead of one
 * string hash per shingle per function (what the `minhash` npm package does).
 */
export class MinHashSignature {
  /** Hash functions (bands × rows). */
  readonly functions: number;
  /** 32-bit values per signature: one or two per function. */
  readonly size: number;
  private readonly lanes: 1 | 2;
  private readonly salts: Uint32Array;

  constructor(readonly config: MinHashConfig) {
    this.functions = config.bands * config.rows;
    this.lanes = config.hashBits === 64 ? 2 : 1;
    this.size = this.functions * this.lanes;
    const rng = new SeededRng(config.seed, 'minhash-salts');
    this.salts = Uint32Array.from({ length: this.size }, () => rng.nextUint32());
  }

  /** One 32-bit hash per shingle, or two (a 64-bit hash as hi/lo lanes) with hashBits 64. */
  shingleHashes(text: string): Uint32Array {
    const shingles = wordShingles(dedupText(text), this.config.ngram);
    const seed = this.config.seed >>> 0;
    if (this.lanes === 1) return Uint32Array.from(shingles, (s) => xxhash.h32(s, seed));
    const out = new Uint32Array(shingles.length * 2);
    shingles.forEach((s, j) => {
      out[2 * j] = xxhash.h32(s, seed);
      out[2 * j + 1] = xxhash.h32(s, seed ^ 0x9e3779b9);
    });
    return out;
  }

  /** The signature of `text`; an empty text gets all-0xffffffff (it matches only other empty texts). */
  signature(text: string): Uint32Array {
    const hashes = this.shingleHashes(text);
    const sig = new Uint32Array(this.size).fill(0xffffffff);
    if (this.lanes === 1) {
      for (let i = 0; i < this.functions; i++) {
        const salt = this.salts[i]!;
        let min = 0xffffffff;
        for (let j = 0; j < hashes.length; j++) {
          const h = fmix32(hashes[j]! ^ salt);
          if (h < min) min = h;
        }
        sig[i] = min;
      }
      return sig;
    }
    // 64-bit: each function maps the shingle's (hi, lo) to a new (hi, lo); the minimum is lexicographic.
    for (let i = 0; i < this.functions; i++) {
      const s1 = this.salts[2 * i]!;
      const s2 = this.salts[2 * i + 1]!;
      let minHi = 0xffffffff;
      let minLo = 0xffffffff;
      for (let j = 0; j < hashes.length; j += 2) {
        const hi = fmix32(hashes[j]! ^ s1);
        const lo = fmix32(hashes[j + 1]! ^ s2 ^ hi);
        if (hi < minHi || (hi === minHi && lo < minLo)) {
          minHi = hi;
          minLo = lo;
        }
      }
      sig[2 * i] = minHi;
      sig[2 * i + 1] = minLo;
    }
    return sig;
  }

  /** One 64-bit key per band (two xxh32 of the band's rows with different seeds), as [hi, lo] pairs. */
  bandKeys(sig: Uint32Array): Uint32Array {
    const { bands, rows } = this.config;
    const keys = new Uint32Array(bands * 2);
    const bytes = new Uint8Array(sig.buffer, sig.byteOffset, sig.byteLength);
    const bandBytes = rows * this.lanes * 4;
    for (let b = 0; b < bands; b++) {
      const slice = bytes.subarray(b * bandBytes, (b + 1) * bandBytes);
      keys[2 * b] = xxhash.h32Raw(slice, 0x9e3779b9 ^ b);
      keys[2 * b + 1] = xxhash.h32Raw(slice, 0x7f4a7c15 + b);
    }
    return keys;
  }
}

/** murmur3's 32-bit finalizer: a cheap, well-mixed permutation of 32-bit values. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Share of equal positions: the estimate of Jaccard similarity two signatures give. With 64-bit
 * signatures both lanes of a function match or (almost surely) neither does, so the share is the same.
 */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Probability that a pair with Jaccard similarity `s` shares at least one band: 1 − (1 − sʳ)ᵇ. */
export function detectionProbability(s: number, bands: number, rows: number): number {
  return 1 - (1 - s ** rows) ** bands;
}

/** The similarity where the S-curve is steepest, ≈ (1/b)^(1/r). */
export function sCurveThreshold(bands: number, rows: number): number {
  return (1 / bands) ** (1 / rows);
}
