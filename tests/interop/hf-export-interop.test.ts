import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BpeEncoder } from '@anneal/tokenizer';
import { DecoderModel, decodeTrainingCheckpoint, initBackend, openCheckpoint } from '@anneal/trainer';
import { repoRoot, runCli } from '../support/harness.js';
import { prepareTinyPretrainData, tinyTrainArgs } from '../support/tiny-pretrain.js';

// The oracle: Python torch + transformers' LlamaForCausalLM loads `anneal export hf` output and its
// logits must match ours within 1e-4 on real text. Debian's CPU-only python3-torch 1.13 with
// transformers 4.44.2 (.ci/run installs both); ANNEAL_TORCH_PYTHON names another interpreter.
const candidates = [process.env.ANNEAL_TORCH_PYTHON, 'python3', '/usr/bin/python3', '/tmp/anneal-hf-venv/bin/python'].filter((p): p is string => !!p);
const python = candidates.find((p) => spawnSync(p, ['-c', 'import torch, transformers'], { encoding: 'utf8' }).status === 0);
const skip = python
  ? false
  : `no Python with torch and transformers among ${candidates.join(', ')} (.ci/run installs Debian's python3-torch and transformers==4.44.2); HF export interop skipped`;

const real = join(repoRoot, '..', 'shared', 'datasets', 'real', 'wikitext2-test.txt');

function textSample(): string[] {
  if (existsSync(real)) {
    const paragraphs = readFileSync(real, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 400);
    return [paragraphs[3]!, paragraphs[40]!, paragraphs[77]!];
  }
  // without ../shared, long documents of the bundled sample corpus still check the numbers
  const lines = gunzipSync(readFileSync(join(repoRoot, 'datasets', 'sample', 'sample-00000.jsonl.gz')))
    .toString('utf8')
    .split('\n');
  return lines
    .filter((l) => l.length > 0)
    .map((l) => (JSON.parse(l) as { text: string }).text)
    .filter((t) => t.length > 1500)
    .slice(0, 3);
}

for (const variant of [
  { name: 'tied head, GQA 4/2', sets: [] as string[] },
  { name: 'untied head, multi-query', sets: ['model.tie_embeddings=false', 'model.n_kv_heads=1'] },
]) {
  test(`transformers LlamaForCausalLM loads anneal export hf (${variant.name}); logits match within 1e-4 on real text`, { skip }, async (t) => {
    const data = await prepareTinyPretrainData();
    const run = join(data.dir, 'run');
    const train = runCli(tinyTrainArgs(data, run, 'wasm', ['model.d_model=64', 'model.n_layers=2', ...variant.sets]));
    assert.equal(train.code, 0, train.stderr);
    const out = join(data.dir, 'hf');
    const exported = runCli(['export', 'hf', '--checkpoint', run, '--out', out]);
    assert.equal(exported.code, 0, exported.stderr);

    const texts = textSample();
    const encoder = BpeEncoder.fromJson(readFileSync(data.tokenizer, 'utf8'));
    const seqLen = 128; // the long_context stage's length: RoPE at the raised base, past the 64 of earlier stages
    const rows = texts.map((t) => Array.from(encoder.encode(t)).slice(0, seqLen));
    for (const r of rows) assert.equal(r.length, seqLen, 'each paragraph gives at least 128 tokens');

    const { weights, state } = decodeTrainingCheckpoint(await openCheckpoint(run));
    await initBackend('cpu');
    const model = new DecoderModel(state.model, weights);
    const ours = model.logits(Int32Array.from(rows.flat()), rows.length);
    const ourLogits = ours.dataSync() as Float32Array;
    ours.dispose();
    model.dispose();

    const request = join(data.dir, 'request.json');
    const reply = join(data.dir, 'reply.json');
    writeFileSync(request, JSON.stringify({ rows, texts }));
    const r = spawnSync(python!, [join(repoRoot, 'tests', 'interop', 'hf_llama_logits.py'), out, request, reply], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    assert.equal(r.status, 0, r.stderr);
    const theirs = JSON.parse(readFileSync(reply, 'utf8')) as {
      logits: number[];
      shape: number[];
      ids: number[][];
      tied: boolean;
      torch: string;
      transformers: string;
    };
    assert.deepEqual(theirs.shape, [rows.length, seqLen, state.model.vocabSize]);
    assert.equal(theirs.tied, state.model.tieEmbeddings);
    let maxDiff = 0;
    let sumDiff = 0;
    let maxLogit = 0;
    for (let i = 0; i < ourLogits.length; i++) {
      const d = Math.abs(ourLogits[i]! - theirs.logits[i]!);
      maxDiff = Math.max(maxDiff, d);
      sumDiff += d;
      maxLogit = Math.max(maxLogit, Math.abs(ourLogits[i]!));
    }
    t.diagnostic(
      `${variant.name}: max |logit difference| ${maxDiff.toExponential(2)}, mean ${(sumDiff / ourLogits.length).toExponential(2)}, over ${ourLogits.length} logits ` +
        `up to ${maxLogit.toFixed(2)} in size (torch ${theirs.torch}, transformers ${theirs.transformers})`,
    );
    assert.ok(maxDiff < 1e-4, `max logit difference ${maxDiff}`);
    assert.deepEqual(
      theirs.ids,
      texts.map((t) => Array.from(encoder.encode(t))),
      'AutoTokenizer on the exported tokenizer.json gives our ids',
    );
  });
}
