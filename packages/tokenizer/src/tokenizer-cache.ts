import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '@anneal/core';
import { fromPortableTokenizer, toPortableTokenizer, type PortableTokenizer } from './portable-tokenizer.js';
import type { LoadedTokenizer } from './tokenizer-json.js';

/**
 * The compiled-tokenizer cache: a tokenizer.json's loaded tables (portable-tokenizer.ts: the
 * model's token index, rank and merge tables, the rest of the JSON, the regex translations), kept
 * under the sha256 of the file's bytes, so a later run with the same file skips reading its
 * vocabulary and merges (Llama 3: 0.47 s → about 0.06 s, Gemma 3: 0.77 s → about 0.15 s with
 * reading and hashing the file; bench/README.md). The same idea as tiktoken's cache of its BPE files, but of the built tables.
 *
 * An entry is found only by the exact bytes of the file, the format below and the V8 that wrote it;
 * anything unreadable (truncated, another format, a stray file) is a miss and is rebuilt, and a
 * cache that cannot be written (read-only home, full disk) only costs the next run its load time:
 * no run fails or encodes differently because of the cache.
 */

/**
 * Bump when what a PortableTokenizer holds, or how its tables are derived from a tokenizer.json,
 * changes: entries of another format are never read. packages/tokenizer/test/tokenizer-cache.test.ts
 * fails when the modules that build the tables change without this changing.
 */
export const TOKENIZER_CACHE_FORMAT = 1;

/**
 * The folder of the cache: $ANNEAL_CACHE_DIR/tokenizers, else $XDG_CACHE_HOME/anneal/tokenizers,
 * else ~/.cache/anneal/tokenizers (where Hugging Face and pip keep theirs, beside).
 */
export function defaultTokenizerCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.ANNEAL_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'anneal');
  return join(base, 'tokenizers');
}

/** The file of a tokenizer.json's entry: its sha256, the format, and the V8 whose serializer wrote it. */
export function tokenizerCacheFile(dir: string, hash: string): string {
  return join(dir, `${hash}.f${TOKENIZER_CACHE_FORMAT}.v8-${process.versions.v8.replace(/[^\w.]/g, '_')}.bin`);
}

interface CacheEntry {
  format: number;
  portable: PortableTokenizer;
}

/** The cache entry of the tokenizer.json whose sha256 is `hash`: its bytes, or undefined when there is none. */
export function readCacheEntry(dir: string, hash: string): Uint8Array | undefined {
  try {
    return readFileSync(tokenizerCacheFile(dir, hash));
  } catch {
    return undefined;
  }
}

/**
 * The tokenizer an entry holds (read by {@link readCacheEntry}), or undefined when the bytes are not
 * an entry of this format for this hash. Each thread that needs the tokenizer can do this itself
 * from the same bytes, at the same time (worker-tokenizer.ts).
 */
export function tokenizerFromCacheEntry(bytes: Uint8Array, hash: string, source: string): LoadedTokenizer | undefined {
  try {
    const entry = deserialize(bytes) as CacheEntry;
    if (entry?.format !== TOKENIZER_CACHE_FORMAT || entry.portable?.hash !== hash) return undefined;
    return fromPortableTokenizer({ ...entry.portable, source });
  } catch {
    return undefined; // not an entry this build can read: rebuilt by the caller
  }
}

/** The tokenizer cached for these bytes (`hash`: their sha256), or undefined when there is none or it is unreadable. */
export function loadCachedTokenizer(dir: string, hash: string, source: string): LoadedTokenizer | undefined {
  const bytes = readCacheEntry(dir, hash);
  return bytes && tokenizerFromCacheEntry(bytes, hash, source);
}

/** Keeps a loaded tokenizer for later runs; false when the cache could not be written (the run goes on). */
export async function storeCachedTokenizer(dir: string, tokenizer: LoadedTokenizer): Promise<boolean> {
  try {
    // (the source path is the caller's, given again on load)
    const entry: CacheEntry = { format: TOKENIZER_CACHE_FORMAT, portable: { ...toPortableTokenizer(tokenizer), source: '' } };
    await writeFileAtomic(tokenizerCacheFile(dir, tokenizer.hash), serialize(entry));
    return true;
  } catch {
    return false;
  }
}
