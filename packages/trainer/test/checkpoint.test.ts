import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointStore, CheckpointCorruptError, openCheckpoint, readCheckpoint } from '../src/checkpoint.js';

async function store(keep = 3): Promise<CheckpointStore> {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-ckpt-'));
  return new CheckpointStore(join(dir, 'checkpoints'), keep);
}

test('saves atomically, keeps the last K, and reads back what was saved', async () => {
  const s = await store(2);
  for (const step of [10, 20, 30]) await s.save(step, { 'model.bin': new Uint8Array([step, 1, 2]), 'state.json': `{"step":${step}}` });
  assert.deepEqual(await s.steps(), [30, 20]);
  assert.deepEqual(await readdir(s.dir), ['step-00000020', 'step-00000030'], 'no temporaries left behind');
  const latest = await s.loadLatest();
  assert.equal(latest?.step, 30);
  assert.deepEqual(Array.from(latest!.files.get('model.bin')!), [30, 1, 2]);
  assert.equal(Buffer.from(latest!.files.get('state.json')!).toString(), '{"step":30}');
});

test('a corrupt latest checkpoint falls back to the previous one with a warning', async () => {
  const s = await store(3);
  await s.save(1, { 'model.bin': new Uint8Array(64).fill(1) });
  await s.save(2, { 'model.bin': new Uint8Array(64).fill(2) });
  const bytes = await readFile(join(s.pathOf(2), 'model.bin'));
  bytes[10] ^= 0xff;
  await writeFile(join(s.pathOf(2), 'model.bin'), bytes);
  const warnings: string[] = [];
  const loaded = await s.loadLatest((m) => warnings.push(m));
  assert.equal(loaded?.step, 1);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /step-00000002 is corrupt: model\.bin SHA-256 .* does not match.*falling back/);
  await assert.rejects(readCheckpoint(s.pathOf(2)), CheckpointCorruptError);
});

test('truncated files, a missing file and a missing manifest are each caught', async () => {
  const s = await store(5);
  for (const step of [1, 2, 3, 4]) await s.save(step, { 'a.bin': new Uint8Array(100).fill(step), 'b.json': '{}' });
  await truncate(join(s.pathOf(4), 'a.bin'), 50);
  await rm(join(s.pathOf(3), 'b.json'));
  await rm(join(s.pathOf(2), 'checkpoint.json'));
  const warnings: string[] = [];
  const loaded = await s.loadLatest((m) => warnings.push(m));
  assert.equal(loaded?.step, 1);
  assert.match(warnings[0]!, /step-00000004 is corrupt: a\.bin has 50 bytes, the manifest says 100/);
  assert.match(warnings[1]!, /step-00000003 is corrupt: b\.json missing/);
  assert.match(warnings[2]!, /step-00000002 is corrupt: checkpoint\.json unreadable/);
});

test('temporaries of a killed save are removed; openCheckpoint accepts a run dir, a store, or one checkpoint', async () => {
  const s = await store(2);
  await mkdir(join(s.dir, '.step-00000005.999.abcd.tmp'), { recursive: true });
  await writeFile(join(s.dir, '.step-00000005.999.abcd.tmp', 'half.bin'), 'x');
  await s.save(6, { 'a.bin': new Uint8Array([6]) });
  assert.deepEqual(await readdir(s.dir), ['step-00000006']);
  assert.equal((await openCheckpoint(join(s.dir, '..'))).step, 6);
  assert.equal((await openCheckpoint(s.dir)).step, 6);
  assert.equal((await openCheckpoint(s.pathOf(6))).step, 6);
  await assert.rejects(openCheckpoint(join(s.dir, 'nope')), /not a checkpoint/);
});
