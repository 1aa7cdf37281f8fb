import type { Doc } from '@anneal/core';
import { dedupText } from './dedup-text.js';
import { MinHashSignature, type MinHashConfig } from './minhash-signature.js';
import { key64 } from './xxhash.js';

/**
 * How a dedup step turns a document into bucket keys: documents that share a key in any band
 * become candidate duplicates. Exact dedup has one band (a 64-bit hash of the simplified text);
 * MinHash has `bands` keys, one per band of its signature.
 */
export interface DedupMethod {
  readonly bands: number;
  /** Values per stored signature, 0 when candidates are not verified. */
  readonly signatureSize: number;
  /** Drop reason for the documents a cluster's representative stands for. */
  readonly dropReason: string;
  keys(doc: Doc): { keys: Uint32Array; signature?: Uint32Array };
}

export function exactMethod(): DedupMethod {
  return {
    bands: 1,
    signatureSize: 0,
    dropReason: 'exact_duplicate',
    keys(doc) {
      const [hi, lo] = key64(dedupText(doc.text));
      return { keys: Uint32Array.of(hi, lo) };
    },
  };
}

export function minhashMethod(config: MinHashConfig, verify: boolean): DedupMethod {
  const minhash = new MinHashSignature(config);
  return {
    bands: config.bands,
    signatureSize: verify ? minhash.size : 0,
    dropReason: 'near_duplicate',
    keys(doc) {
      const signature = minhash.signature(doc.text);
      return { keys: minhash.bandKeys(signature), signature };
    },
  };
}
