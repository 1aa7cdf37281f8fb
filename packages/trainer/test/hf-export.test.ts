import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointStore } from '../src/checkpoint.js';
import { encodeTrainingCheckpoint, type TrainingState } from '../src/checkpoint-training-state.js';
import { exportHuggingFace, llamaConfig, withLegacyMerges } from '../src/hf-export.js';
import { initialWeights, resolveModelConfig } from '../src/model.js';
import { readSafetensors } from '../src/safetensors.js';

const config = resolveModelConfig({
  vocabSize: 300,
  dModel: 16,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  maxSeqLen: 128,
  ropeTheta: 500000,
  tieEmbeddings: false,
});

async function checkpointDir(tokenizerJson?: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-hf-'));
  const weights = initialWeights(config, 1);
  const state = {
    step: 7,
    model: config,
    eosId: 0,
    stageIndex: 0,
    stageName: 's',
    stageStep: 7,
    tokens: 1,
    tokenizerHash: 'x',
    elapsedSeconds: 1,
    loader: { stage: 's', seed: 0, seqLen: 8, windows: 0, domains: {} },
  } satisfies TrainingState;
  const files = encodeTrainingCheckpoint({ weights, optimizer: { step: 7, moments: new Map() }, state, ...(tokenizerJson ? { tokenizerJson } : {}) });
  await new CheckpointStore(join(dir, 'checkpoints'), 2).save(7, files);
  return dir;
}

test('config.json describes the same Llama: sizes, GQA, RoPE base, tying, EOS', () => {
  const c = llamaConfig(config, 0);
  assert.equal(c.model_type, 'llama');
  assert.deepEqual(c.architectures, ['LlamaForCausalLM']);
  assert.equal(c.hidden_size, 16);
  assert.equal(c.num_attention_heads, 4);
  assert.equal(c.num_key_value_heads, 2);
  assert.equal(c.intermediate_size, config.ffnHidden);
  assert.equal(c.rope_theta, 500000);
  assert.equal(c.max_position_embeddings, 128);
  assert.equal(c.tie_word_embeddings, false);
  assert.equal(c.eos_token_id, 0);
});

test('export writes the weights unchanged under their HF names, with the tokenizer from the checkpoint', async () => {
  const tokenizer = Buffer.from(
    JSON.stringify({
      model: {
        type: 'BPE',
        merges: [
          ['Ġ', 't'],
          ['h', 'e'],
        ],
      },
      added_tokens: [{ id: 0, content: '<|endoftext|>' }],
    }),
  );
  const dir = await checkpointDir(tokenizer);
  const out = join(dir, 'hf');
  const result = await exportHuggingFace(dir, out);
  assert.equal(result.step, 7);
  const { tensors, metadata } = await readSafetensors(join(out, 'model.safetensors'));
  assert.equal(metadata.format, 'pt');
  const weights = initialWeights(config, 1);
  assert.deepEqual([...tensors.keys()].sort(), [...weights.keys()].sort());
  assert.deepEqual(tensors.get('model.layers.1.self_attn.k_proj.weight')!.shape, [8, 16]);
  assert.deepEqual(tensors.get('lm_head.weight')!.data, weights.get('lm_head.weight'));
  const tok = JSON.parse(await readFile(join(out, 'tokenizer.json'), 'utf8'));
  assert.deepEqual(tok.model.merges, ['Ġ t', 'h e']);
  assert.equal(JSON.parse(await readFile(join(out, 'tokenizer_config.json'), 'utf8')).eos_token, '<|endoftext|>');
});

test('without a tokenizer the export says how to give one; merges with a space keep the pair form', async () => {
  const dir = await checkpointDir();
  await assert.rejects(exportHuggingFace(dir, join(dir, 'hf')), /holds no tokenizer\.json .*pass --tokenizer/);
  const odd = Buffer.from(JSON.stringify({ model: { merges: [['a b', 'c']] } }));
  assert.equal(withLegacyMerges(odd), odd);
});
