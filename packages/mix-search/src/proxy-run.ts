import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@anneal/core';
import { parseTrainingConfig, readMetrics, runTraining } from '@anneal/trainer';

/** Everything one proxy run needs; plain data, so it crosses to a worker process as it is. */
export interface ProxyJob {
  index: number;
  runDir: string;
  /** the training YAML's contents (validated by the trainer's own schema) */
  training: Record<string, unknown>;
  /** TensorFlow threads of the process that runs it */
  threads: number;
}

/** The file a finished proxy leaves in its run folder; its presence means the proxy is done. */
export const RESULT_FILE = 'result.json';

/** What a finished proxy leaves in `<run>/result.json`. */
export interface ProxyResult {
  index: number;
  mixture: Record<string, number>;
  steps: number;
  tokens: number;
  seconds: number;
  tokens_per_s: number;
  final_train_loss: number;
  /** the held-out loss of every evaluated domain at every evaluation step: the loss trajectory */
  trajectory: Array<{ step: number; tokens: number; loss: Record<string, number> }>;
}

export function proxyRunDir(output: string, index: number): string {
  return join(output, 'proxies', `p${String(index).padStart(4, '0')}`);
}

export async function readProxyResult(runDir: string): Promise<ProxyResult | undefined> {
  const path = join(runDir, RESULT_FILE);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ProxyResult;
  } catch (err) {
    throw new Error(`${path}: unreadable proxy result (${(err as Error).message}); delete it to train that proxy again`);
  }
}

/**
 * Trains one proxy through the trainer's API into its own run directory (config.yaml, metrics.jsonl,
 * checkpoints: `anneal train <run>/config.yaml` reproduces it), continuing from its newest checkpoint
 * when a killed search left one, then writes result.json atomically.
 */
export async function runProxy(job: ProxyJob, log: (line: string) => void = () => {}): Promise<ProxyResult> {
  const config = parseTrainingConfig(job.training);
  const started = Date.now();
  const summary = await runTraining({ config, resume: true, progress: false, threads: job.threads, log });
  const seconds = (Date.now() - started) / 1000;
  const records = readMetrics(join(job.runDir, 'metrics.jsonl'));
  const trainTokens = new Map<number, number>();
  let trainSeconds = 0;
  for (const r of records) {
    if (r.type === 'train') {
      trainTokens.set(r.step, r.tokens);
      trainSeconds = r.elapsed_s;
    }
  }
  const trajectory = records.flatMap((r) => (r.type === 'eval' ? [{ step: r.step, tokens: trainTokens.get(r.step) ?? 0, loss: r.loss }] : []));
  const mixture = (config.stages[0]!.mixture ?? {}) as Record<string, number>;
  const result: ProxyResult = {
    index: job.index,
    mixture,
    steps: summary.steps,
    tokens: summary.tokens,
    seconds: Math.round(seconds * 1000) / 1000,
    // from the run's own clock (across a resume), not this call's
    tokens_per_s: trainSeconds > 0 ? Math.round(summary.tokens / trainSeconds) : 0,
    final_train_loss: summary.finalLoss,
    trajectory,
  };
  await writeFileAtomic(join(job.runDir, RESULT_FILE), JSON.stringify(result, null, 1) + '\n');
  // only a killed proxy needs its checkpoints (to continue); a finished one is never trained again
  await rm(join(job.runDir, 'checkpoints'), { recursive: true, force: true });
  return result;
}
