// Continued pre-training from a Hugging Face checkpoint, against the real thing: random
// LlamaForCausalLM models saved by transformers (GQA, an untied head, non-default rope_theta and
// RMSNorm eps; a tied variant in BF16 and F16; single-file and sharded safetensors) are imported by
// anneal, whose logits must match transformers' within 1e-4, on the wasm and the native TensorFlow
// backend. `anneal train` with init_from, through the real CLI, must start from the very same
// model: its first-step loss equals transformers' loss on the same batch. The export is checked to
// load back in transformers and to be a fixed point of export → import → export, byte for byte.
// The models, the Python that saves them and the transformers oracle are in hf-llama-fixture.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  DecoderModel,
  decodeTrainingCheckpoint,
  importHuggingFaceLlama,
  initBackend,
  loadTokenShards,
  nativeBackendBuilt,
  openCheckpoint,
  PackedWindowLoader,
  parseTrainingConfig,
  planStages,
  readSafetensors,
  resolveTrainingDefaults,
  writeHuggingFaceModel,
} from '@anneal/trainer';
import { runCli } from '../support/harness.js';
import { askTransformers, type Fixture, maxDifference, prepare, skip, VARIANTS } from './hf-llama-fixture.js';

const native = nativeBackendBuilt('cpu');
const nativeSkip =
  native.built || process.env.ANNEAL_REQUIRE_TENSORFLOW === '1' ? false : `native TensorFlow backend not built here (${native.reason})`;

for (const backend of ['wasm', 'tensorflow'] as const) {
  test(`anneal imports Llama checkpoints saved by transformers (GQA, tied/untied, F32/BF16/F16, sharded): logits match within 1e-4 (${backend})`, {
    skip: skip || (backend === 'tensorflow' && nativeSkip),
  }, async (t) => {
    const f = await prepare();
    await initBackend(backend);
    const names = VARIANTS.filter((v) => v.name !== 'small-vocab').map((v) => v.name);
    const ours: Float32Array[] = [];
    for (const name of names) {
      const imported = await importHuggingFaceLlama(f.models[name]!);
      const model = new DecoderModel(imported.modelConfig, imported.weights);
      const logits = model.logits(Int32Array.from(f.rows.flat()), f.rows.length);
      ours.push(logits.dataSync() as Float32Array);
      logits.dispose();
      model.dispose();
    }
    const reply = askTransformers(
      f.dir,
      names.map((name) => ({ dir: f.models[name]!, rows: f.rows })),
    );
    names.forEach((name, i) => {
      const theirs = reply.models[i]!;
      const variant = VARIANTS.find((v) => v.name === name)!;
      assert.deepEqual(theirs.shape, [f.rows.length, 96, variant.config.vocab_size]);
      assert.equal(theirs.tied, variant.config.tie_word_embeddings);
      const diff = maxDifference(ours[i]!, theirs.logits);
      t.diagnostic(
        `${name}: max |logit difference| ${diff.toExponential(2)} over ${theirs.logits.length} logits (torch ${reply.torch}, transformers ${reply.transformers})`,
      );
      assert.ok(diff < 1e-4, `${name}: max logit difference ${diff}`);
    });
  });
}

test('export → import → export is byte-identical, and the export is the source model: its config.json and its tensors bit for bit', {
  skip,
}, async () => {
  const f = await prepare();
  const tokenizer = readFileSync(f.data.tokenizer);
  for (const variant of VARIANTS) {
    const source = f.models[variant.name]!;
    const first = await importHuggingFaceLlama(source);
    const out1 = join(f.dir, `${variant.name}-export-1`);
    const out2 = join(f.dir, `${variant.name}-export-2`);
    await writeHuggingFaceModel(out1, {
      model: first.modelConfig,
      weights: first.weights,
      eosId: 0,
      tokenizer,
      dtype: first.origin.dtype,
      origin: first.origin,
    });
    const second = await importHuggingFaceLlama(out1);
    await writeHuggingFaceModel(out2, {
      model: second.modelConfig,
      weights: second.weights,
      eosId: 0,
      tokenizer,
      dtype: second.origin.dtype,
      origin: second.origin,
    });
    for (const file of readdirSync(out1))
      assert.ok(readFileSync(join(out1, file)).equals(readFileSync(join(out2, file))), `${variant.name}: ${file} differs between the two exports`);
    assert.deepEqual(readdirSync(out1).sort(), readdirSync(out2).sort());
    // the same config (Python writes 50000.0 where JSON.stringify writes 50000: the same number)
    assert.deepEqual(JSON.parse(readFileSync(join(out1, 'config.json'), 'utf8')), JSON.parse(readFileSync(join(source, 'config.json'), 'utf8')));
    // the same tensors, bit for bit, in the source's dtype (the source may be sharded; the export is one file)
    const exported = (await readSafetensors(join(out1, 'model.safetensors'))).tensors;
    const sourceFiles = readdirSync(source).filter((n) => n.endsWith('.safetensors'));
    let count = 0;
    for (const file of sourceFiles) {
      for (const [name, tensor] of (await readSafetensors(join(source, file))).tensors) {
        const mine = exported.get(name)!;
        assert.equal(mine.dtype, tensor.dtype, `${variant.name}: ${name} dtype`);
        assert.deepEqual(mine.shape, tensor.shape);
        assert.ok(
          Buffer.from(mine.data.buffer, mine.data.byteOffset, mine.data.byteLength).equals(
            Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength),
          ),
          `${variant.name}: ${name} bytes`,
        );
        count++;
      }
    }
    assert.equal(count, exported.size, `${variant.name}: the export holds the source's tensors and no others`);
  }
});

/** A one-stage continued pre-training YAML on the tiny shards, starting from `initFrom`. */
function trainingYaml(
  f: Fixture,
  runDir: string,
  initFrom: string,
  backend: string,
  steps: number,
  tokenizer: string | undefined = f.data.tokenizer,
): string {
  return [
    `run_dir: ${runDir}`,
    'seed: 0',
    `backend: ${backend}`,
    ...(tokenizer ? [`tokenizer: ${tokenizer}`] : []),
    `init_from: ${initFrom}`,
    `data: { shards: ${f.data.shards}, held_out_fraction: 0.02, eval_windows: 2 }`,
    'optimizer: { lr: 0.0005, warmup_steps: 0 }',
    'batch_size: 4',
    'eval_every: 100',
    'checkpoint_every: 2',
    'stages:',
    `  - { steps: ${steps}, seq_len: 64, lr_phase: stable }`,
    '',
  ].join('\n');
}

for (const backend of ['wasm', 'tensorflow'] as const) {
  test(`anneal train with init_from (${backend}): the first-step loss is transformers' loss on the same batch; export hf loads back in transformers`, {
    skip: skip || (backend === 'tensorflow' && nativeSkip),
  }, async (t) => {
    const f = await prepare();
    const run = join(f.dir, `run-${backend}`);
    const yamlPath = join(f.dir, `train-${backend}.yaml`);
    const yaml = trainingYaml(f, run, f.models['untied-f32-sharded']!, backend, 3);
    writeFileSync(yamlPath, yaml);
    const trained = runCli(['train', yamlPath, '--no-progress']);
    assert.equal(trained.code, 0, trained.stderr);
    assert.match(trained.stderr, /init_from .*model-00001-of-0000\d\.safetensors.*\(F32\)/);
    assert.match(trained.stderr, /model: 2 layers, d=64, 4 heads \(2 kv\), ffn 160, vocab 400, untied head/);

    // the batch the run trained on first, drawn as the trainer draws it
    const config = await resolveTrainingDefaults(parseTrainingConfig(parseYaml(yaml)));
    const [stage] = await planStages(config);
    const { corpus } = await loadTokenShards(config.data.shards);
    const loader = new PackedWindowLoader(
      corpus.splitHeldOut(config.data.held_out_fraction, config.seed).train,
      { stage: stage!.name, seed: config.seed, domains: stage!.domains },
      stage!.seqLen,
    );
    const batch = loader.nextBatch(stage!.batchSize);
    const rows = Array.from({ length: batch.batchSize }, (_, r) =>
      Array.from(batch.tokens.subarray(r * (batch.seqLen + 1), (r + 1) * (batch.seqLen + 1))),
    );

    const first = readFileSync(join(run, 'metrics.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; step: number; loss: number })
      .find((r) => r.type === 'train' && r.step === 1)!;
    const out = join(f.dir, `export-${backend}`);
    const exported = runCli(['export', 'hf', '--checkpoint', run, '--out', out]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /\(float32\)/);

    const { weights, state } = decodeTrainingCheckpoint(await openCheckpoint(run));
    await initBackend(backend);
    const model = new DecoderModel(state.model, weights);
    const logits = model.logits(Int32Array.from(f.rows.flat()), f.rows.length);
    const ours = logits.dataSync() as Float32Array;
    logits.dispose();
    model.dispose();
    const reply = askTransformers(f.dir, [
      { dir: f.models['untied-f32-sharded']!, rows: f.rows, batch: rows },
      { dir: out, rows: f.rows },
    ]);
    const lossDiff = Math.abs(first.loss - reply.models[0]!.loss!);
    const logitDiff = maxDifference(ours, reply.models[1]!.logits);
    t.diagnostic(
      `first-step loss: anneal ${first.loss.toFixed(6)}, transformers ${reply.models[0]!.loss!.toFixed(6)} (|difference| ${lossDiff.toExponential(2)}); trained model exported: max |logit difference| ${logitDiff.toExponential(2)}`,
    );
    // logits agree within 1e-4, so each row's log-softmax within 2e-4; the loss is their mean
    assert.ok(lossDiff < 2e-4, `first-step loss ${first.loss} vs transformers ${reply.models[0]!.loss}`);
    assert.ok(logitDiff < 1e-4, `exported model's logits differ by ${logitDiff}`);
    // the trained model is no longer the source, but it is the same architecture with the same config.json
    assert.deepEqual(
      JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')),
      JSON.parse(readFileSync(join(f.models['untied-f32']!, 'config.json'), 'utf8')),
    );
    assert.equal(reply.models[1]!.tied, false);

    if (backend === 'wasm') {
      // --dtype narrows the export (round to nearest even); a dtype torch does not name is refused
      const bf16 = join(f.dir, 'export-bf16');
      const narrowed = runCli(['export', 'hf', '--checkpoint', run, '--out', bf16, '--dtype', 'bfloat16']);
      assert.equal(narrowed.code, 0, narrowed.stderr);
      assert.equal(JSON.parse(readFileSync(join(bf16, 'config.json'), 'utf8')).torch_dtype, 'bfloat16');
      const narrowedTensors = (await readSafetensors(join(bf16, 'model.safetensors'))).tensors;
      assert.ok([...narrowedTensors.values()].every((t) => t.dtype === 'BF16'));
      const reread = await importHuggingFaceLlama(bf16);
      const embedding = weights.get('model.embed_tokens.weight')!;
      const back = reread.weights.get('model.embed_tokens.weight')!;
      for (let i = 0; i < embedding.length; i++)
        assert.ok(Math.abs(back[i]! - embedding[i]!) <= Math.abs(embedding[i]!) * 2 ** -8, `embedding[${i}] within BF16 rounding`);
      const refused = runCli(['export', 'hf', '--checkpoint', run, '--out', join(f.dir, 'export-f8'), '--dtype', 'float8']);
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /--dtype.*expected one of float32, bfloat16, float16/);

      // the embedding has 400 rows for 384 token ids: sampling draws only ids the tokenizer can decode
      for (const seed of ['1', '2', '3']) {
        const sampled = runCli([
          'sample',
          '--checkpoint',
          run,
          '--prompt',
          'The ',
          '--max-tokens',
          '100',
          '--temperature',
          '2',
          '--seed',
          seed,
          '--backend',
          'wasm',
        ]);
        assert.equal(sampled.code, 0, sampled.stderr);
      }

      // the run resumes as any run does: the checkpoint holds the model, init_from is not read again
      const resumed = runCli(['train', yamlPath, '--no-progress', '--resume', '--set', 'stages.0.steps=5']);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stderr, /resuming from .*step-00000003/);
      assert.doesNotMatch(resumed.stderr, /init_from /);
      assert.match(resumed.stdout, /trained 5 steps/);
    }
  });
}

test('anneal train with init_from refuses, before training, a model whose embedding is smaller than the tokenizer, and a model block that contradicts config.json', {
  skip,
}, async () => {
  const f = await prepare();
  const run = join(f.dir, 'run-refused');
  const yamlPath = join(f.dir, 'train-refused.yaml');
  writeFileSync(yamlPath, trainingYaml(f, run, f.models['small-vocab']!, 'wasm', 2));
  const small = runCli(['train', yamlPath, '--no-progress']);
  assert.equal(small.code, 1);
  assert.match(
    small.stderr,
    /index\.json: the shards' tokenizer has vocab 384 \(ids up to 383\), more than the 300 rows of .*small-vocab's embedding/,
  );
  assert.doesNotMatch(small.stderr, /anneal: backend |stage stage1:/, 'refused before the backend started, let alone training');

  writeFileSync(yamlPath, trainingYaml(f, run, f.models['untied-f32']!, 'wasm', 2));
  const contradicted = runCli(['train', yamlPath, '--no-progress', '--set', 'model.n_kv_heads=4', '--set', 'model.rope_theta=10000']);
  assert.equal(contradicted.code, 2);
  assert.match(contradicted.stderr, /model\.n_kv_heads: 4 contradicts init_from's .*config\.json: num_key_value_heads 2/);
  assert.match(contradicted.stderr, /model\.rope_theta: 10000 contradicts init_from's .*config\.json: rope_theta 50000/);
});

test("anneal train with init_from and no tokenizer key uses the model's tokenizer.json, and the export keeps the model's F16", { skip }, async () => {
  const f = await prepare();
  const model = join(f.dir, 'with-tokenizer');
  cpSync(f.models['tied-f16']!, model, { recursive: true });
  copyFileSync(f.data.tokenizer, join(model, 'tokenizer.json'));
  const run = join(f.dir, 'run-model-tokenizer');
  const yamlPath = join(f.dir, 'train-model-tokenizer.yaml');
  writeFileSync(yamlPath, trainingYaml(f, run, model, 'wasm', 1, undefined));
  const trained = runCli(['train', yamlPath, '--no-progress']);
  assert.equal(trained.code, 0, trained.stderr);
  assert.match(trained.stderr, /init_from .*model\.safetensors \(F16\)/);
  const { tokenizerJson, state } = decodeTrainingCheckpoint(await openCheckpoint(run));
  assert.ok(Buffer.from(tokenizerJson!).equals(readFileSync(f.data.tokenizer)));
  assert.equal(state.hf?.dtype, 'F16');
  const out = join(f.dir, 'export-model-tokenizer');
  assert.equal(runCli(['export', 'hf', '--checkpoint', run, '--out', out]).code, 0);
  assert.equal(
    (await readSafetensors(join(out, 'model.safetensors'))).tensors.get('model.norm.weight')!.dtype,
    'F16',
    'the export keeps the source dtype',
  );
});
