import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir } from './support/harness.js';
import { readSampleRecords, sampleDir } from './support/sample-corpus.js';

test('the sample generator reproduces the checked-in corpus byte for byte (same seed, same bytes)', async () => {
  const out = await tempDir('sample');
  const r = spawnSync(process.execPath, [join(repoRoot, 'datasets', 'generate-sample.mjs'), '--out', out, '--quiet'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const names = readdirSync(sampleDir).sort();
  assert.deepEqual(readdirSync(out).sort(), names);
  for (const name of names) assert.ok(readFileSync(join(out, name)).equals(readFileSync(join(sampleDir, name))), `${name} differs`);
});

test('every sample document carries its ground truth; the corpus has every domain, clusters and other languages', async () => {
  const docs = await readSampleRecords<Record<string, unknown>>();
  assert.ok(docs.length > 2000);
  assert.equal(new Set(docs.map((d) => d.id)).size, docs.length, 'ids are unique');
  for (const d of docs) {
    assert.equal(typeof d.text, 'string');
    assert.ok(['web', 'code', 'math', 'encyclopedic'].includes(d.true_domain as string), String(d.true_domain));
    assert.ok(['high', 'medium', 'low'].includes(d.intended_quality as string));
    assert.ok(d.dup_cluster === null || typeof d.dup_cluster === 'string');
  }
  const clusters = new Map<string, number>();
  for (const d of docs) if (d.dup_cluster) clusters.set(d.dup_cluster as string, (clusters.get(d.dup_cluster as string) ?? 0) + 1);
  assert.ok(clusters.size >= 50 && [...clusters.values()].every((n) => n >= 2), 'near-duplicate clusters of 2+ documents');
  assert.ok(new Set(docs.map((d) => d.language)).size >= 5, 'several languages');
  assert.ok(docs.filter((d) => d.intended_quality === 'low').length >= 100, 'low-quality pages');
});
