import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Doc } from '@anneal/core';
import { readDocuments, writeDocuments } from '@anneal/io';
import { tempDir } from '../support/harness.js';

// pyarrow is the oracle for "files other tools wrote" and "files other tools read".
const probe = spawnSync('python3', ['-c', 'import pyarrow; print(pyarrow.__version__)'], { encoding: 'utf8' });
const skip = probe.status === 0 ? false : 'python3 with pyarrow is not installed (pip install pyarrow); interop tests skipped';

function python(script: string, ...args: string[]): string {
  const r = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

const ROWS = 1000;
const WRITE_WITH_PYARROW = `
import sys, pyarrow as pa, pyarrow.parquet as pq, pyarrow.ipc as ipc
d = sys.argv[1]
n = ${ROWS}
t = pa.table({
  "id": [f"py-{i}" for i in range(n)],
  "text": [("naïve café 東京 " * (i % 7)) + str(i) for i in range(n)],
  "domain": pa.array(["web", "code", "math", "encyclopedic"] * (n // 4)).dictionary_encode(),
  "quality": pa.array([i / n for i in range(n)], pa.float32()),
  "count": pa.array(range(n), pa.int64()),
  "tags": [["a", "b"][: i % 3] for i in range(n)],
  "url": [None if i % 5 == 0 else f"https://example.org/{i}" for i in range(n)],
})
for codec in ["snappy", "zstd", "gzip", "brotli", "lz4", "none"]:
    pq.write_table(t, f"{d}/py-{codec}.parquet", compression=codec, row_group_size=300)
with ipc.new_file(f"{d}/py-file.arrow", t.schema) as w: w.write_table(t, max_chunksize=256)
with ipc.new_stream(f"{d}/py-stream.arrows", t.schema) as w: w.write_table(t, max_chunksize=256)
`;

test('reads Parquet (every codec) and Arrow IPC (file and stream) written by pyarrow', { skip }, async () => {
  const dir = await tempDir('interop-read');
  python(WRITE_WITH_PYARROW, dir);
  const files = ['snappy', 'zstd', 'gzip', 'brotli', 'lz4', 'none'].map((c) => `py-${c}.parquet`).concat(['py-file.arrow', 'py-stream.arrows']);
  for (const name of files) {
    const docs: Doc[] = [];
    for await (const item of readDocuments(join(dir, name)).records) {
      assert.equal(item.error, undefined, `${name}: ${item.error?.message}`);
      docs.push(item.doc!);
    }
    assert.equal(docs.length, ROWS, name);
    const d = docs[123]!;
    assert.equal(d.id, 'py-123', name);
    assert.equal(d.text, 'naïve café 東京 '.repeat(123 % 7) + '123', name);
    assert.equal(d.metadata.domain, 'encyclopedic', name); // 123 % 4 = 3
    assert.ok(Math.abs((d.metadata.quality as number) - 0.123) < 1e-6, name);
    assert.equal(d.metadata.count, 123, name);
    assert.deepEqual(d.metadata.tags, [], name);
    assert.equal(d.metadata.url, 'https://example.org/123', name);
    assert.equal(docs[125]!.metadata.url, null, `${name}: a null stays null in foreign files`);
    assert.deepEqual(docs[125]!.metadata.tags, ['a', 'b'], name);
  }
});

test('Parquet (snappy, zstd, gzip) and Arrow written by anneal read back in pyarrow with the same values', { skip }, async () => {
  const dir = await tempDir('interop-write');
  const docs: Doc[] = Array.from({ length: 500 }, (_, i) => ({
    id: `a-${i}`,
    text: `document ${i} — ünïcödé ${'x'.repeat(i % 50)}`,
    metadata: { domain: ['web', 'code'][i % 2]!, quality: i / 500, flags: { n: i }, ...(i % 7 === 0 ? { rare: true } : {}) },
  }));
  const expected = JSON.stringify(docs.map((d) => ({ id: d.id, text: d.text, domain: d.metadata.domain, quality: d.metadata.quality })));
  await writeFile(join(dir, 'expected.json'), expected);
  for (const [format, codec] of [
    ['parquet', 'snappy'],
    ['parquet', 'zstd'],
    ['parquet', 'gzip'],
    ['arrow', undefined],
  ] as const) {
    const path = join(dir, `anneal-${codec ?? 'ipc'}.${format}`);
    const w = writeDocuments(path, format, { parquetCodec: codec, rowGroupRows: 128 });
    for (const d of docs) await w.write(d);
    await w.close();
    const out = python(
      `
import sys, json, pyarrow.parquet as pq, pyarrow.ipc as ipc
p = sys.argv[1]
t = pq.read_table(p) if p.endswith(".parquet") else ipc.open_file(p).read_all()
rows = [{"id": r["id"], "text": r["text"], "domain": r["domain"], "quality": r["quality"]} for r in t.to_pylist()]
want = json.load(open(sys.argv[2]))
assert rows == want, "values differ"
codec = pq.ParquetFile(p).metadata.row_group(0).column(1).compression if p.endswith(".parquet") else "ipc"
print(t.num_rows, codec, pq.ParquetFile(p).metadata.num_row_groups if p.endswith(".parquet") else "-")
`,
      path,
      join(dir, 'expected.json'),
    );
    const [rows, seenCodec, groups] = out.trim().split(' ');
    assert.equal(Number(rows), docs.length);
    if (codec) {
      assert.equal(seenCodec, codec.toUpperCase());
      assert.equal(Number(groups), 4);
    }
  }
});
