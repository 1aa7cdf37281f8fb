import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './harness.js';
import { setFlags, tokenizerTrainArgs } from './cli-arguments.js';

/** A tokenizer and token shards of the bundled sample corpus, made with the real CLI (a few seconds). */
export interface TinyPretrainData {
  dir: string;
  tokenizer: string;
  shards: string;
}

export async function prepareTinyPretrainData(): Promise<TinyPretrainData> {
  const dir = await tempDir('pretrain');
  const tokenizerDir = join(dir, 'tokenizer');
  const shards = join(dir, 'tokens');
  const t = runCli(tokenizerTrainArgs(['vocab_size=384', 'sample.bytes=400000', `output=${tokenizerDir}`], '--quiet'));
  if (t.code !== 0) throw new Error(`anneal tokenizer train failed: ${t.stderr}`);
  const tokenizer = join(tokenizerDir, 'tokenizer.json');
  const k = runCli([
    'tokenize',
    '--tokenizer',
    tokenizer,
    '--input',
    'datasets/sample/sample-00000.jsonl.gz',
    'datasets/sample/sample-00001.jsonl.gz',
    '--out',
    shards,
    '--workers',
    '0',
  ]);
  if (k.code !== 0) throw new Error(`anneal tokenize failed: ${k.stderr}`);
  return { dir, tokenizer, shards };
}

/**
 * `--set` overrides that run pipelines/pretrain-tiny.yaml (the shipped file, shrunk further) on
 * the prepared data into `runDir`: 3 stages, 16 steps, checkpoints every 3 steps.
 */
export function tinyPretrainOverrides(data: TinyPretrainData, runDir: string, backend: 'cpu' | 'wasm' | 'tensorflow'): string[] {
  const sets = [
    `run_dir=${runDir}`,
    `tokenizer=${data.tokenizer}`,
    `data.shards=${data.shards}`,
    `backend=${backend}`,
    'model.d_model=32',
    'model.n_layers=1',
    // tfjs's plain-JS cpu backend is ~15× slower than wasm: smaller batches and windows keep it to seconds
    `batch_size=${backend === 'cpu' ? 2 : 4}`,
    `stages.0.seq_len=${backend === 'cpu' ? 32 : 64}`,
    `stages.1.seq_len=${backend === 'cpu' ? 32 : 64}`,
    'eval_every=5',
    'data.eval_windows=2',
    'checkpoint_every=3',
    'keep_checkpoints=2',
    'stages.0.steps=8',
    'stages.1.steps=5',
    'stages.2.steps=3',
    `stages.2.seq_len=${backend === 'cpu' ? 64 : 128}`,
    'stages.2.long_documents.min_tokens=128',
  ];
  return setFlags(...sets);
}

/**
 * `anneal train` of pipelines/pretrain-tiny.yaml on the prepared data into `runDir`
 * (`tinyPretrainOverrides`), then `overrides` as more `--set`s (fewer steps, a larger model).
 */
export function tinyTrainArgs(data: TinyPretrainData, runDir: string, backend: 'cpu' | 'wasm' | 'tensorflow', overrides: string[] = []): string[] {
  return ['train', 'pipelines/pretrain-tiny.yaml', '--no-progress', ...tinyPretrainOverrides(data, runDir, backend), ...setFlags(...overrides)];
}

export interface TrainLine {
  type: string;
  step: number;
  loss?: number;
  lr?: number;
  grad_norm?: number;
}

export function readMetricsLines(runDir: string): TrainLine[] {
  return readFileSync(join(runDir, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as TrainLine);
}

/** The loss curve and every evaluation, without timings (tokens/s, elapsed) that differ between runs. */
export function curveOf(lines: TrainLine[]): unknown[] {
  return lines.map((l) => {
    const { tokens_per_s: _t, elapsed_s: _e, ...rest } = l as TrainLine & { tokens_per_s?: number; elapsed_s?: number };
    return rest;
  });
}
