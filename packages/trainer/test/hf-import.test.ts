import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { llamaConfig, writeHuggingFaceModel } from '../src/hf-export.js';
import { importHuggingFaceLlama } from '../src/hf-import.js';
import { HfConfigError, llamaArchitecture } from '../src/hf-llama-config.js';
import { initialWeights, parameterShapes, resolveModelConfig } from '../src/model.js';
import { encodeSafetensors, type NamedTensors } from '../src/safetensors.js';
import { float32ToTensor, tensorToFloat32 } from '../src/safetensors-float.js';
import { ConfigError } from '@anneal/core';
import { parseTrainingConfig } from '../src/training-run-config.js';

const config = resolveModelConfig({
  vocabSize: 50,
  dModel: 16,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  ffnHidden: 24,
  maxSeqLen: 64,
  ropeTheta: 500000,
  normEps: 1e-6,
  tieEmbeddings: false,
});
const tokenizer = Buffer.from('{"model":{"type":"BPE","merges":[]}}');

function halves(words: number[]): Uint8Array {
  return new Uint8Array(Uint16Array.from(words).buffer);
}

test('BF16 and F16 widen to F32 exactly and narrow back to the same bits, for every finite value', () => {
  const all = Array.from({ length: 65536 }, (_, i) => i);
  for (const dtype of ['BF16', 'F16'] as const) {
    const wide = tensorToFloat32({ dtype, shape: [65536], data: halves(all) }, 'test');
    const back = new Uint16Array((float32ToTensor(wide, [65536], dtype).data as Uint8Array).buffer);
    for (const bits of all) {
      if (Number.isNaN(wide[bits]!))
        assert.ok(
          Number.isNaN(tensorToFloat32({ dtype, shape: [1], data: halves([back[bits]!]) }, 'test')[0]!),
          `${dtype} NaN ${bits.toString(16)} stays NaN`,
        );
      else assert.equal(back[bits], bits, `${dtype} 0x${bits.toString(16)} (${wide[bits]})`);
    }
  }
});

test('narrowing rounds to nearest, ties to even, as torch does', () => {
  const narrow = (dtype: 'BF16' | 'F16', values: number[]) =>
    Array.from(new Uint16Array((float32ToTensor(Float32Array.from(values), [values.length], dtype).data as Uint8Array).buffer));
  // BF16 keeps 7 mantissa bits: 1 + 2^-8 is a tie (→ 1.0, even), 1 + 3·2^-8 a tie (→ 1 + 2^-6, even), 1 + 2^-8 + 2^-20 rounds up
  assert.deepEqual(
    narrow('BF16', [1, 1 + 2 ** -8, 1 + 3 * 2 ** -8, 1 + 2 ** -8 + 2 ** -20, -2, Infinity]),
    [0x3f80, 0x3f80, 0x3f82, 0x3f81, 0xc000, 0x7f80],
  );
  // F16: 1 + 2^-11 ties to 1; 65520 rounds to Inf; 2^-25 ties to 0; 3·2^-26 rounds to the smallest subnormal; 1e-3 as numpy gives
  assert.deepEqual(
    narrow('F16', [1, 1 + 2 ** -11, 65504, 65520, 2 ** -25, 3 * 2 ** -26, 1e-3, -0.5]),
    [0x3c00, 0x3c00, 0x7bff, 0x7c00, 0x0000, 0x0001, 0x1419, 0xb800],
  );
});

test('a config.json anneal cannot compute the same way is refused, every problem naming its key', () => {
  const good = llamaConfig(config, 0) as Record<string, unknown>;
  assert.equal(llamaArchitecture(good, 'config.json').nKvHeads, 2);
  const bad = {
    ...good,
    model_type: 'mistral',
    rope_scaling: { rope_type: 'llama3', factor: 8 },
    attention_bias: true,
    hidden_act: 'gelu',
    head_dim: 8,
    mlp_bias: true,
  };
  assert.throws(
    () => llamaArchitecture(bad, 'm/config.json'),
    (err: unknown) => {
      assert.ok(err instanceof HfConfigError);
      assert.match(err.message, /^m\/config\.json: cannot load this model \(6 problems\)/);
      for (const p of [
        /model_type: "mistral" is not "llama"/,
        /hidden_act: "gelu" is not "silu"/,
        /rope_scaling: "llama3" scaling is not supported/,
        /attention_bias: true is not supported/,
        /mlp_bias: true/,
        /head_dim: 8 differs from hidden_size \/ num_attention_heads = 4/,
      ])
        assert.match(err.message, p);
      return true;
    },
  );
  assert.throws(
    () => llamaArchitecture({ model_type: 'llama', vocab_size: 10, hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 4 }, 'c.json'),
    /intermediate_size: expected a positive integer, got undefined/,
  );
});

test("a config.json's defaults are LlamaConfig's: kv heads = heads, eps 1e-6, theta 10000, untied", () => {
  const a = llamaArchitecture(
    { model_type: 'llama', vocab_size: 10, hidden_size: 16, intermediate_size: 32, num_hidden_layers: 1, num_attention_heads: 4 },
    'c.json',
  );
  assert.deepEqual([a.nKvHeads, a.normEps, a.ropeTheta, a.tieEmbeddings, a.maxPositionEmbeddings], [4, 1e-6, 10000, false, 2048]);
});

async function modelDir(tensors: NamedTensors, raw: Record<string, unknown> = llamaConfig(config, 0)): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-hf-import-'));
  await writeFile(join(dir, 'config.json'), JSON.stringify(raw));
  await writeFile(join(dir, 'model.safetensors'), encodeSafetensors(tensors));
  return dir;
}

function f32Tensors(weights: Map<string, Float32Array>): NamedTensors {
  const shapes = new Map(parameterShapes(config));
  return new Map([...weights].map(([name, data]) => [name, { dtype: 'F32' as const, shape: shapes.get(name) ?? [data.length], data }]));
}

test('export → import → export is byte-identical in every dtype, and a BF16 model keeps BF16', async () => {
  const weights = initialWeights(config, 3);
  for (const dtype of ['F32', 'BF16', 'F16'] as const) {
    const dir = await mkdtemp(join(tmpdir(), 'anneal-hf-roundtrip-'));
    await writeHuggingFaceModel(join(dir, 'a'), { model: config, weights, eosId: 0, tokenizer, dtype });
    const a = await importHuggingFaceLlama(join(dir, 'a'));
    assert.equal(a.origin.dtype, dtype);
    assert.equal(a.origin.config.torch_dtype, { F32: 'float32', BF16: 'bfloat16', F16: 'float16' }[dtype]);
    await writeHuggingFaceModel(join(dir, 'b'), {
      model: a.modelConfig,
      weights: a.weights,
      eosId: 0,
      tokenizer,
      dtype: a.origin.dtype,
      origin: a.origin,
    });
    const b = await importHuggingFaceLlama(join(dir, 'b'));
    await writeHuggingFaceModel(join(dir, 'c'), {
      model: b.modelConfig,
      weights: b.weights,
      eosId: 0,
      tokenizer,
      dtype: b.origin.dtype,
      origin: b.origin,
    });
    for (const file of ['config.json', 'generation_config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json']) {
      assert.ok((await readFile(join(dir, 'a', file))).equals(await readFile(join(dir, 'b', file))), `${dtype}: ${file} a vs b`);
      assert.ok((await readFile(join(dir, 'b', file))).equals(await readFile(join(dir, 'c', file))), `${dtype}: ${file} b vs c`);
    }
    assert.deepEqual({ ...a.modelConfig }, { ...config, embedding: 'gather' });
  }
});

test('sharded weights are read through model.safetensors.index.json', async () => {
  const weights = initialWeights(config, 4);
  const tensors = f32Tensors(weights);
  const dir = await mkdtemp(join(tmpdir(), 'anneal-hf-sharded-'));
  await writeFile(join(dir, 'config.json'), JSON.stringify(llamaConfig(config, 0)));
  const names = [...tensors.keys()];
  const parts = [names.slice(0, 7), names.slice(7)];
  const weightMap: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const file = `model-0000${i + 1}-of-00002.safetensors`;
    await writeFile(join(dir, file), encodeSafetensors(new Map(part.map((n) => [n, tensors.get(n)!]))));
    for (const n of part) weightMap[n] = file;
  }
  await writeFile(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: {}, weight_map: weightMap }));
  const imported = await importHuggingFaceLlama(dir);
  assert.deepEqual(imported.files, ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors']);
  for (const [name, w] of weights) assert.deepEqual(imported.weights.get(name), w);
  weightMap['model.norm.weight'] = 'model-00001-of-00002.safetensors';
  await writeFile(join(dir, 'model.safetensors.index.json'), JSON.stringify({ weight_map: weightMap }));
  await assert.rejects(
    importHuggingFaceLlama(dir),
    /index\.json: weight_map puts model\.norm\.weight in model-00001-of-00002\.safetensors, which does not hold it/,
  );
});

test('weights that do not fit the config are refused naming the file and the tensor', async () => {
  const weights = initialWeights(config, 5);
  const missing = f32Tensors(weights);
  missing.delete('model.layers.1.mlp.up_proj.weight');
  await assert.rejects(
    importHuggingFaceLlama(await modelDir(missing)),
    /the weights lack 1 tensor the config\.json implies: model\.layers\.1\.mlp\.up_proj\.weight/,
  );
  const reshaped = f32Tensors(weights);
  reshaped.set('model.layers.0.self_attn.k_proj.weight', {
    dtype: 'F32',
    shape: [16, 8],
    data: weights.get('model.layers.0.self_attn.k_proj.weight')!,
  });
  await assert.rejects(
    importHuggingFaceLlama(await modelDir(reshaped)),
    /model\.safetensors: tensor model\.layers\.0\.self_attn\.k_proj\.weight has shape \[16,8\], config\.json implies \[8,16\]/,
  );
  const biased = f32Tensors(weights);
  biased.set('model.layers.0.self_attn.q_proj.bias', { dtype: 'F32', shape: [16], data: new Float32Array(16) });
  await assert.rejects(importHuggingFaceLlama(await modelDir(biased)), /tensor model\.layers\.0\.self_attn\.q_proj\.bias is not a parameter/);
  const ints = f32Tensors(weights);
  ints.set('model.norm.weight', { dtype: 'I32', shape: [16], data: new Int32Array(16) });
  await assert.rejects(importHuggingFaceLlama(await modelDir(ints)), /tensor model\.norm\.weight: dtype I32 is not a floating-point weight/);
  // RoPE's inv_freq buffer (older checkpoints) is derived, and a tied model's stored head is the embedding
  const tied = resolveModelConfig({ ...config, tieEmbeddings: true });
  const extra = f32Tensors(initialWeights(tied, 5));
  extra.set('model.layers.0.self_attn.rotary_emb.inv_freq', { dtype: 'F32', shape: [2], data: new Float32Array(2) });
  extra.set('lm_head.weight', { dtype: 'F32', shape: [50, 16], data: new Float32Array(800) });
  assert.equal((await importHuggingFaceLlama(await modelDir(extra, llamaConfig(tied, 0)))).weights.has('lm_head.weight'), false);
  const truncated = await modelDir(f32Tensors(weights));
  const bytes = await readFile(join(truncated, 'model.safetensors'));
  await writeFile(join(truncated, 'model.safetensors'), bytes.subarray(0, bytes.length - 100));
  await assert.rejects(importHuggingFaceLlama(truncated), /model\.safetensors: not a valid safetensors file: tensor .* past the data .*truncated/);
  await writeFile(join(truncated, 'config.json'), '{"model_type": "llama",');
  await assert.rejects(importHuggingFaceLlama(truncated), /config\.json: cannot load this model \(1 problem\):\n {2}- not JSON/);
  const dir = await mkdtemp(join(tmpdir(), 'anneal-hf-bin-'));
  await writeFile(join(dir, 'config.json'), JSON.stringify(llamaConfig(config, 0)));
  await writeFile(join(dir, 'pytorch_model.bin'), 'pickle');
  await assert.rejects(importHuggingFaceLlama(dir), /no model\.safetensors .*PyTorch pickle weights.*safe_serialization=True/);
});

test('init_from fills the training YAML’s model block from config.json; a contradicting key names both values', async () => {
  const dir = await modelDir(f32Tensors(initialWeights(config, 6)));
  const yaml = { run_dir: 'out/x', init_from: dir, data: { shards: 'out/t' }, stages: [{ steps: 2, seq_len: 16 }] };
  const parsed = parseTrainingConfig(yaml);
  assert.deepEqual(
    {
      d: parsed.model.d_model,
      l: parsed.model.n_layers,
      h: parsed.model.n_heads,
      kv: parsed.model.n_kv_heads,
      ffn: parsed.model.ffn_hidden,
      theta: parsed.model.rope_theta,
      eps: parsed.model.norm_eps,
      tie: parsed.model.tie_embeddings,
    },
    { d: 16, l: 2, h: 4, kv: 2, ffn: 24, theta: 500000, eps: 1e-6, tie: false },
  );
  assert.equal(parsed.optimizer.lr, 3e-3, 'the default learning rate follows the imported d_model');
  assert.throws(
    () => parseTrainingConfig({ ...yaml, model: { d_model: 32, tie_embeddings: false, norm_eps: 1e-5 } }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError && err.kind === 'training');
      assert.equal(err.problems.length, 2);
      assert.match(err.problems[0]!, /^model\.d_model: 32 contradicts init_from's .*config\.json: hidden_size 16/);
      assert.match(err.problems[1]!, /^model\.norm_eps: 0\.00001 contradicts .*rms_norm_eps 0\.000001/);
      return true;
    },
  );
  assert.throws(
    () => parseTrainingConfig({ ...yaml, init_from: join(dir, 'nowhere') }),
    /init_from: .*nowhere\/config\.json: cannot read it \(ENOENT\)/,
  );
  const scaled = await modelDir(f32Tensors(initialWeights(config, 6)), {
    ...llamaConfig(config, 0),
    rope_scaling: { rope_type: 'llama3', factor: 8 },
  });
  assert.throws(
    () => parseTrainingConfig({ ...yaml, init_from: scaled, batch_size: 0 }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError && err.kind === 'training');
      assert.match(err.problems[0]!, /^init_from: .*config\.json: rope_scaling: "llama3" scaling is not supported/);
      assert.match(err.problems[1]!, /^batch_size: /, 'listed beside the YAML’s own problems');
      return true;
    },
  );
});
