import { join } from 'node:path';
import { runCliOk, type CliResult } from './harness.js';
import { setFlags } from './cli-arguments.js';

/**
 * Trains both quickstart classifiers from the sample alone (so they do not depend on ../shared) into
 * `<dir>/classifiers` (a folder of their own: `dir` may hold the test's inputs, and anneal refuses to
 * write into a folder of files it did not write).
 */
export function trainQuickstartClassifiers(dir: string): { domain: string; quality: string } {
  const domain = join(dir, 'classifiers', 'domain.bin');
  const quality = join(dir, 'classifiers', 'quality.bin');
  const onlySample = ['--set', 'inputs=[{name: sample, paths: "datasets/sample/*.jsonl.gz", label_key: true_domain}]'];
  runCliOk(['classify', 'train', '--config', 'pipelines/domain-classifier.yaml', '--set', `model=${domain}`, ...onlySample]);
  runCliOk(['classify', 'train', '--config', 'pipelines/quality-classifier.yaml', '--set', `model=${quality}`]);
  return { domain, quality };
}

/**
 * `anneal run` of pipelines/quickstart.yaml as it is, with the classifiers of
 * `trainQuickstartClassifiers(dir)`, into `out`, spread as `parallelism` says (`workers=2`,
 * `tasks=4`); `extra` follows (more `--set` overrides, an executor).
 */
export function quickstartRunArgs(dir: string, out: string, parallelism: string, extra: string[] = []): string[] {
  const models = `[{model: ${join(dir, 'classifiers', 'domain.bin')}, field: domain}, {model: ${join(dir, 'classifiers', 'quality.bin')}, field: quality_fasttext, score_label: hq}]`;
  return [
    'run',
    'pipelines/quickstart.yaml',
    '--no-progress',
    ...setFlags(`output.path=${out}`, parallelism, `steps.7.classify.models=${models}`),
    ...extra,
  ];
}

/**
 * Runs pipelines/quickstart.yaml as it is, with the classifiers of `trainQuickstartClassifiers(dir)`,
 * into `<dir>/quickstart`; `extra` adds `--set` overrides (another input, say).
 */
export function runQuickstartCuration(dir: string, extra: string[] = []): { out: string; run: CliResult } {
  const out = join(dir, 'quickstart');
  return { out, run: runCliOk(quickstartRunArgs(dir, out, 'workers=2', extra)) };
}

/** Both classifiers trained from the sample into `dir`, then the quickstart curation of the sample. */
export function curateSampleLikeQuickstart(dir: string): { out: string; run: CliResult } {
  trainQuickstartClassifiers(dir);
  return runQuickstartCuration(dir);
}
