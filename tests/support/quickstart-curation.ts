import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli, type CliResult } from './harness.js';

/**
 * Trains both quickstart classifiers from the sample alone (so they do not depend on ../shared) into
 * `<dir>/classifiers` (a folder of their own: `dir` may hold the test's inputs, and anneal refuses to
 * write into a folder of files it did not write).
 */
export function trainQuickstartClassifiers(dir: string): { domain: string; quality: string } {
  const domain = join(dir, 'classifiers', 'domain.bin');
  const quality = join(dir, 'classifiers', 'quality.bin');
  const onlySample = ['--set', 'inputs=[{name: sample, paths: "datasets/sample/*.jsonl.gz", label_key: true_domain}]'];
  const d = runCli(['classify', 'train', '--config', 'pipelines/domain-classifier.yaml', '--set', `model=${domain}`, ...onlySample]);
  assert.equal(d.code, 0, d.stderr);
  const q = runCli(['classify', 'train', '--config', 'pipelines/quality-classifier.yaml', '--set', `model=${quality}`]);
  assert.equal(q.code, 0, q.stderr);
  return { domain, quality };
}

/**
 * Runs pipelines/quickstart.yaml as it is, with the classifiers of `trainQuickstartClassifiers(dir)`,
 * into `<dir>/quickstart`; `extra` adds `--set` overrides (another input, say).
 */
export function runQuickstartCuration(dir: string, extra: string[] = []): { out: string; run: CliResult } {
  const out = join(dir, 'quickstart');
  const run = runCli([
    'run',
    'pipelines/quickstart.yaml',
    '--no-progress',
    '--set',
    `output.path=${out}`,
    '--set',
    'workers=2',
    '--set',
    `steps.7.classify.models=[{model: ${join(dir, 'classifiers', 'domain.bin')}, field: domain}, {model: ${join(dir, 'classifiers', 'quality.bin')}, field: quality_fasttext, score_label: hq}]`,
    ...extra,
  ]);
  assert.equal(run.code, 0, run.stderr);
  return { out, run };
}

/** Both classifiers trained from the sample into `dir`, then the quickstart curation of the sample. */
export function curateSampleLikeQuickstart(dir: string): { out: string; run: CliResult } {
  trainQuickstartClassifiers(dir);
  return runQuickstartCuration(dir);
}
