import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecordError } from '@anneal/core';
import { readDocuments } from '@anneal/io';

const fixtures = fileURLToPath(new URL('../../../../tests/fixtures/bad/', import.meta.url));
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as {
  files: { file: string; good: number; errors: { line?: number; row_group?: number; row?: number; footer?: boolean; kind: string }[] }[];
};

const reasonPattern: Record<string, RegExp> = {
  malformed_json: /malformed JSON/,
  invalid_utf8: /invalid UTF-8/,
  missing_text: /missing text field/,
  non_string_text: /text field "text" is .*expected a string/,
  truncated_gzip: /truncated gzip/,
  truncated_zstd: /truncated zstd/,
  parquet_footer: /not a readable Parquet file: its footer/,
  parquet_row_group: /row group \d+ could not be decoded/,
  empty_file: /empty file/,
};

for (const spec of expected.files) {
  test(`bad input ${spec.file}: ${spec.good} good documents, errors at the expected places`, async () => {
    let good = 0;
    const errors: RecordError[] = [];
    for await (const item of readDocuments(join(fixtures, spec.file), { displayPath: spec.file }).records) {
      if (item.error) errors.push(item.error);
      else good++;
    }
    assert.equal(good, spec.good);
    assert.equal(errors.length, spec.errors.length, errors.map((e) => e.message).join('\n'));
    spec.errors.forEach((want, i) => {
      const got = errors[i]!;
      assert.ok(got.message.startsWith(spec.file), `error names the file: ${got.message}`);
      assert.match(got.message, reasonPattern[want.kind]!);
      if (want.line !== undefined) assert.equal(got.location.line, want.line, got.message);
      if (want.row_group !== undefined) assert.equal(got.location.rowGroup, want.row_group, got.message);
      if (want.row !== undefined) assert.equal(got.location.row, want.row, got.message);
    });
  });
}

test('a single 100 MB line is reported with its line number and the lines around it are kept', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-longline-'));
  const path = join(dir, 'long.jsonl');
  const fh = await open(path, 'w');
  await fh.write('{"id":"before","text":"kept"}\n{"id":"huge","text":"');
  const block = Buffer.alloc(1 << 20, 'a');
  for (let i = 0; i < 100; i++) await fh.write(block);
  await fh.write('"}\n{"id":"after","text":"kept too"}\n');
  await fh.close();

  const seen: string[] = [];
  for await (const item of readDocuments(path, { displayPath: 'long.jsonl' }).records) {
    seen.push(item.doc ? item.doc.id : item.error!.message);
  }
  assert.deepEqual(seen, ['before', 'long.jsonl, line 2: line is longer than max_line_bytes (67108864 bytes); skipped', 'after']);

  // With a higher limit the same line is a document of 100 MB.
  const ids: string[] = [];
  for await (const item of readDocuments(path, { maxLineBytes: 200 * 1024 * 1024 }).records) {
    assert.equal(item.error, undefined);
    ids.push(`${item.doc!.id}:${item.doc!.text.length}`);
  }
  assert.deepEqual(ids, ['before:4', `huge:${100 * 1024 * 1024}`, 'after:8']);
});
