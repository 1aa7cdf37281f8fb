import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BpeEncoder, tokenizeDocuments, trainTokenizerJsonFromTexts, type TokenizeItem, type TokenizeSource } from '../src/index.js';
import { readTokenShards } from '@anneal/token-shards';

const DOMAINS = ['web', 'code', 'math'];
const docs = Array.from({ length: 700 }, (_, i) => ({
  id: `doc-${i}`,
  text:
    i % 50 === 7
      ? ''
      : `${DOMAINS[i % 3]} document ${i}: ${'some words and numbers 12345 '.repeat(i % 17)}\n${'def f(x):\n    return x\n'.repeat(i % 5)}`,
  domain: i % 11 === 0 ? undefined : DOMAINS[i % 3],
  quality: i % 4 === 0 ? undefined : (i % 100) / 100,
}));

function tokenizerJson(): string {
  return trainTokenizerJsonFromTexts(
    docs.map((d) => d.text),
    { vocabSize: 500, minFrequency: 2, specialTokens: ['<|endoftext|>', '<|pad|>'] },
  );
}

function sources(withErrors = false): TokenizeSource[] {
  return [0, 1, 2].map((s) => ({
    name: `part-${s}`,
    items: async function* (): AsyncGenerator<TokenizeItem> {
      for (let i = s; i < docs.length; i += 3) {
        if (withErrors && i % 97 === 0) yield { error: `part-${s}.jsonl line ${i}: not valid JSON` };
        yield docs[i]!;
      }
    },
  }));
}

async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const name of (await readdir(dir)).sort()) if (name !== 'stats.json') out.set(name, await readFile(join(dir, name)));
  return out;
}

test('same inputs give byte-identical shards and index for 0, 1 and 3 workers; rows read back in input order with EOS', async () => {
  const root = await mkdtemp(join(tmpdir(), 'tokenize-'));
  try {
    const json = tokenizerJson();
    const encoder = BpeEncoder.fromJson(json);
    const outputs = [];
    for (const workers of [0, 1, 3]) {
      const out = join(root, `w${workers}`);
      await tokenizeDocuments(sources(), { tokenizerJson: json, out, workers, batchRows: 37 });
      outputs.push(await files(out));
    }
    assert.deepEqual(outputs[1], outputs[0]);
    assert.deepEqual(outputs[2], outputs[0]);

    const { index, rows } = await readTokenShards(join(root, 'w3'));
    assert.equal(index.dtype, 'uint16');
    assert.equal(index.vocab_size, encoder.vocabSize);
    assert.equal(index.eos_id, 0);
    assert.equal(index.tokenizer_hash, encoder.hash);
    assert.equal(index.shards.length, 3);
    let n = 0;
    const expectedOrder = [0, 1, 2].flatMap((s) => docs.filter((_, i) => i % 3 === s));
    let tokens = 0;
    for await (const row of rows) {
      const d = expectedOrder[n++]!;
      assert.equal(row.id, d.id);
      assert.equal(row.domain, d.domain ?? 'unknown');
      assert.equal(row.quality, d.quality === undefined ? null : Math.fround(d.quality));
      assert.deepEqual(Array.from(row.tokens), [...encoder.encode(d.text), 0]);
      tokens += row.tokens.length;
    }
    assert.equal(n, docs.length);
    assert.equal(index.totals.rows, docs.length);
    assert.equal(index.totals.tokens, tokens);
    const perDomainRows = Object.values(index.totals.domains).reduce((s, d) => s + d.rows, 0);
    assert.equal(perDomainRows, docs.length);
    for (const d of Object.values(index.totals.domains)) assert.ok(d.bytes_per_token > 1, 'bytes per token is measured');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('bad records are counted and written to errors.jsonl with their location; the rest is tokenized', async () => {
  const root = await mkdtemp(join(tmpdir(), 'tokenize-'));
  try {
    const { stats } = await tokenizeDocuments(sources(true), { tokenizerJson: tokenizerJson(), out: root, workers: 2 });
    const expectedErrors = docs.filter((_, i) => i % 97 === 0).length;
    assert.equal(stats.errors, expectedErrors);
    assert.equal(stats.documents_out, docs.length);
    assert.equal(stats.documents_in, docs.length + expectedErrors);
    const lines = (await readFile(join(root, 'errors.jsonl'), 'utf8')).trim().split('\n');
    assert.equal(lines.length, expectedErrors);
    assert.match(lines[0]!, /part-0\.jsonl line 0: not valid JSON/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a missing EOS token is a clear error', async () => {
  const root = await mkdtemp(join(tmpdir(), 'tokenize-'));
  try {
    await assert.rejects(
      tokenizeDocuments(sources(), { tokenizerJson: tokenizerJson(), out: root, workers: 0, eosToken: '</s>' }),
      /no special token "<\/s>"/,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
