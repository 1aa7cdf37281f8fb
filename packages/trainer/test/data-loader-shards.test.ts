import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenShardWriter, buildTokenShardIndex, writeTokenShardIndex } from '@anneal/token-shards';
import { TokenCorpus } from '../src/data-loader-corpus.js';
import { loadTokenShards } from '../src/data-loader-shards.js';
import { PackedWindowLoader } from '../src/data-loader.js';

const EOS = 2;

async function writeShards(dir: string, shards: Array<Array<{ id: string; domain: string; tokens: number[] }>>): Promise<void> {
  const entries = [];
  for (const [i, docs] of shards.entries()) {
    const file = `${String(i).padStart(5, '0')}.arrow`;
    const w = new TokenShardWriter(join(dir, file), 'uint16', 3);
    for (const d of docs) await w.write(d);
    entries.push({ file, ...(await w.close()) });
  }
  await writeTokenShardIndex(
    dir,
    buildTokenShardIndex({ tokenizer_hash: 'x', vocab_size: 300, eos_id: EOS, eos_token: '<eos>', dtype: 'uint16' }, entries),
  );
}

test('token shards load into the same corpus (EOS stripped) and the same batches as in-memory documents', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-shards-'));
  const docs = Array.from({ length: 20 }, (_, i) => ({
    id: `d${i}`,
    domain: i % 3 === 0 ? 'code' : 'web',
    tokens: Array.from({ length: 1 + ((i * 7) % 11) }, (_, j) => 3 + ((i * 31 + j) % 290)),
  }));
  await writeShards(dir, [
    docs.slice(0, 8).map((d) => ({ ...d, tokens: [...d.tokens, EOS] })),
    docs.slice(8).map((d) => ({ ...d, tokens: [...d.tokens, EOS] })),
  ]);
  const { corpus, index } = await loadTokenShards(dir);
  assert.equal(index.eos_id, EOS);
  const memory = TokenCorpus.fromDocuments(docs, EOS, 300);
  assert.deepEqual(corpus.domains, memory.domains);
  const sampling = {
    stage: 's',
    seed: 5,
    domains: [
      { domain: 'web', weight: 1 },
      { domain: 'code', weight: 1 },
    ],
  };
  assert.deepEqual(new PackedWindowLoader(corpus, sampling, 9).nextBatch(6), new PackedWindowLoader(memory, sampling, 9).nextBatch(6));
});

test('a shard row without its EOS is reported with file, batch and row', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-shards-bad-'));
  await writeShards(dir, [
    [
      { id: 'a', domain: 'web', tokens: [5, EOS] },
      { id: 'b', domain: 'web', tokens: [5, 6] },
    ],
  ]);
  await assert.rejects(loadTokenShards(dir), /00000\.arrow: record batch 0, row 1 \(document b\): tokens do not end with EOS id 2/);
});
