import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunStats } from '@anneal/core';
import { runPipeline } from '@anneal/pipeline';
import { readDocuments } from '@anneal/io';
import { repoRoot, tempDir, writePipeline } from './support/harness.js';

const real = join(repoRoot, '..', 'shared', 'datasets', 'real');
const skip = existsSync(real) ? false : `real text not found at ${real}; skipped (see ../shared/datasets/real/README.md)`;

test('GSM8K through text_key: question, no id field → ids derived from path and line', { skip }, async () => {
  const dir = await tempDir('real');
  const src = join(real, 'gsm8k-test.jsonl');
  const lines = readFileSync(src, 'utf8').split('\n').filter(Boolean).length;
  const cfg = await writePipeline(
    dir,
    `input: { paths: ["${src}"], text_key: question }\noutput: { path: ${dir}/out, format: parquet }\nsteps:\n  - normalize: {}\n`,
  );
  await runPipeline({ configPath: cfg, progress: false });
  const stats = JSON.parse(await readFile(join(dir, 'out', 'stats.json'), 'utf8')) as RunStats;
  assert.equal(stats.documents_in, lines);
  assert.equal(stats.documents_out, lines);
  const first = await readDocuments(join(dir, 'out', '00000.parquet'))
    .records[Symbol.asyncIterator]()
    .next();
  const doc = first.value!.doc!;
  assert.equal(doc.id, `${src}#1`);
  assert.equal(typeof doc.metadata.answer, 'string');
  assert.match(doc.metadata.answer as string, /#### /);
});

test('CPython standard library code keeps its id, source and license fields through jsonl.zst', { skip }, async () => {
  const dir = await tempDir('real-code');
  const src = join(real, 'python-stdlib-code.jsonl');
  const cfg = await writePipeline(dir, `input: { paths: ["${src}"] }\noutput: { path: ${dir}/out, format: jsonl.zst }\n`);
  const outcome = await runPipeline({ configPath: cfg, progress: false });
  assert.equal(outcome.stats!.errors, 0);
  const original = readFileSync(src, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const back: Record<string, unknown>[] = [];
  for await (const item of readDocuments(join(dir, 'out', '00000.jsonl.zst')).records)
    back.push({ id: item.doc!.id, text: item.doc!.text, ...item.doc!.metadata });
  // every field comes back, and the reader's record of where each line came from (lineage)
  assert.deepEqual(
    back,
    original.map((r, i) => ({ ...r, source_location: `${src}, line ${i + 1}` })),
  );
});
