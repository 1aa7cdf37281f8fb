import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runPipeline } from '@anneal/pipeline';
import { repoRoot, runCli, tempDir, writePipeline } from './support/harness.js';

// The sample-only quality classifier (what the quickstart can train without ../shared).
function trainSampleQuality(model: string) {
  return runCli([
    'classify',
    'train',
    '--config',
    'pipelines/quality-classifier.yaml',
    '--set',
    `model=${model}`,
    '--set',
    'inputs=[' +
      '{name: high, paths: "datasets/sample/*.jsonl.gz", where: {intended_quality: high, true_domain: web}, label: hq},' +
      '{name: low, paths: "datasets/sample/*.jsonl.gz", where: {intended_quality: low}, label: lq}]',
  ]);
}

test('classify train on the sample alone reports per-label metrics and AUC; classify + quality_ensemble balance stats.json with 2 workers', async () => {
  const dir = await tempDir('classify-pipeline');
  const model = join(dir, 'quality.bin');
  const trained = trainSampleQuality(model);
  assert.equal(trained.code, 0, trained.stderr);
  assert.match(trained.stdout, /^hq +\d+ +[\d.]+ +[\d.]+ +[\d.]+$/m);
  const auc = Number(/AUC ([\d.]+)/.exec(trained.stdout)?.[1]);
  assert.ok(auc > 0.8, `sample-only quality AUC ${auc}`);

  const out = join(dir, 'out');
  const cfg = await writePipeline(
    dir,
    `input: { paths: ["${join(repoRoot, 'datasets/sample/*.jsonl.gz')}"] }
output: { path: ${out} }
workers: 2
steps:
  - classify: { models: [{ model: ${model}, field: quality_fasttext, score_label: hq }, { model: ${model}, field: quality_label }], batch_size: 64 }
  - quality_ensemble: { inputs: [{ key: quality_fasttext, weight: 1 }] }
`,
  );
  const outcome = await runPipeline({ configPath: cfg, progress: false, logErrors: false });
  const stats = outcome.stats!;
  assert.equal(stats.documents_in, 3156);
  assert.equal(stats.documents_in, stats.documents_out + stats.dropped + stats.errors);
  for (const step of stats.steps) {
    const dropped = Object.values(step.dropped).reduce((a: number, b) => a + (b as number), 0);
    assert.equal(step.in, step.out + dropped + step.errors, `${step.name} balances`);
  }
  const written = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8'));
  assert.deepEqual(
    written.steps.map((s: { name: string }) => s.name),
    ['read', 'classify', 'quality_ensemble'],
  );

  const lines = (await readFile(join(out, '00000.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  for (const d of lines) {
    assert.ok(typeof d.quality === 'number' && d.quality >= 0 && d.quality <= 1, `quality ${d.quality}`);
    assert.equal(d.quality, d.quality_fasttext, 'one input: the ensemble is that input');
    assert.ok(['hq', 'lq'].includes(d.quality_label));
  }
  const mean = (q: string) => {
    const of = lines.filter((d) => d.intended_quality === q);
    return of.reduce((a, d) => a + d.quality, 0) / of.length;
  };
  assert.ok(mean('high') > mean('low') + 0.3, `mean quality high ${mean('high')} vs low ${mean('low')}`);
});

test('a bad classifier config lists every problem with its key path and exits 2', () => {
  const r = runCli([
    'classify',
    'train',
    '--config',
    'pipelines/domain-classifier.yaml',
    '--set',
    'held_out=1.5',
    '--set',
    'fasttext.dim=0',
    '--set',
    'inputs.1.label_key=x',
    '--set',
    'inputs.0.split_on=(',
  ]);
  assert.equal(r.code, 2);
  for (const p of ['held_out:', 'fasttext.dim:', 'inputs.1:', 'inputs.0.split_on:']) assert.ok(r.stderr.includes(p), `${p} in ${r.stderr}`);
});

test('anneal classify train --help names its options', () => {
  const r = runCli(['classify', 'train', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /--config <classifier\.yaml>/);
  assert.match(r.stdout, /--set/);
});
