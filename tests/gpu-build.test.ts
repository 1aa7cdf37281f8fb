import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { nativeBackendBuilt } from '@anneal/trainer';
import { runCli } from './support/harness.js';
import { prepareTinyPretrainData, readMetricsLines, tinyTrainArgs } from './support/tiny-pretrain.js';

// The GPU build (`npm run setup:gpu`: @tensorflow/tfjs-node-gpu on PyPI's tensorflow 2.15.1, CUDA 12)
// end to end through the CLI. Without an NVIDIA driver its TensorFlow finds no GPU and runs its CPU
// kernels, so this also runs on CI machines without one; what it guards is that the 1 GB library and
// the CUDA wheels laid out beside it load, train, and say where they run.

const gpu = nativeBackendBuilt('gpu');
const skip = gpu.built ? false : `the GPU build is not here (${gpu.reason}); \`npm run setup:gpu\` builds it`;
const driver = existsSync('/proc/driver/nvidia/version');

test('anneal train --backend tensorflow-gpu trains on the GPU build and says where it runs', { skip }, async () => {
  const data = await prepareTinyPretrainData();
  const runDir = join(data.dir, 'gpu');
  const r = runCli([
    ...tinyTrainArgs(data, runDir, 'tensorflow', ['stages.0.steps=3', 'stages.1.steps=2', 'stages.2.steps=1']),
    '--backend',
    'tensorflow-gpu',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const line = r.stderr.split('\n').find((l) => /\bbackend @tensorflow\//.test(l));
  assert.ok(line, `no backend line in:\n${r.stderr}`);
  assert.match(line, /backend @tensorflow\/tfjs-node-gpu \(TensorFlow 2\.15\.1, /);
  if (driver) assert.match(line, /GPU, NVIDIA driver |TensorFlow found no usable GPU/);
  else assert.match(line, /no NVIDIA GPU found: TensorFlow runs on the CPU/);
  const train = readMetricsLines(runDir).filter((l) => l.type === 'train');
  assert.equal(train.length, 6);
  for (const l of train) assert.ok(Number.isFinite(l.loss), `step ${l.step}: loss ${l.loss}`);
  // a 384-token vocabulary starts near ln(384) ≈ 5.95; finite but wild values would mean broken kernels
  assert.ok(train[0]!.loss! > 4 && train[0]!.loss! < 8, `first loss ${train[0]!.loss}`);
});

test('anneal doctor --json reports tensorflow-gpu available, TensorFlow 2.15.1', { skip }, () => {
  const r = runCli(['doctor', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as {
    backends: { backend: string; available: boolean; tfVersion?: string; detail?: string; package: string }[];
    auto: string;
  };
  const entry = report.backends.find((b) => b.backend === 'tensorflow-gpu');
  assert.ok(entry, r.stdout);
  assert.equal(entry.available, true, JSON.stringify(entry));
  assert.equal(entry.package, '@tensorflow/tfjs-node-gpu');
  assert.equal(entry.tfVersion, '2.15.1');
  if (!driver) {
    assert.match(entry.detail!, /no NVIDIA GPU found: TensorFlow runs on the CPU/);
    // without a GPU, `auto` prefers the CPU build where it is built (it is listed first then)
    if (nativeBackendBuilt('cpu').built) assert.match(report.auto, /^tensorflow \(@tensorflow\/tfjs-node\)$/);
    else assert.match(report.auto, /^tensorflow-gpu /);
  }
});
