import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot, runCli, tempDir } from './support/harness.js';

const REAL = join(repoRoot, '..', 'shared', 'datasets', 'real');

test('domain classifier (pipelines/domain-classifier.yaml): ≥ 0.95 held-out accuracy on every real domain', async (t) => {
  if (!existsSync(REAL)) {
    t.skip(`no real text at ${REAL}; the domain accuracy target is checked where it is present`);
    return;
  }
  const dir = await tempDir('domain');
  const model = join(dir, 'domain.bin');
  const r = runCli(['classify', 'train', '--config', 'pipelines/domain-classifier.yaml', '--set', `model=${model}`]);
  assert.equal(r.code, 0, r.stderr);
  process.stdout.write(r.stdout.replace(/^/gm, '# '));
  const metrics = JSON.parse(await readFile(join(dir, 'domain.metrics.json'), 'utf8')).held_out_metrics;
  const real = metrics.sets.filter((s: { set: string }) => s.set.startsWith('real-'));
  assert.deepEqual(real.map((s: { set: string }) => s.set).sort(), ['real-books', 'real-code', 'real-encyclopedic', 'real-math']);
  for (const s of real) assert.ok(s.accuracy >= 0.95, `${s.set}: held-out accuracy ${s.accuracy} < 0.95 on ${s.examples} examples`);
  assert.ok(metrics.accuracy >= 0.95, `overall held-out accuracy ${metrics.accuracy}`);
});
