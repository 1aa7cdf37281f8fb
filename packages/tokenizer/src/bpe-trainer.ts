import { BYTE_LEVEL_ALPHABET, BYTE_TO_CHAR } from './byte-level.js';
import { PairHeap } from './pair-heap.js';

export interface BpeTrainOptions {
  /** final vocabulary size, special tokens and the 256 byte tokens included */
  vocabSize: number;
  /** a pair is merged only if it occurs at least this often (weighted by word counts) */
  minFrequency: number;
  /** special tokens, given ids 0..n-1 in this order */
  specialTokens: readonly string[];
  /** called every `progressEvery` merges */
  onProgress?: (merges: number, vocab: number) => void;
}

export interface BpeModel {
  /** id → token (byte-level strings for learned tokens; special tokens as written) */
  vocab: string[];
  /** merges in rank order: [left token, right token] */
  merges: [string, string][];
  specialTokens: string[];
}

/** Pair (left, right) of ids packed into one number (ids < 2^21, so the key is an exact integer). */
const PAIR_BITS = 2 ** 21;
const pairKey = (left: number, right: number) => left * PAIR_BITS + right;

/**
 * Byte-level BPE training from word counts, following the Hugging Face Rust `BpeTrainer`
 * (tokenizers/src/models/bpe/trainer.rs) step by step so that, given the same word counts, it
 * produces the same vocabulary and merges:
 *
 * 1. special tokens get ids 0..n-1, then the 256 byte characters in code-point order;
 * 2. every word becomes its byte ids; pair counts (weighted by word count) and, per pair, the words
 *    containing it are computed once;
 * 3. a max-heap of pairs by (count, then smaller pair) drives the merges. A popped entry whose count
 *    is stale is pushed back with the current count. Merging a pair rewrites only the words listed
 *    in that entry, and the changed neighbour pairs update the counts incrementally; pairs that
 *    gained occurrences are pushed as new entries listing just the words where they appeared.
 *    (As in Rust, one pair may thus have several entries and be merged more than once when the same
 *    token string arises from two different pairs; the later merge's rank is the one kept.)
 * 4. stop at `vocabSize` tokens, when the heap is empty or when the best count < `minFrequency`.
 */
export function trainBpe(wordCounts: ReadonlyMap<string, number>, options: BpeTrainOptions): BpeModel {
  const { vocabSize, minFrequency, specialTokens } = options;
  if (!Number.isInteger(vocabSize) || vocabSize < specialTokens.length + 256) {
    throw new Error(`vocab_size ${vocabSize} is smaller than ${specialTokens.length} special tokens + 256 bytes`);
  }
  if (vocabSize >= PAIR_BITS) throw new Error(`vocab_size ${vocabSize} is too large (max ${PAIR_BITS - 1})`);

  const idToToken: string[] = [];
  const tokenToId = new Map<string, number>();
  const addToken = (t: string) => {
    if (!tokenToId.has(t)) {
      tokenToId.set(t, idToToken.length);
      idToToken.push(t);
    }
  };
  for (const t of specialTokens) addToken(t);
  for (const ch of BYTE_LEVEL_ALPHABET) addToken(ch);
  const byteId = new Int32Array(256);
  for (let b = 0; b < 256; b++) byteId[b] = tokenToId.get(BYTE_TO_CHAR[b]!)!;

  // Words as id sequences (mutable, with their current lengths) and their counts.
  const encoder = new TextEncoder();
  const words: Int32Array[] = [];
  const lengths: number[] = [];
  const counts: number[] = [];
  for (const [word, count] of wordCounts) {
    const bytes = encoder.encode(word);
    const ids = new Int32Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) ids[i] = byteId[bytes[i]!]!;
    words.push(ids);
    lengths.push(ids.length);
    counts.push(count);
  }

  // Initial pair counts and where each pair occurs.
  const pairCounts = new Map<number, number>();
  let whereToUpdate = new Map<number, number[]>();
  for (let w = 0; w < words.length; w++) {
    const ids = words[w]!;
    const c = counts[w]!;
    for (let i = 0; i + 1 < ids.length; i++) {
      const key = pairKey(ids[i]!, ids[i + 1]!);
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + c);
      const list = whereToUpdate.get(key);
      if (list === undefined) whereToUpdate.set(key, [w]);
      else if (list[list.length - 1] !== w) list.push(w);
    }
  }
  const heap = new PairHeap();
  const flushUpdates = () => {
    for (const [key, list] of whereToUpdate) {
      const count = pairCounts.get(key)!;
      if (count > 0) heap.push({ count, left: Math.floor(key / PAIR_BITS), right: key % PAIR_BITS, words: Int32Array.from(list) });
    }
    whereToUpdate = new Map();
  };
  flushUpdates();

  const merges: { left: number; right: number }[] = [];
  const change = (left: number, right: number, delta: number, w: number) => {
    const key = pairKey(left, right);
    pairCounts.set(key, (pairCounts.get(key) ?? 0) + delta * counts[w]!);
    if (delta > 0) {
      const list = whereToUpdate.get(key);
      if (list === undefined) whereToUpdate.set(key, [w]);
      else if (list[list.length - 1] !== w) list.push(w);
    }
  };

  while (tokenToId.size < vocabSize) {
    const top = heap.pop();
    if (top === undefined) break;
    const current = pairCounts.get(pairKey(top.left, top.right)) ?? 0;
    if (top.count !== current) {
      top.count = current;
      heap.push(top);
      continue;
    }
    if (top.count < 1 || minFrequency > top.count) break;

    const a = top.left;
    const b = top.right;
    const newToken = idToToken[a]! + idToToken[b]!;
    addToken(newToken);
    const replacement = tokenToId.get(newToken)!;
    merges.push({ left: a, right: b });

    for (const w of top.words) {
      const ids = words[w]!;
      let len = lengths[w]!;
      for (let i = 0; i < len; i++) {
        if (ids[i] !== a || i + 1 >= len || ids[i + 1] !== b) continue;
        if (i > 0) {
          change(ids[i - 1]!, a, -1, w);
          change(ids[i - 1]!, replacement, 1, w);
        }
        ids[i] = replacement;
        ids.copyWithin(i + 1, i + 2, len);
        len--;
        if (i < len - 1) {
          change(b, ids[i + 1]!, -1, w);
          change(replacement, ids[i + 1]!, 1, w);
        }
      }
      lengths[w] = len;
    }
    flushUpdates();
    if (options.onProgress && merges.length % 1000 === 0) options.onProgress(merges.length, tokenToId.size);
  }

  // A pair merged twice keeps its last rank (the Rust trainer collects merges into a map by pair).
  const lastRank = new Map<number, number>();
  merges.forEach((m, rank) => lastRank.set(pairKey(m.left, m.right), rank));
  const ordered = merges.filter((m, rank) => lastRank.get(pairKey(m.left, m.right)) === rank);
  return {
    vocab: idToToken,
    merges: ordered.map((m) => [idToToken[m.left]!, idToToken[m.right]!]),
    specialTokens: [...specialTokens],
  };
}
