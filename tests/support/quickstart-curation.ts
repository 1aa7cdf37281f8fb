import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli, type CliResult } from './harness.js';

/**
 * Trains both quickstart classifiers from the sample alone (so the result does not depend on
 * ../shared) into `dir`, then runs pipelines/quickstart.yaml with them into `<dir>/quickstart`.
 */
export function curateSampleLikeQuickstart(dir: string): { out: string; run: CliResult } {
  const onlySample = ['--set', 'inputs=[{name: sample, paths: "datasets/sample/*.jsonl.gz", label_key: true_domain}]'];
  const domain = runCli(['classify', 'train', '--config', 'pipelines/domain-classifier.yaml', '--set', `model=${dir}/domain.bin`, ...onlySample]);
  assert.equal(domain.code, 0, domain.stderr);
  const quality = runCli(['classify', 'train', '--config', 'pipelines/quality-classifier.yaml', '--set', `model=${dir}/quality.bin`]);
  assert.equal(quality.code, 0, quality.stderr);
  const out = join(dir, 'quickstart');
  const run = runCli([
    'run', 'pipelines/quickstart.yaml', '--no-progress',
    '--set', `output.path=${out}`,
    '--set', 'workers=2',
    '--set', `steps.6.classify.models=[{model: ${dir}/domain.bin, field: domain}, {model: ${dir}/quality.bin, field: quality_fasttext, score_label: hq}]`,
  ]);
  assert.equal(run.code, 0, run.stderr);
  return { out, run };
}
