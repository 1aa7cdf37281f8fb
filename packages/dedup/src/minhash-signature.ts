import { SeededRng } from '@anneal/core';
import { dedupText, wordShingles } from './dedup-text.js';
import { xxhash } from './xxhash.js';

export interface MinHashConfig {
  /** Words per shingle (datatrove default 5). */
  ngram: number;
  bands: number;
  rows: number;
  seed: number;
}

/**
 * MinHash signatures with `bands × rows` hash functions. Each shingle is hashed once with xxh32;
 * hash function i is then fmix32(x ⊕ sᵢ) (murmur3's finalizer over a seeded xor), so a signature
 * costs one string hash per shingle plus a few integer operations per function, instead of one
 * string hash per shingle per function (what the `minhash` npm package does).
 */
export class MinHashSignature {
  readonly size: number;
  private readonly salts: Uint32Array;

  constructor(readonly config: MinHashConfig) {
    this.size = config.bands * config.rows;
    const rng = new SeededRng(config.seed, 'minhash-salts');
    this.salts = Uint32Array.from({ length: this.size }, () => rng.nextUint32());
  }

  shingleHashes(text: string): Uint32Array {
    const shingles = wordShingles(dedupText(text), this.config.ngram);
    const seed = this.config.seed >>> 0;
    return Uint32Array.from(shingles, (s) => xxhash.h32(s, seed));
  }

  /** The signature of `text`; an empty text gets all-0xffffffff (it matches only other empty texts). */
  signature(text: string): Uint32Array {
    const hashes = this.shingleHashes(text);
    const sig = new Uint32Array(this.size).fill(0xffffffff);
    for (let i = 0; i < this.size; i++) {
      const salt = this.salts[i]!;
      let min = 0xffffffff;
      for (let j = 0; j < hashes.length; j++) {
        let h = (hashes[j]! ^ salt) >>> 0;
        h ^= h >>> 16;
        h = Math.imul(h, 0x85ebca6b);
        h ^= h >>> 13;
        h = Math.imul(h, 0xc2b2ae35);
        h = (h ^ (h >>> 16)) >>> 0;
        if (h < min) min = h;
      }
      sig[i] = min;
    }
    return sig;
  }

  /** One 64-bit key per band (two xxh32 of the band's rows with different seeds), as [hi, lo] pairs. */
  bandKeys(sig: Uint32Array): Uint32Array {
    const { bands, rows } = this.config;
    const keys = new Uint32Array(bands * 2);
    const bytes = new Uint8Array(sig.buffer, sig.byteOffset, sig.byteLength);
    for (let b = 0; b < bands; b++) {
      const slice = bytes.subarray(b * rows * 4, (b + 1) * rows * 4);
      keys[2 * b] = xxhash.h32Raw(slice, 0x9e3779b9 ^ b);
      keys[2 * b + 1] = xxhash.h32Raw(slice, 0x7f4a7c15 + b);
    }
    return keys;
  }
}

/** Share of equal positions: the estimate of Jaccard similarity two signatures give. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Probability that a pair with Jaccard similarity `s` shares at least one band: 1 − (1 − sʳ)ᵇ. */
export function detectionProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

/** The similarity where the S-curve is steepest, ≈ (1/b)^(1/r). */
export function sCurveThreshold(bands: number, rows: number): number {
  return Math.pow(1 / bands, 1 / rows);
}
