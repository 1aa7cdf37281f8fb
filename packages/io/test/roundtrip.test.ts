import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Doc } from '@anneal/core';
import { OUTPUT_FORMATS, readDocuments, writeDocuments, type OutputFormat } from '@anneal/io';

async function roundTrip(dir: string, format: OutputFormat, docs: Doc[], rowGroupRows = 3): Promise<Doc[]> {
  const path = join(dir, `t-${Math.random().toString(36).slice(2)}.${format}`);
  const writer = writeDocuments(path, format, { rowGroupRows });
  for (const d of docs) await writer.write(d);
  await writer.close();
  const back: Doc[] = [];
  // A shard with no documents is a 0-byte JSONL file: valid output, so not an error here.
  for await (const item of readDocuments(path, { emptyFileIsError: false }).records) {
    assert.equal(item.error, undefined, item.error?.message);
    back.push(item.doc!);
  }
  return back;
}

// JSON values as Doc metadata may hold them (no -0, no undefined: JSON cannot tell them apart).
const jsonValue = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const metadataKey = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== 'id' && k !== 'text' && k !== '_anneal_extra' && k !== '__proto__');
const docArb = fc.record({
  id: fc.string({ minLength: 1, maxLength: 12 }),
  text: fc.string({ maxLength: 200, unit: 'binary' }).map((s) => s.replace(/[\ud800-\udfff]/g, '?')),
  metadata: fc.dictionary(metadataKey, jsonValue, { maxKeys: 5 }),
});

for (const format of OUTPUT_FORMATS) {
  test(`${format}: documents and arbitrary JSON metadata read back unchanged`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'anneal-rt-'));
    await fc.assert(
      fc.asyncProperty(fc.array(docArb, { maxLength: 12 }), async (generated) => {
        // plain objects, as a reader produces (fast-check dictionaries have a null prototype)
        const docs = JSON.parse(JSON.stringify(generated)) as Doc[];
        const back = await roundTrip(dir, format, docs);
        assert.deepEqual(back, docs);
      }),
      { numRuns: format === 'parquet' ? 40 : 60 },
    );
  });
}

test('Arrow IPC stream format writes and reads back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-rt-'));
  const path = join(dir, 'docs.arrows');
  const docs: Doc[] = Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, text: `t${i}`, metadata: { i } }));
  const w = writeDocuments(path, 'arrow', { arrowFormat: 'stream', rowGroupRows: 3 });
  for (const d of docs) await w.write(d);
  await w.close();
  const back: Doc[] = [];
  for await (const item of readDocuments(path).records) back.push(item.doc!);
  assert.deepEqual(back, docs);
});

test('a later row group with new keys, other types and nulls still reads back unchanged', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-rt-'));
  const docs: Doc[] = [
    { id: 'a', text: 'one', metadata: { domain: 'web', quality: 0.5 } },
    { id: 'b', text: 'two', metadata: { domain: 'code', quality: 1 } },
    { id: 'c', text: 'three', metadata: { domain: 3, quality: 'high', late: [1, { x: null }], empty: null } },
  ];
  for (const format of ['parquet', 'arrow'] as const) assert.deepEqual(await roundTrip(dir, format, docs, 2), docs);
});

test('a reader opened early and iterated late loses nothing (no flowing-mode data loss)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-late-'));
  for (const format of OUTPUT_FORMATS) {
    const path = join(dir, `late.${format}`);
    const docs: Doc[] = Array.from({ length: 2000 }, (_, i) => ({ id: `l${i}`, text: `text ${i} `.repeat(20), metadata: {} }));
    const w = writeDocuments(path, format);
    for (const d of docs) await w.write(d);
    await w.close();
    const source = readDocuments(path);
    await new Promise((r) => setTimeout(r, 100)); // the file could have been read by now
    let n = 0;
    for await (const item of source.records) if (item.doc) n++;
    assert.equal(n, docs.length, format);
    assert.ok(source.bytesRead() > 0, `${format}: bytes read are counted`);
  }
});
