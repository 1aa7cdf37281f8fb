import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { tokenizerHash } from '@anneal/token-shards';
import {
  BpeEncoder,
  defaultTokenizerCacheDir,
  loadCachedTokenizer,
  parseTokenizerJson,
  storeCachedTokenizer,
  tokenizeDocuments,
  tokenizerCacheFile,
  TOKENIZER_CACHE_FORMAT,
  type TokenizeItem,
  type TokenizeSource,
} from '../src/index.js';

/** Runs `body` with a fresh temporary folder, removed afterwards whatever happens. */
async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenizer-cache-'));
  try {
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// The compiled-tokenizer cache (src/tokenizer-cache.ts) must give the ids of a tokenizer loaded from
// its JSON, and must never fail a run or change its output: a bad entry is a miss, an unwritable
// cache only costs time. Real tokenizer.json files come from the devDependencies @lenml/tokenizer-*.

const ROOT = new URL('../../../../', import.meta.url).pathname;
const real = (name: string) => join(ROOT, 'node_modules', '@lenml', `tokenizer-${name}`, 'models', 'tokenizer.json');
// Llama 2: SentencePiece-style (normalizers, byte_fallback, word-start tables); Llama 3: byte-level, ignore_merges
const TOKENIZERS = ['llama2', 'llama3'].filter((n) => existsSync(real(n)));
const skip = TOKENIZERS.length === 0 ? 'node_modules/@lenml/tokenizer-* absent (npm ci installs them)' : false;

const TEXTS = [
  'Hello, world! The quick brown fox — 12345 numbers,\tand   spaces.\n',
  'def f(x):\n    return x ** 2  # ünïcödé 日本語 😀 <s> </s>',
  '',
  '  leading and trailing  ',
];

function sources(texts: readonly string[]): TokenizeSource[] {
  return [0, 1].map((s) => ({
    name: `part-${s}`,
    items: async function* (): AsyncGenerator<TokenizeItem> {
      for (let i = s; i < texts.length; i += 2) yield { id: `d${i}`, text: texts[i]! };
    },
  }));
}

async function outputFiles(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const name of (await readdir(dir)).sort()) if (name !== 'stats.json') out.set(name, await readFile(join(dir, name)));
  return out;
}

test('a cached tokenizer gives the ids of the same tokenizer.json parsed, on any text', { skip }, async () => {
  await inTempDir(async (dir) => {
    for (const name of TOKENIZERS) {
      const json = readFileSync(real(name), 'utf8');
      const parsed = parseTokenizerJson(json, name);
      assert.equal(await storeCachedTokenizer(dir, parsed), true);
      const cached = loadCachedTokenizer(dir, parsed.hash, name);
      assert.ok(cached, `${name}: the entry just written loads`);
      assert.equal(cached.hash, parsed.hash);
      assert.deepEqual(cached.vocab, parsed.vocab);
      const fromJson = new BpeEncoder(parsed);
      const fromCache = new BpeEncoder(cached);
      for (const text of TEXTS) assert.deepEqual(Array.from(fromCache.encode(text)), Array.from(fromJson.encode(text)), `${name}: ${text}`);
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
          assert.deepEqual(Array.from(fromCache.encode(text)), Array.from(fromJson.encode(text)));
        }),
        { numRuns: 300 },
      );
    }
  });
});

test('tokenize writes the cache on the first run and reads it on the next, with byte-identical output', { skip }, async () => {
  await inTempDir(async (root) => {
    const json = await readFile(real(TOKENIZERS[0]!));
    const cache = join(root, 'cache');
    const entry = tokenizerCacheFile(cache, tokenizerHash(json));
    const texts = Array.from({ length: 300 }, (_, i) => TEXTS[i % TEXTS.length]!.repeat(1 + (i % 5)));
    await tokenizeDocuments(sources(texts), { tokenizerJson: json, out: join(root, 'none'), workers: 2, tokenizerCache: false });
    assert.equal(existsSync(cache), false, 'tokenizerCache: false writes no cache');
    await tokenizeDocuments(sources(texts), { tokenizerJson: json, out: join(root, 'first'), workers: 2, tokenizerCache: cache });
    const written = await stat(entry);
    await tokenizeDocuments(sources(texts), { tokenizerJson: json, out: join(root, 'second'), workers: 2, tokenizerCache: cache });
    // a miss would have written the entry again
    assert.equal((await stat(entry)).mtimeMs, written.mtimeMs, 'the second run read the entry');
    assert.deepEqual(readdirSync(cache), [entry.slice(cache.length + 1)]);
    const none = await outputFiles(join(root, 'none'));
    assert.deepEqual(await outputFiles(join(root, 'first')), none);
    assert.deepEqual(await outputFiles(join(root, 'second')), none);
  });
});

test('a damaged entry is a miss that is rebuilt, and an unwritable cache does not fail the run', { skip }, async () => {
  await inTempDir(async (root) => {
    const json = await readFile(real(TOKENIZERS[0]!));
    const hash = tokenizerHash(json);
    const cache = join(root, 'cache');
    const parsed = parseTokenizerJson(json.toString('utf8'), 'x', hash);
    await storeCachedTokenizer(cache, parsed);
    const good = await readFile(tokenizerCacheFile(cache, hash));
    const texts = TEXTS.slice(0, 2);
    await tokenizeDocuments(sources(texts), { tokenizerJson: json, out: join(root, 'reference'), workers: 0, tokenizerCache: false });
    const reference = await outputFiles(join(root, 'reference'));
    for (const [what, bytes] of [
      ['truncated', good.subarray(0, good.length >> 1)],
      ['garbage', Buffer.from('not a cache entry')],
      ['empty', Buffer.alloc(0)],
    ] as const) {
      await writeFile(tokenizerCacheFile(cache, hash), bytes);
      assert.equal(loadCachedTokenizer(cache, hash, 'x'), undefined, `${what}: a miss`);
      const out = join(root, what);
      // with a worker thread: it is sent the damaged entry first, then the tables built from the JSON
      await tokenizeDocuments(sources(texts), { tokenizerJson: json, out, workers: 2, tokenizerCache: cache });
      assert.deepEqual(await outputFiles(out), reference, `${what}: the same output`);
      assert.ok(loadCachedTokenizer(cache, hash, 'x'), `${what}: the entry is written again`);
    }
    // an entry under another file's hash is not taken for this one
    assert.equal(loadCachedTokenizer(cache, 'f'.repeat(64), 'x'), undefined);
    // a cache folder that cannot be made (a file is in the way)
    const blocked = join(root, 'a-file');
    await writeFile(blocked, 'x');
    assert.equal(await storeCachedTokenizer(join(blocked, 'cache'), parsed), false);
    await tokenizeDocuments(sources(texts), { tokenizerJson: json, out: join(root, 'blocked'), workers: 0, tokenizerCache: join(blocked, 'cache') });
    assert.deepEqual(await outputFiles(join(root, 'blocked')), reference);
  });
});

test('the default cache folder follows ANNEAL_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
  assert.equal(defaultTokenizerCacheDir({ ANNEAL_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }), join('/c', 'tokenizers'));
  assert.equal(defaultTokenizerCacheDir({ XDG_CACHE_HOME: '/x' }), join('/x', 'anneal', 'tokenizers'));
  assert.match(defaultTokenizerCacheDir({}), /\.cache[/\\]anneal[/\\]tokenizers$/);
});

/**
 * The modules that decide what a cached tokenizer holds. An entry written by older code would be
 * read by newer code as long as TOKENIZER_CACHE_FORMAT stays the same, so a change to any of them
 * must come with a new format (or a statement, by updating only the hash here, that the tables it
 * builds are unchanged).
 */
const TABLE_SOURCES = { format: 1, sha256: '2a217e9f857655765fba6a1e343332ffd34d47062862e0925979db0a7dc47ef6' };

test('the table-building sources have not changed without TOKENIZER_CACHE_FORMAT changing', () => {
  const src = join(ROOT, 'packages', 'tokenizer', 'src');
  const files = [
    ...readdirSync(join(src, 'hf')).map((f) => join('hf', f)),
    'tokenizer-json.ts',
    'portable-tokenizer.ts',
    'pair-rank-table.ts',
    'span-hash.ts',
    'byte-level.ts',
    'tokenizer-cache.ts',
  ].sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f}\n`).update(readFileSync(join(src, f)));
  const sha256 = hash.digest('hex');
  assert.deepEqual(
    { format: TOKENIZER_CACHE_FORMAT, sha256 },
    TABLE_SOURCES,
    'the modules that build a cached tokenizer changed: if the tables they build can differ, raise TOKENIZER_CACHE_FORMAT in src/tokenizer-cache.ts; then record both here',
  );
});
