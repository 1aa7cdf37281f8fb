import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RecordError,
  SeededRng,
  filesForRank,
  ledgerImbalances,
  mergeStepStats,
  rankName,
  removeStaleTemporariesUnder,
  runStatsFromSteps,
  temporaryPathFor,
  writeFileAtomic,
  type StepStats,
} from '@anneal/core';

test('SeededRng: same seed and key give the same stream; different keys differ', () => {
  const a = new SeededRng(42, 'doc-1');
  const b = new SeededRng(42, 'doc-1');
  const c = new SeededRng(42, 'doc-2');
  const xs = Array.from({ length: 100 }, () => a.next());
  assert.deepEqual(
    xs,
    Array.from({ length: 100 }, () => b.next()),
  );
  assert.notDeepEqual(
    xs,
    Array.from({ length: 100 }, () => c.next()),
  );
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(mean > 0.35 && mean < 0.65, `mean ${mean}`);
  const r = new SeededRng(7);
  for (let i = 0; i < 1000; i++) {
    const v = r.int(3, 9);
    assert.ok(v >= 3 && v <= 9 && Number.isInteger(v));
  }
});

test('filesForRank: datatrove-style round robin over sorted files, every file exactly once', () => {
  const files = ['c', 'a', 'e', 'b', 'd'];
  assert.deepEqual(filesForRank(files, 0, 2), ['a', 'c', 'e']);
  assert.deepEqual(filesForRank(files, 1, 2), ['b', 'd']);
  const all = [0, 1, 2].flatMap((r) => filesForRank(files, r, 3)).sort();
  assert.deepEqual(all, ['a', 'b', 'c', 'd', 'e']);
  assert.throws(() => filesForRank(files, 2, 2), /rank must be/);
  assert.equal(rankName(7), '00007');
});

test('mergeStepStats adds task ledgers; ledgerImbalances finds an unbalanced step', () => {
  const task = (n: number): StepStats[] => [
    { name: 'read', in: n + 1, out: n, dropped: {}, errors: 1, bytes_in: 10, bytes_out: 8 },
    { name: 'length', in: n, out: n - 2, dropped: { too_short: 2 }, errors: 0, bytes_in: 8, bytes_out: 6 },
  ];
  const merged = mergeStepStats([task(10), task(5)]);
  assert.deepEqual(merged[1], { name: 'length', in: 15, out: 11, dropped: { too_short: 4 }, errors: 0, bytes_in: 16, bytes_out: 12 });
  const stats = runStatsFromSteps(merged);
  assert.equal(stats.documents_in, 17);
  assert.equal(stats.documents_out, 11);
  assert.deepEqual(ledgerImbalances(stats), []);
  merged[1]!.out = 12;
  assert.equal(ledgerImbalances(runStatsFromSteps(merged)).length, 2);
});

test('RecordError names file and line, escapes control bytes, serializes its location', () => {
  const err = new RecordError({ file: 'a.jsonl', line: 3 }, 'malformed JSON: token \u0000');
  assert.equal(err.message, 'a.jsonl, line 3: malformed JSON: token \\x00');
  assert.deepEqual(err.toJSON(), { file: 'a.jsonl', line: 3, reason: 'malformed JSON: token \\x00', message: err.message });
  const pq = new RecordError({ file: 'b.parquet', rowGroup: 1, row: 57 }, 'missing text');
  assert.equal(pq.message, 'b.parquet, row group 1, row 57: missing text');
});

test('writeFileAtomic leaves only the final file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-atomic-'));
  await writeFileAtomic(join(dir, 'x.json'), '{"a":1}');
  await writeFileAtomic(join(dir, 'x.json'), '{"a":2}');
  assert.deepEqual(await readdir(dir), ['x.json']);
  assert.equal(await readFile(join(dir, 'x.json'), 'utf8'), '{"a":2}');
});

test('removeStaleTemporariesUnder removes temporaries at any depth and nothing else', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-stale-'));
  const deep = join(dir, 'stages', '2-dedup_minhash', 'keys', 'bucket-0001');
  await mkdir(deep, { recursive: true });
  const keep = [join(dir, '00000.jsonl'), join(deep, '00007.bin'), join(dir, '.hidden-config'), join(deep, '.00007.bin.tmp')];
  for (const path of keep) await writeFile(path, 'final');
  // what a killed attempt leaves: the names temporaryPathFor gives, beside final names at any depth
  const stale = [temporaryPathFor(join(dir, '00000.jsonl')), temporaryPathFor(join(deep, '00007.bin'))];
  for (const path of stale) await writeFile(path, 'partial');
  assert.equal(await removeStaleTemporariesUnder(dir), 2);
  const left = (await readdir(dir, { recursive: true })).map(String).sort();
  for (const path of keep) assert.ok(left.includes(path.slice(dir.length + 1)), `${path} was kept`);
  for (const path of stale) assert.ok(!left.includes(path.slice(dir.length + 1)), `${path} was removed`);
  assert.equal(await removeStaleTemporariesUnder(join(dir, 'missing')), 0);
});
