// The transformers side of the init_from interop tests (hf-init-from-interop.test.ts): the Python
// with torch and transformers they need, the random Llama checkpoints it saves for them, and the
// oracle (hf_llama_init_from.py) that answers with transformers' logits and losses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BpeEncoder } from '@anneal/tokenizer';
import { repoRoot, tempDir } from '../support/harness.js';
import { prepareTinyPretrainData, type TinyPretrainData } from '../support/tiny-pretrain.js';

const candidates = [process.env.ANNEAL_TORCH_PYTHON, 'python3', '/usr/bin/python3', '/tmp/anneal-hf-venv/bin/python'].filter((p): p is string => !!p);
const python = candidates.find((p) => spawnSync(p, ['-c', 'import torch, transformers'], { encoding: 'utf8' }).status === 0);
export const skip = python
  ? false
  : `no Python with torch and transformers among ${candidates.join(', ')} (.ci/run installs Debian's python3-torch and transformers==4.44.2); init_from interop skipped`;
const oracle = join(repoRoot, 'tests', 'interop', 'hf_llama_init_from.py');

/** LlamaConfig kwargs: small, but every architecture key at a value that is not its default. */
const untied = {
  vocab_size: 400, // more rows than the tokenizer's 384 ids, as padded embeddings are
  hidden_size: 64,
  intermediate_size: 160,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  max_position_embeddings: 256,
  rope_theta: 50000.0,
  rms_norm_eps: 1e-5,
  tie_word_embeddings: false,
  initializer_range: 0.05,
  bos_token_id: 1,
  eos_token_id: 0,
};
const tied = {
  ...untied,
  vocab_size: 384,
  intermediate_size: 128,
  num_key_value_heads: 1,
  max_position_embeddings: 128,
  rope_theta: 20000.0,
  rms_norm_eps: 1e-6,
  tie_word_embeddings: true,
};

export interface Variant {
  name: string;
  seed: number;
  config: Record<string, unknown>;
  dtype: 'float32' | 'bfloat16' | 'float16';
  max_shard_size: string | null;
}
export const VARIANTS: Variant[] = [
  { name: 'untied-f32', seed: 1, config: untied, dtype: 'float32', max_shard_size: null },
  { name: 'untied-f32-sharded', seed: 1, config: untied, dtype: 'float32', max_shard_size: '100KB' },
  { name: 'tied-bf16-sharded', seed: 2, config: tied, dtype: 'bfloat16', max_shard_size: '60KB' },
  { name: 'tied-f16', seed: 2, config: tied, dtype: 'float16', max_shard_size: null },
  { name: 'small-vocab', seed: 3, config: { ...untied, vocab_size: 300 }, dtype: 'float32', max_shard_size: null },
];

export interface Fixture {
  dir: string;
  data: TinyPretrainData;
  models: Record<string, string>;
  rows: number[][];
}
let fixture: Promise<Fixture> | undefined;

/** The tiny tokenizer and shards (anneal's CLI), the models (transformers), and token rows of real text. */
export function prepare(): Promise<Fixture> {
  fixture ??= (async () => {
    const data = await prepareTinyPretrainData();
    const dir = await tempDir('init-from');
    const models = Object.fromEntries(VARIANTS.map((v) => [v.name, join(dir, v.name)]));
    writeFileSync(join(dir, 'spec.json'), JSON.stringify({ models: VARIANTS.map((v) => ({ ...v, dir: models[v.name] })) }));
    const made = spawnSync(python!, [oracle, 'make', join(dir, 'spec.json')], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const encoder = BpeEncoder.fromJson(readFileSync(data.tokenizer, 'utf8'));
    const lines = gunzipSync(readFileSync(join(repoRoot, 'datasets', 'sample', 'sample-00000.jsonl.gz')))
      .toString('utf8')
      .split('\n');
    const texts = lines
      .filter((l) => l.length > 0)
      .map((l) => (JSON.parse(l) as { text: string }).text)
      .filter((t) => t.length > 1500)
      .slice(0, 3);
    const rows = texts.map((t) => Array.from(encoder.encode(t)).slice(0, 96));
    for (const r of rows) assert.equal(r.length, 96);
    return { dir, data, models, rows };
  })();
  return fixture;
}

export interface OracleReply {
  models: Array<{ logits: number[]; shape: number[]; tied: boolean; loss?: number }>;
  torch: string;
  transformers: string;
}

/** Asks transformers for the logits (and, given a batch, the loss) of each saved model on `rows`. */
export function askTransformers(dir: string, models: Array<{ dir: string; rows: number[][]; batch?: number[][] }>): OracleReply {
  const request = join(dir, `request-${Date.now()}.json`);
  const reply = `${request}.reply.json`;
  writeFileSync(request, JSON.stringify({ models }));
  const r = spawnSync(python!, [oracle, 'run', request, reply], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(readFileSync(reply, 'utf8')) as OracleReply;
}

/** The largest absolute difference between our logits and transformers'. */
export function maxDifference(ours: Float32Array, theirs: number[]): number {
  assert.equal(ours.length, theirs.length);
  let max = 0;
  for (let i = 0; i < ours.length; i++) max = Math.max(max, Math.abs(ours[i]! - theirs[i]!));
  return max;
}
