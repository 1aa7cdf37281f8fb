import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAGE_MANIFEST_FORMAT, STAGE_MANIFEST_VERSION } from '@anneal/mixture';
import { createLrSchedule } from '../src/lr-schedule.js';
import { parseTrainingConfig } from '../src/training-run-config.js';
import { planStages, resolveTrainingDefaults } from '../src/training-run-plan.js';
import { writeByteTokenShards } from './support/byte-token-shards.js';

async function manifestFile(trainer: Record<string, unknown>, tokens: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-plan-'));
  const path = join(dir, 'long.manifest.json');
  const manifest = {
    format: STAGE_MANIFEST_FORMAT,
    version: STAGE_MANIFEST_VERSION,
    stage: 'long_context',
    tokens,
    trainer,
    domains: [{ domain: 'web', proportion: 1 }],
    shards: [{ path: 'a.jsonl', selection: { records: [0], ids: ['w1'], repeats: [1], domains: [0] } }],
  };
  await writeFile(path, JSON.stringify(manifest));
  return path;
}

function config(stages: unknown[]) {
  return parseTrainingConfig({
    run_dir: '/tmp/x',
    data: { shards: '/tmp/s' },
    model: { d_model: 8, n_layers: 1, n_heads: 2 },
    optimizer: { lr: 0.01, min_lr: 0.001, warmup_steps: 4 },
    batch_size: 2,
    gradient_accumulation: 2,
    stages,
  });
}

test('stages get steps from tokens, seq_len and rope_theta from a manifest’s trainer hints, and LR phases over the global step', async () => {
  const manifest = await manifestFile({ seq_len: 32, rope_theta: 500000, lr_schedule: 'ignored' }, 1000);
  const plan = await planStages(
    config([
      { name: 'broad', tokens: 1000, seq_len: 8, mixture: { web: 1 }, lr_phase: 'warmup_stable' },
      { name: 'anneal', steps: 10, seq_len: 8, mixture: { web: 1 }, lr_phase: 'decay' },
      { name: 'long_context', manifest, lr_phase: 'constant', batch_size: 1, gradient_accumulation: 4 },
    ]),
  );
  assert.deepEqual(
    plan.map((p) => [p.name, p.startStep, p.steps, p.seqLen, p.batchSize, p.accumulation, p.ropeTheta, p.extendsContext]),
    [
      ['broad', 0, 32, 8, 2, 2, 10000, false], // ceil(1000 / (2 × 2 × 8))
      ['anneal', 32, 10, 8, 2, 2, 10000, false],
      ['long_context', 42, 8, 32, 1, 4, 500000, true], // manifest tokens 1000 / (1 × 4 × 32)
    ],
  );
  assert.deepEqual(plan[2]!.domains, [{ domain: 'web', weight: 1, ids: ['w1'], repeats: [1] }]);
  const broad = createLrSchedule(plan[0]!.schedule);
  assert.ok(broad(0) < broad(3) && broad(3) < 0.01 && broad(4) === 0.01 && broad(31) === 0.01, 'warmup, then stable');
  const anneal = createLrSchedule(plan[1]!.schedule);
  assert.ok(Math.abs(anneal(32) - 0.01) < 1e-12, 'decay starts at max lr');
  assert.ok(Math.abs(anneal(37) - (0.001 + 0.009 * 0.5)) < 1e-12, 'linear decay, half way');
  assert.ok(anneal(41) > 0.001 && Math.abs(anneal(42) - 0.001) < 1e-12);
  assert.equal(createLrSchedule(plan[2]!.schedule)(45), 0.001, 'constant at min_lr');
});

test('a stage without seq_len needs one from its manifest', async () => {
  const manifest = await manifestFile({}, 1000);
  await assert.rejects(
    planStages(config([{ name: 'long', manifest }])),
    /stage long: no seq_len here and none in .*long\.manifest\.json \(trainer\.seq_len\)/,
  );
  assert.throws(() => config([{ name: 'x', steps: 3, mixture: { web: 1 } }]), /stages\.0\.seq_len: seq_len is required/);
});

test('a stage without mixture or manifest samples every domain of the shards by its token count', async () => {
  const shards = await mkdtemp(join(tmpdir(), 'anneal-natural-'));
  const doc = (id: string, domain: string | undefined, text: string) => ({ id, text, metadata: domain === undefined ? {} : { domain } });
  // byte tokens plus EOS per document: web 2 × (9 + 1) = 20, unknown (no domain) 1 × (29 + 1) = 30
  await writeByteTokenShards(shards, [
    doc('w1', 'web', 'web text.'),
    doc('w2', 'web', 'web text!'),
    doc('u1', undefined, 'a document without any domain'),
  ]);
  const config = parseTrainingConfig({
    run_dir: '/tmp/x',
    data: { shards },
    model: { d_model: 8, n_layers: 1, n_heads: 2 },
    stages: [{ steps: 50, seq_len: 8 }],
  });
  const [stage] = await planStages(config);
  assert.deepEqual(
    [...stage!.domains].sort((a, b) => a.domain.localeCompare(b.domain)),
    [
      { domain: 'unknown', weight: 30 },
      { domain: 'web', weight: 20 },
    ],
  );
  const resolved = await resolveTrainingDefaults(config);
  assert.equal(resolved.optimizer.warmup_steps, 5, 'default warmup of a 50-step run, written into the config');
});
