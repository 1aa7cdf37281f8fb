// Deterministic input for the dedup benchmark: ~2 KB documents over a 50k-word vocabulary (so
// unrelated documents share almost no word 5-grams), near-duplicate copies with small edits, and
// document pairs built at known similarities.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from './common.mjs';
import { pseudoWordVocabulary } from './pseudo-words.mjs';

/** Word source: 50k words, skewed (r²) toward the first ones, a few accents and numbers. */
export function wordSource(seed) {
  const random = rng(seed);
  const words = pseudoWordVocabulary(random, 50000, { minSyllables: 2, maxSyllables: 4 });
  words.push('café', 'naïve', 'Zürich', 'façade', 'über');
  const word = () => (random() < 0.02 ? String(Math.floor(random() * 10000)) : words[Math.floor(words.length * random() ** 2)]);
  return { random, word };
}

/** A document as a list of sentences (each a list of words), ~`chars` characters long. */
export function sentences(src, chars) {
  const out = [];
  let length = 0;
  while (length < chars) {
    const n = 6 + Math.floor(src.random() * 14);
    const s = [];
    for (let i = 0; i < n; i++) s.push(src.word());
    out.push(s);
    length += s.reduce((a, w) => a + w.length + 1, 1);
  }
  return out;
}

export function render(sents) {
  return sents
    .map((s) => {
      const t = s.join(' ');
      return t.charAt(0).toUpperCase() + t.slice(1) + '.';
    })
    .join(' ');
}

/**
 * A near-duplicate: 1–3 word edits (substitute, delete or insert) at random places, plus
 * changes simplification erases (one sentence upper-cased, one period turned into "!").
 */
export function nearCopy(src, sents) {
  const copy = sents.map((s) => [...s]);
  const edits = 1 + Math.floor(src.random() * 3);
  for (let e = 0; e < edits; e++) {
    const s = copy[Math.floor(src.random() * copy.length)];
    const at = Math.floor(src.random() * s.length);
    const op = src.random();
    if (op < 0.5) s[at] = src.word();
    else if (op < 0.75 && s.length > 2) s.splice(at, 1);
    else s.splice(at, 0, src.word());
  }
  let text = render(copy);
  if (src.random() < 0.5) text = text.replace('.', '!');
  if (src.random() < 0.3) {
    const i = text.indexOf('. ');
    if (i > 0) text = text.slice(0, i).toUpperCase() + text.slice(i);
  }
  return text;
}

/**
 * Writes ≈ `targetBytes` of JSONL over `files` files (document i → file i mod files, so copies
 * land in other tasks than their original). A share `dupShare` of documents are near copies of an
 * original among the last 2,000. Returns the paths and the ground truth: copy id → original id.
 */
export function writeNearDupCorpus(dir, { targetBytes, files, seed = 7, dupShare = 0.15, docChars = 2000 }) {
  const src = wordSource(seed);
  const fds = Array.from({ length: files }, (_, f) => openSync(join(dir, `part-${String(f).padStart(3, '0')}.jsonl`), 'w'));
  const buffers = fds.map(() => []);
  const bufferBytes = new Array(files).fill(0);
  const flush = (f) => {
    if (buffers[f].length) writeSync(fds[f], buffers[f].join(''));
    buffers[f] = [];
    bufferBytes[f] = 0;
  };
  const recent = []; // ring of [id, sentences]
  const copies = new Map();
  let bytes = 0;
  let docs = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const id = `doc-${String(i).padStart(9, '0')}`;
    let text;
    if (recent.length > 100 && src.random() < dupShare) {
      const [origId, sents] = recent[Math.floor(src.random() * recent.length)];
      text = nearCopy(src, sents);
      copies.set(id, origId);
    } else {
      const chars = docChars * (0.8 + 0.4 * src.random());
      const sents = sentences(src, chars);
      text = render(sents);
      if (recent.length < 2000) recent.push([id, sents]);
      else recent[i % 2000] = [id, sents];
    }
    const line = JSON.stringify({ id, text }) + '\n';
    const f = i % files;
    buffers[f].push(line);
    bufferBytes[f] += line.length;
    if (bufferBytes[f] > 1 << 20) flush(f);
    bytes += Buffer.byteLength(line);
    docs++;
  }
  fds.forEach((fd, f) => {
    flush(f);
    closeSync(fd);
  });
  return { paths: fds.map((_, f) => join(dir, `part-${String(f).padStart(3, '0')}.jsonl`)), copies, docs, bytes };
}

/** Unrelated ~2 KB documents (texts only), for signature throughput. */
export function plainTexts(count, seed = 11) {
  const src = wordSource(seed);
  return Array.from({ length: count }, () => render(sentences(src, 2000 * (0.8 + 0.4 * src.random()))));
}

/**
 * Pairs at known similarities: a document and a copy with k words replaced by fresh words at
 * random positions, for each k in `ks` (`perK` pairs each). True Jaccard is computed by the caller
 * on its own shingle sets.
 */
export function similarPairs(ks, perK, seed = 13) {
  const src = wordSource(seed);
  const pairs = [];
  let fresh = 0;
  for (const k of ks) {
    for (let p = 0; p < perK; p++) {
      const words = sentences(src, 2000).flat();
      const b = [...words];
      for (let e = 0; e < k; e++) b[Math.floor(src.random() * b.length)] = `fresh${letters(fresh++)}`; // digits would fold to 0
      pairs.push({ k, a: words.join(' '), b: b.join(' ') });
    }
  }
  return pairs;
}

const letters = (n) => {
  let s = '';
  do {
    s += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
};
