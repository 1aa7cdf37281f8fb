// Helpers shared by the benchmarks: seeded document generator, timing, memory, tables.
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { pseudoWordVocabulary } from './pseudo-words.mjs';

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
/** Git-ignored scratch folder for benchmark files. */
export const OUT_DIR = join(BENCH_DIR, 'out');

export function outDir(name) {
  const dir = join(OUT_DIR, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** MB throughout the benchmarks is 10^6 bytes. */
export const MB = 1e6;

// --- deterministic data -------------------------------------------------------------------------

/** mulberry32: small, fast, seeded PRNG returning floats in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DOMAINS = ['news', 'wiki', 'forum', 'code', 'legal', 'science', 'fiction', 'web'];

/**
 * Yields documents `{ id, text, metadata: { domain, quality } }` forever, the same sequence for the
 * same seed. Texts are ~1 KB (600–1400 chars) of Zipf-like word frequencies in sentences, with a few
 * non-ASCII words and numbers so that neither the JSON escaper nor the compressors see trivial input.
 */
export function* documents(seed = 42) {
  const random = rng(seed);
  const words = pseudoWordVocabulary(random, 20000, {
    seedWords: ['the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'it'],
    minSyllables: 1,
    maxSyllables: 4,
  });
  words.push('café', 'naïve', 'Zürich', 'façade', 'über', '東京', 'ελληνικά', '"quoted"', 'back\\slash');
  const pick = () => {
    const r = random();
    return words[Math.floor(words.length * r * r * r)]; // skewed toward the start: Zipf-like
  };
  for (let i = 0; ; i++) {
    const target = 600 + Math.floor(random() * 800);
    // Pieces joined once: a string grown with += is a rope that costs several times its length in memory.
    const parts = [];
    let length = 0;
    while (length < target) {
      const len = 6 + Math.floor(random() * 14);
      const sentence = [];
      for (let w = 0; w < len; w++) {
        let word = random() < 0.02 ? String(Math.floor(random() * 10000)) : pick();
        if (w === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
        sentence.push(word);
      }
      const s =
        (parts.length ? ' ' : '') + sentence.join(' ') + (random() < 0.85 ? '.' : random() < 0.5 ? '?' : '!') + (random() < 0.08 ? '\n\n' : '');
      parts.push(s);
      length += s.length;
    }
    const text = parts.join('');
    yield {
      id: `doc-${String(i).padStart(9, '0')}`,
      text,
      metadata: { domain: DOMAINS[Math.floor(random() * DOMAINS.length)], quality: Math.round(random() * 1e4) / 1e4 },
    };
  }
}

/** The flat record (id, text, domain, quality) as a JSON line, the way anneal writes it. */
export function jsonLine(doc) {
  return JSON.stringify({ id: doc.id, text: doc.text, ...doc.metadata }) + '\n';
}

// --- measuring ----------------------------------------------------------------------------------

let gcFn;
/** Forces a full GC between measurements (exposed at runtime, so no node flag is needed). */
export function gc() {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc');
  }
  gcFn();
}

/** Tracks the peak RSS of a phase; call sample() from hot loops (every few thousand items). */
export class RssPeak {
  constructor() {
    this.start = process.memoryUsage.rss();
    this.peak = this.start;
    this.timer = setInterval(() => this.sample(), 25);
  }
  sample() {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }
  /** Returns the phase's peak RSS, and its growth over the RSS when the phase started. */
  stop() {
    clearInterval(this.timer);
    this.sample();
    return { peak: this.peak, growth: this.peak - this.start };
  }
}

/** Process-wide peak RSS in bytes (from getrusage). */
export function maxRss() {
  return process.resourceUsage().maxRSS * 1024;
}

export async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, value };
}

// --- printing -----------------------------------------------------------------------------------

export function table(headers, rows, align) {
  const cells = rows.map((r) => r.map((c) => (c === undefined || c === null ? '' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, 3, ...cells.map((r) => r[i].length)));
  const right = align ?? headers.map(() => false);
  const line = (r) => '| ' + r.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ') + ' |';
  const sep = '|' + widths.map((w, i) => (right[i] ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [line(headers), sep, ...cells.map(line)].join('\n');
}

export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
export const mb = (bytes, digits = 1) => fmt(bytes / MB, digits);

export function machine() {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((c) => c.model.trim()))].join(', ');
  return [
    `machine: ${cpus.length} cores × ${models} (${os.arch()}), ${fmt(os.totalmem() / 2 ** 30)} GiB memory, ${os.type()} ${os.release()}`,
    `node ${process.version}, ${new Date().toISOString()}`,
  ].join('\n');
}

/** Best-of-`reps` seconds for `fn` over every document (in-process step benchmarks). */
export function best(docs, fn, reps) {
  let seconds = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    for (const d of docs) fn(d);
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return seconds;
}
