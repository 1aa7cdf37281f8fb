import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  TokenShardWriter,
  buildTokenShardIndex,
  readTokenShard,
  readTokenShards,
  writeTokenShardIndex,
  type TokenShardDocument,
  type TokenDtype,
} from '../src/index.js';

const docArb = (maxId: number) =>
  fc.record({
    id: fc.string({ maxLength: 12 }),
    domain: fc.option(fc.constantFrom('web', 'code', 'math', 'wiki', 'ünï'), { nil: undefined }),
    quality: fc.option(fc.float({ min: 0, max: 1, noNaN: true }), { nil: null }),
    tokens: fc.array(fc.integer({ min: 0, max: maxId }), { maxLength: 40 }),
    textBytes: fc.nat(500),
  });

async function writeShard(path: string, dtype: TokenDtype, docs: TokenShardDocument[], batchRows: number) {
  const writer = new TokenShardWriter(path, dtype, batchRows);
  for (const d of docs) await writer.write(d);
  return writer.close();
}

test('token shards round-trip every column through the writer and reader (property)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'token-shards-'));
  try {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<TokenDtype>('uint16', 'uint32'),
        fc.array(docArb(65535), { maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        async (dtype, docs, batchRows) => {
          const path = join(dir, `${n++}.arrow`);
          const summary = await writeShard(path, dtype, docs, batchRows);
          const back: { id: string; domain: string; quality: number | null; tokens: number[] }[] = [];
          for await (const row of readTokenShard(path)) back.push({ ...row, tokens: [...row.tokens] });
          assert.equal(back.length, docs.length);
          docs.forEach((d, i) => {
            assert.equal(back[i]!.id, d.id);
            assert.equal(back[i]!.domain, d.domain ?? 'unknown');
            assert.equal(back[i]!.quality, d.quality === null || d.quality === undefined ? null : Math.fround(d.quality));
            assert.deepEqual(back[i]!.tokens, [...d.tokens]);
          });
          assert.equal(summary.rows, docs.length);
          assert.equal(
            summary.tokens,
            docs.reduce((s, d) => s + d.tokens.length, 0),
          );
        },
      ),
      { numRuns: 60 },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('same documents give the same shard bytes; the directory reads back in index order', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'token-shards-'));
  try {
    const docs: TokenShardDocument[] = Array.from({ length: 50 }, (_, i) => ({
      id: `d${i}`,
      domain: ['web', 'code', 'math'][i % 3],
      quality: i % 4 === 0 ? null : i / 50,
      tokens: Uint16Array.from({ length: i % 9 }, (_, j) => (i * 31 + j) % 1000).map((x, j, a) => (j === a.length - 1 ? 0 : x)),
      textBytes: i * 3,
    }));
    const a = await writeShard(join(dir, 'a', '00000.arrow'), 'uint16', docs, 8);
    await writeShard(join(dir, 'b', '00000.arrow'), 'uint16', docs, 8);
    assert.deepEqual(await readFile(join(dir, 'a', '00000.arrow')), await readFile(join(dir, 'b', '00000.arrow')));
    const b = await writeShard(join(dir, 'a', '00001.arrow'), 'uint16', docs.slice(0, 5), 8);
    const empty = await writeShard(join(dir, 'a', '00002.arrow'), 'uint16', [], 8);
    const index = buildTokenShardIndex({ tokenizer_hash: 'x', vocab_size: 1000, eos_id: 0, eos_token: '<|endoftext|>', dtype: 'uint16' }, [
      { file: '00000.arrow', ...a },
      { file: '00001.arrow', ...b },
      { file: '00002.arrow', ...empty },
    ]);
    await writeTokenShardIndex(join(dir, 'a'), index);
    assert.equal(index.totals.rows, 55);
    assert.equal(index.totals.domains.web!.rows, 17 + 2);
    const { rows } = await readTokenShards(join(dir, 'a'));
    const ids = [];
    for await (const r of rows) ids.push(`${r.shard}:${r.row}:${r.id}`);
    assert.equal(ids.length, 55);
    assert.equal(ids[50], '1:0:d0');
    assert.deepEqual(
      (await readdir(join(dir, 'a'))).filter((f) => f.endsWith('.tmp')),
      [],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a token id that does not fit the dtype is an error naming the document', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'token-shards-'));
  try {
    const writer = new TokenShardWriter(join(dir, 'x.arrow'), 'uint16');
    await assert.rejects(writer.write({ id: 'big', tokens: [1, 70000] }), /"big".*70000/);
    await writer.abort();
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a file that is not a token shard is a clear error', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'token-shards-'));
  try {
    const path = join(dir, 'bad.arrow');
    await (await import('node:fs/promises')).writeFile(path, 'not arrow at all');
    await assert.rejects(async () => {
      for await (const _ of readTokenShard(path)) void _;
    }, /bad\.arrow: not a readable Arrow IPC file/);
    await assert.rejects(readTokenShards(dir), /index\.json: no token shard index/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
