import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tokenizer as HfJsTokenizer } from '@huggingface/tokenizers';
import {
  BpeEncoder,
  PreTokenizer,
  countWords,
  preTokenizerPattern,
  tokenizeDocuments,
  trainBpe,
  trainTokenizerJsonFromTexts,
  type DigitSplitting,
  type TokenizeSource,
} from '@anneal/tokenizer';
import { TokenShardWriter, buildTokenShardIndex, writeTokenShardIndex, exportMegatron, readTokenShards } from '@anneal/token-shards';
import { repoRoot, tempDir } from '../support/harness.js';
import { noRealData, realDataTexts } from '../support/real-data-texts.js';

// Oracles: Python `tokenizers` (the Rust library) for training and encoding, `@huggingface/tokenizers`
// (pure JS) for encoding, numpy for reading the Megatron export. Python parts skip without them.
const python = process.env.ANNEAL_PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', 'import tokenizers, numpy; print(tokenizers.__version__)'], { encoding: 'utf8' });
const noPython =
  probe.status === 0 ? false : `${python} with tokenizers and numpy is not installed (pip install tokenizers numpy); Python interop skipped`;
const script = (name: string) => join(repoRoot, 'tests', 'interop', name);
const SPECIALS = ['<|endoftext|>', '<|pad|>', '<|im_start|>', '<|im_end|>'];

function runPython(args: string[]): void {
  const r = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`${python} ${args.join(' ')} failed:\n${r.stderr}`);
}

async function writeTextsJsonl(path: string, texts: readonly string[]): Promise<void> {
  await writeFile(path, texts.map((text) => JSON.stringify({ text })).join('\n') + '\n');
}

function trainOurs(texts: readonly string[], vocabSize: number, minFrequency: number, digits: DigitSplitting): string {
  return trainTokenizerJsonFromTexts(texts, { vocabSize, minFrequency, specialTokens: SPECIALS }, { digits });
}

const mergeStrings = (json: { model: { merges: (string | [string, string])[] } }) =>
  json.model.merges.map((m) => (Array.isArray(m) ? m.join(' ') : m));

for (const [vocabSize, minFrequency, digits] of [
  [8192, 2, 'groups_of_3'],
  [3000, 1, 'individual'],
] as const) {
  test(`BPE training: same vocabulary and merges as Python tokenizers' BpeTrainer on the real data (vocab ${vocabSize}, min_frequency ${minFrequency}, digits ${digits})`, {
    skip: noRealData || noPython,
  }, async () => {
    const dir = await tempDir('bpe-interop');
    const texts = realDataTexts(65536).map((t) => t.text);
    await writeTextsJsonl(join(dir, 'texts.jsonl'), texts);
    const ours = JSON.parse(trainOurs(texts, vocabSize, minFrequency, digits));
    runPython([
      script('bpe_reference.py'),
      'train',
      join(dir, 'texts.jsonl'),
      join(dir, 'reference.json'),
      String(vocabSize),
      String(minFrequency),
      preTokenizerPattern({ digits }),
      SPECIALS.join(','),
    ]);
    const reference = JSON.parse(await readFile(join(dir, 'reference.json'), 'utf8'));
    assert.equal(Object.keys(ours.model.vocab).length, vocabSize);
    assert.deepEqual(ours.model.vocab, reference.model.vocab, 'vocabulary (token → id)');
    const [a, b] = [mergeStrings(ours), mergeStrings(reference)];
    const firstDifference = a.findIndex((m, i) => m !== b[i]);
    assert.equal(firstDifference, -1, `first differing merge at rank ${firstDifference}: ours ${a[firstDifference]}, Python ${b[firstDifference]}`);
    assert.equal(a.length, b.length);
    assert.deepEqual(ours.added_tokens, reference.added_tokens);
    assert.deepEqual(ours.pre_tokenizer, reference.pre_tokenizer);
  });
}

test('BPE training: same merges as Python tokenizers on 300 random small corpora (ties, repeats, overlapping pairs like "aaaa")', {
  skip: noPython,
}, async () => {
  const dir = await tempDir('bpe-fuzz');
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const corpora: string[][] = [];
  for (let c = 0; c < 300; c++) {
    const alphabet = c % 2 === 0 ? 'ab' : 'abc é';
    const words: string[] = [];
    for (let w = 3 + Math.floor(random() * 12); w > 0; w--) {
      let word = '';
      for (let l = 2 + Math.floor(random() * 12); l > 0; l--) word += alphabet[Math.floor(random() * alphabet.length)];
      for (let r = 1 + Math.floor(random() * 6); r > 0; r--) words.push(word);
    }
    corpora.push([words.join(' '), words.slice(0, 5).join('')]);
  }
  const pattern = preTokenizerPattern();
  await writeFile(join(dir, 'cases.json'), JSON.stringify({ pattern, vocab_size: 256 + 60, min_frequency: 1, corpora }));
  runPython([script('bpe_reference.py'), 'train-many', join(dir, 'cases.json'), join(dir, 'merges.json')]);
  const reference = JSON.parse(await readFile(join(dir, 'merges.json'), 'utf8')) as string[][];
  const pre = new PreTokenizer(pattern);
  corpora.forEach((texts, i) => {
    const counts = new Map<string, number>();
    for (const t of texts) countWords(pre, t, counts);
    const ours = trainBpe(counts, { vocabSize: 256 + 60, minFrequency: 1, specialTokens: [] }).merges.map((m) => m.join(' '));
    assert.deepEqual(ours, reference[i], `corpus ${i}: ${JSON.stringify(texts)}`);
  });
});

test('encoding: our encoder, Python tokenizers and @huggingface/tokenizers give identical ids on every real file; decode(encode(x)) == x', {
  skip: noRealData,
}, async (t) => {
  const dir = await tempDir('encode-interop');
  const items = realDataTexts(65536);
  const texts = items.map((i) => i.text);
  // Trained on a third of the texts, so the rest exercises unseen words too.
  const json = trainOurs(
    texts.filter((_, i) => i % 3 === 0),
    8192,
    2,
    'groups_of_3',
  );
  await writeFile(join(dir, 'tokenizer.json'), json);
  const encoder = BpeEncoder.fromJson(json);
  const ours = texts.map((text) => Array.from(encoder.encode(text)));
  const perFile = new Map<string, number>();
  items.forEach((item, i) => {
    assert.equal(encoder.decode(ours[i]!), item.text, `round trip, ${item.file} text ${i}`);
    perFile.set(item.file, (perFile.get(item.file) ?? 0) + 1);
  });
  assert.equal(perFile.size, 6, 'every real file is covered');
  // No text holds a special token's literal, so every library takes them as plain text alike.
  assert.ok(texts.every((x) => !SPECIALS.some((s) => x.includes(s))));

  const hf = new HfJsTokenizer(JSON.parse(json), {});
  items.forEach((item, i) => {
    assert.deepEqual(hf.encode(item.text, { add_special_tokens: false }).ids, ours[i], `@huggingface/tokenizers, ${item.file} text ${i}`);
  });

  await t.test('Python tokenizers', { skip: noPython }, async () => {
    await writeTextsJsonl(join(dir, 'texts.jsonl'), texts);
    runPython([script('bpe_reference.py'), 'encode', join(dir, 'tokenizer.json'), join(dir, 'texts.jsonl'), join(dir, 'ids.jsonl')]);
    const lines = (await readFile(join(dir, 'ids.jsonl'), 'utf8')).split('\n').filter(Boolean);
    assert.equal(lines.length, texts.length);
    lines.forEach((line, i) => assert.deepEqual(JSON.parse(line), ours[i], `Python tokenizers, ${items[i]!.file} text ${i}`));
  });
});

test('Megatron export: an independent numpy reader gets every token of every document back', { skip: noPython }, async () => {
  const dir = await tempDir('megatron-interop');
  const docs = Array.from({ length: 300 }, (_, i) => ({
    id: `d${i}`,
    text: `document ${i}: ${'naïve café 東京 text '.repeat(i % 13)}`,
    domain: ['web', 'code', 'math'][i % 3],
  }));
  const json = trainOurs(
    docs.map((d) => d.text),
    400,
    1,
    'groups_of_3',
  );
  const sources: TokenizeSource[] = [0, 1].map((s) => ({
    name: `part${s}`,
    items: async function* () {
      yield* docs.filter((_, i) => i % 2 === s);
    },
  }));
  await tokenizeDocuments(sources, { tokenizerJson: json, out: join(dir, 'shards'), workers: 0, batchRows: 32 });
  const result = await exportMegatron(join(dir, 'shards'), join(dir, 'megatron', 'corpus'));
  runPython([script('megatron_reader.py'), join(dir, 'megatron', 'corpus'), join(dir, 'read.json')]);
  const read = JSON.parse(await readFile(join(dir, 'read.json'), 'utf8')) as { dtype: string; document_indices: number[]; sequences: number[][] };
  const expected: number[][] = [];
  const { rows } = await readTokenShards(join(dir, 'shards'));
  for await (const row of rows) expected.push(Array.from(row.tokens));
  assert.equal(read.dtype, 'uint16');
  assert.equal(result.documents, 300);
  assert.deepEqual(
    read.document_indices,
    Array.from({ length: 301 }, (_, i) => i),
  );
  assert.deepEqual(read.sequences, expected);
  assert.ok(
    expected.every((s) => s[s.length - 1] === 0),
    'every document ends with EOS (id 0)',
  );
});

test('Megatron export of a vocabulary above 65,536: uint32 shards become int32 (code 4), read back by numpy', { skip: noPython }, async () => {
  const dir = await tempDir('megatron-int32');
  const docs = Array.from({ length: 50 }, (_, i) => Array.from({ length: 1 + (i % 7) }, (_, j) => (i * 7919 + j * 104729) % 200000).concat([0]));
  const writer = new TokenShardWriter(join(dir, 'shards', '00000.arrow'), 'uint32', 16);
  for (const [i, tokens] of docs.entries()) await writer.write({ id: `d${i}`, tokens });
  const entry = await writer.close();
  await writeTokenShardIndex(
    join(dir, 'shards'),
    buildTokenShardIndex({ tokenizer_hash: 'test', vocab_size: 200000, eos_id: 0, eos_token: '<|endoftext|>', dtype: 'uint32' }, [
      { file: '00000.arrow', ...entry },
    ]),
  );
  const result = await exportMegatron(join(dir, 'shards'), join(dir, 'm', 'big'));
  assert.equal(result.dtype, 'int32');
  runPython([script('megatron_reader.py'), join(dir, 'm', 'big'), join(dir, 'read.json')]);
  const read = JSON.parse(await readFile(join(dir, 'read.json'), 'utf8')) as { dtype: string; sequences: number[][] };
  assert.equal(read.dtype, 'int32');
  assert.deepEqual(read.sequences, docs);
});

test('token shards read in pyarrow: every column, with domain dictionary deltas across record batches', async (t) => {
  const pyarrow = ['python3', python].find((py) => spawnSync(py, ['-c', 'import pyarrow'], { encoding: 'utf8' }).status === 0);
  if (!pyarrow) return t.skip('no Python with pyarrow (pip install pyarrow)');
  const dir = await tempDir('token-shards-pyarrow');
  const domains = ['web', 'web', 'code', 'web', 'math', 'naïve', 'code', 'unknown-later'];
  const docs = Array.from({ length: 40 }, (_, i) => ({
    id: `doc-${i}`,
    domain: domains[Math.min(domains.length - 1, Math.floor(i / 5))]!,
    quality: i % 3 === 0 ? null : i / 40,
    tokens: Array.from({ length: i % 6 }, (_, j) => (i * 131 + j * 17) % 65536).concat([0]),
  }));
  const writer = new TokenShardWriter(join(dir, '00000.arrow'), 'uint16', 4);
  for (const d of docs) await writer.write(d);
  await writer.close();
  const r = spawnSync(
    pyarrow,
    ['-c', 'import sys, json, pyarrow.ipc as ipc; print(json.dumps(ipc.open_file(sys.argv[1]).read_all().to_pylist()))', join(dir, '00000.arrow')],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  assert.equal(r.status, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { id: string; domain: string; quality: number | null; tokens: number[] }[];
  assert.deepEqual(
    rows.map((x) => ({ ...x, quality: x.quality === null ? null : Math.fround(x.quality) })),
    docs.map((d) => ({ ...d, quality: d.quality === null ? null : Math.fround(d.quality) })),
  );
});
