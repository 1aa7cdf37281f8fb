import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readDocuments } from '@anneal/io';
import { BpeEncoder } from '@anneal/tokenizer';
import { readTokenShards } from '@anneal/token-shards';
import { repoRoot, runCli, runCliOk, tempDir } from './support/harness.js';
import { tokenizeArgs, tokenizerTrainArgs } from './support/cli-arguments.js';

async function shardBytes(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const name of (await readdir(dir)).sort()) if (name !== 'stats.json') out.set(name, await readFile(join(dir, name)));
  return out;
}

test('anneal tokenizer train → tokenize (0, 1, 2 and 8 workers: in-thread, shard-parallel and batch-parallel give the same bytes) → export megatron, on the sample corpus', async () => {
  const dir = await tempDir('tokenizer-cli');
  const train = runCliOk(tokenizerTrainArgs([`output=${join(dir, 'tok')}`, 'vocab_size=1200'], '--quiet'));
  assert.match(train.stdout, /trained vocab 1200/);
  const tokenizerJson = await readFile(join(dir, 'tok', 'tokenizer.json'), 'utf8');
  const trainStats = JSON.parse(await readFile(join(dir, 'tok', 'train-stats.json'), 'utf8'));
  // the sample corpus has documents with no domain and with an empty one: both are `unknown`
  assert.deepEqual(Object.keys(trainStats.sample.domains).sort(), ['code', 'encyclopedic', 'math', 'unknown', 'web']);
  assert.equal(trainStats.sample.domains.unknown.documents, 0, 'domains without a proportion are not sampled');

  for (const workers of ['0', '1', '2', '8']) {
    const r = runCli(
      tokenizeArgs(
        join(dir, 'tok', 'tokenizer.json'),
        'datasets/sample/*.jsonl.gz',
        join(dir, `tokens-${workers}`),
        '--workers',
        workers,
        '--batch-rows',
        '64',
      ),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /bytes\/token/);
  }
  for (const workers of ['1', '2', '8'])
    assert.deepEqual(await shardBytes(join(dir, `tokens-${workers}`)), await shardBytes(join(dir, 'tokens-0')), `${workers} workers`);

  // Every document of the sample, in input order, encodes to what the shards hold (EOS appended).
  const encoder = BpeEncoder.fromJson(tokenizerJson);
  const { index, rows } = await readTokenShards(join(dir, 'tokens-2'));
  assert.equal(index.vocab_size, 1200);
  const files = (await readdir(join(repoRoot, 'datasets', 'sample'))).filter((f) => f.endsWith('.jsonl.gz')).sort();
  const iterator = rows[Symbol.asyncIterator]();
  let n = 0;
  for (const f of files) {
    for await (const item of readDocuments(join(repoRoot, 'datasets', 'sample', f)).records) {
      const row = (await iterator.next()).value!;
      assert.equal(row.id, item.doc!.id);
      assert.deepEqual(Array.from(row.tokens), [...encoder.encode(item.doc!.text), index.eos_id]);
      n++;
    }
  }
  assert.equal((await iterator.next()).done, true);
  assert.equal(n, index.totals.rows);
  const stats = JSON.parse(await readFile(join(dir, 'tokens-2', 'stats.json'), 'utf8'));
  assert.ok(stats.domains.code.bytes_per_token > 1);

  const exported = runCli(['export', 'megatron', '--shards', join(dir, 'tokens-2'), '--out', join(dir, 'mega', 'sample')]);
  assert.equal(exported.code, 0, exported.stderr);
  const bin = await readFile(join(dir, 'mega', 'sample.bin'));
  assert.equal(bin.length, index.totals.tokens * 2, 'uint16 tokens, all of them');
});

test('anneal tokenize keeps the compiled tokenizer in $ANNEAL_CACHE_DIR, and not with --no-tokenizer-cache', async () => {
  const dir = await tempDir('tokenizer-cache-cli');
  runCliOk(tokenizerTrainArgs([`output=${join(dir, 'tok')}`, 'vocab_size=600'], '--quiet'));
  const tokenizer = join(dir, 'tok', 'tokenizer.json');
  const cache = (name: string) => ({ ANNEAL_CACHE_DIR: join(dir, name) });
  const entries = async (name: string) => readdir(join(dir, name, 'tokenizers')).catch(() => []);
  const tokenize = (out: string, env: NodeJS.ProcessEnv, ...extra: string[]) => {
    const r = runCli(tokenizeArgs(tokenizer, 'datasets/sample/*.jsonl.gz', join(dir, out), '--workers', '2', ...extra), repoRoot, env);
    assert.equal(r.code, 0, r.stderr);
  };
  tokenize('off', cache('cache-off'), '--no-tokenizer-cache');
  assert.deepEqual(await entries('cache-off'), []);
  tokenize('first', cache('cache'));
  assert.equal((await entries('cache')).length, 1);
  tokenize('second', cache('cache'));
  assert.deepEqual(await shardBytes(join(dir, 'first')), await shardBytes(join(dir, 'off')));
  assert.deepEqual(await shardBytes(join(dir, 'second')), await shardBytes(join(dir, 'off')));
});

test('anneal tokenize reads a mixture stage manifest: only the selected documents, with the manifest domains', async () => {
  const dir = await tempDir('tokenizer-manifest');
  runCliOk(tokenizerTrainArgs([`output=${dir}`, 'vocab_size=600'], '--quiet'));
  const shard = join(repoRoot, 'datasets', 'sample', 'sample-00000.jsonl.gz');
  const ids: string[] = [];
  for await (const item of readDocuments(shard).records) ids.push(item.doc!.id);
  const records = [0, 3, 4, 10];
  const manifest = {
    format: 'anneal.stage-manifest',
    version: 1,
    mixture: 'test',
    stage: 'pretrain',
    stage_index: 0,
    seed: 0,
    target_tokens: 1000,
    tokens: 1000,
    token_counting: { estimated: true, method: 'estimate' },
    group_by: 'domain',
    balance: { strategy: 'natural', default_max_epochs: 1 },
    sampling: { missing_quality: 1, quality_exponent: 0, dup_exponent: 0, dup_cap: 1, max_repeats: 1 },
    domains: ['alpha', 'beta'].map((domain) => ({
      domain,
      available_documents: 1,
      available_tokens: 1,
      excluded: {},
      proportion: 0.5,
      max_epochs: 1,
      target_tokens: 1,
      tokens: 1,
      epochs: 1,
      documents: 2,
      repeats: 2,
    })),
    shards: [
      {
        path: shard,
        format: 'jsonl',
        text_key: 'text',
        id_key: 'id',
        documents: ids.length,
        selection: { records, ids: records.map((r) => ids[r]), repeats: [1, 1, 2, 1], domains: [0, 1, 1, 0] },
      },
    ],
    base_dir: repoRoot,
  };
  await writeFile(join(dir, 'pretrain.manifest.json'), JSON.stringify(manifest));
  const r = runCli(tokenizeArgs(join(dir, 'tokenizer.json'), join(dir, 'pretrain.manifest.json'), join(dir, 'tokens'), '--workers', '1'));
  assert.equal(r.code, 0, r.stderr);
  const { rows } = await readTokenShards(join(dir, 'tokens'));
  const got: string[] = [];
  for await (const row of rows) got.push(`${row.id}:${row.domain}`);
  assert.deepEqual(
    got,
    records.map((rec, i) => `${ids[rec]}:${['alpha', 'beta', 'beta', 'alpha'][i]}`),
  );

  // A manifest whose ids no longer match the shard: reported, not silently used.
  manifest.shards[0]!.selection.ids[1] = 'changed';
  await writeFile(join(dir, 'stale.manifest.json'), JSON.stringify(manifest));
  const stale = runCli(tokenizeArgs(join(dir, 'tokenizer.json'), join(dir, 'stale.manifest.json'), join(dir, 'stale'), '--workers', '0'));
  assert.equal(stale.code, 0, stale.stderr);
  assert.match(stale.stdout, /1 bad record/);
  assert.match(await readFile(join(dir, 'stale', 'errors.jsonl'), 'utf8'), /selected \\"changed\\"; the shard changed since the selection/);
});

test('bad tokenizer inputs fail with one clear line', async () => {
  const dir = await tempDir('tokenizer-bad');
  const missing = runCli(['tokenize', '--tokenizer', join(dir, 'nope.json'), '--input', 'datasets/sample/*.jsonl.gz', '--out', join(dir, 'o')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /--tokenizer .*nope\.json: ENOENT/);
  await writeFile(join(dir, 'bad.yaml'), 'output: x\ninput: { paths: a.jsonl }\nvocab_size: 10\n');
  const config = runCli(['tokenizer', 'train', '--config', join(dir, 'bad.yaml')]);
  assert.equal(config.code, 2);
  assert.match(config.stderr, /vocab_size: must be an integer from 264/);
  const noShards = runCli(['export', 'megatron', '--shards', dir, '--out', join(dir, 'm')]);
  assert.equal(noShards.code, 1);
  assert.match(noShards.stderr, /index\.json: no token shard index/);
});
