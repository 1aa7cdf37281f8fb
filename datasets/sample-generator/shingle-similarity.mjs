/**
 * Near-duplicate ground truth is measured on word 5-gram shingles (the MinHash default): every
 * document outside a cluster stays below NEAR_DUP Jaccard similarity with every other document
 * (a generated document that lands above it is regenerated under a new key), and every edited
 * copy keeps at least COPY_MIN similarity with its original.
 */
const SHINGLE_WORDS = 5;

export const NEAR_DUP = 0.5;

export const COPY_MIN = 0.7;

/** Lower-cased words; each Han character counts as a word. */
function tokens(text) {
  return text.toLowerCase().match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}_])+/gu) ?? [];
}

export function shingleSet(text) {
  const t = tokens(text);
  const out = new Set();
  if (t.length < SHINGLE_WORDS) out.add(t.join(' '));
  for (let i = 0; i + SHINGLE_WORDS <= t.length; i++) out.add(t.slice(i, i + SHINGLE_WORDS).join(' '));
  return out;
}

export function jaccard(a, b) {
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Inverted index of shingles, to find the most similar earlier document quickly. */
export class ShingleIndex {
  constructor() {
    this.postings = new Map();
    this.sizes = [];
  }

  maxSimilarity(set) {
    const shared = new Map();
    for (const sh of set) for (const i of this.postings.get(sh) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    let best = 0;
    for (const [i, c] of shared) best = Math.max(best, c / (set.size + this.sizes[i] - c));
    return best;
  }

  add(set) {
    const i = this.sizes.length;
    this.sizes.push(set.size);
    for (const sh of set) {
      let p = this.postings.get(sh);
      if (!p) this.postings.set(sh, (p = []));
      p.push(i);
    }
  }
}
