import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeededRng } from '@anneal/core';
import { nativeBackendBuilt } from '@anneal/trainer';
import { runCli, startCli } from './support/harness.js';
import { setFlags } from './support/cli-arguments.js';
import { curveOf, prepareTinyPretrainData, readMetricsLines, tinyTrainArgs, type TinyPretrainData } from './support/tiny-pretrain.js';

// Crash safety of training: `anneal train` killed with SIGKILL at seeded moments (mid-step, or while
// a checkpoint is being written) and continued with --resume must produce exactly the loss curve of
// an uninterrupted run — every loss, learning rate, gradient norm and evaluation, bit for bit.

let data: TinyPretrainData | undefined;
async function prepared(): Promise<TinyPretrainData> {
  data ??= await prepareTinyPretrainData();
  return data;
}

function trainedSteps(runDir: string): number {
  const path = join(runDir, 'metrics.jsonl');
  if (!existsSync(path)) return 0;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{"type":"train"')).length;
}

async function killAfterStep(args: string[], runDir: string, step: number): Promise<void> {
  const child = startCli(args);
  const exited = once(child, 'exit');
  while (child.exitCode === null && trainedSteps(runDir) < step) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  assert.equal(signal, 'SIGKILL', `the run was still going when killed after step ${step} (exit code ${code})`);
}

const native = nativeBackendBuilt('cpu');
const nativeSkip =
  native.built || process.env.ANNEAL_REQUIRE_TENSORFLOW === '1' ? false : `native TensorFlow backend not built here (${native.reason})`;

for (const backend of ['cpu', 'wasm', 'tensorflow'] as const) {
  test(`kill -9 during anneal train (${backend}) and --resume: the loss curve is bitwise that of an uninterrupted run`, {
    skip: backend === 'tensorflow' ? nativeSkip : false,
  }, async () => {
    const d = await prepared();
    const straight = join(d.dir, `straight-${backend}`);
    const full = runCli(tinyTrainArgs(d, straight, backend));
    assert.equal(full.code, 0, full.stderr);
    const expected = curveOf(readMetricsLines(straight));
    assert.equal(expected.filter((l) => (l as { type: string }).type === 'train').length, 16);

    const rng = new SeededRng(backend === 'cpu' ? 1 : backend === 'wasm' ? 2 : 3, 'kill-points');
    const killed = join(d.dir, `killed-${backend}`);
    const args = tinyTrainArgs(d, killed, backend);
    // three kills at rising seeded steps (the first before any checkpoint exists), each followed by --resume
    const points = [rng.int(1, 2), rng.int(4, 8), rng.int(9, 15)];
    await killAfterStep(args, killed, points[0]!);
    for (const p of points.slice(1)) await killAfterStep([...args, '--resume'], killed, p);
    const resumed = runCli([...args, '--resume']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.deepEqual(curveOf(readMetricsLines(killed)), expected, `killed after steps ${points.join(', ')}`);
    assert.ok(
      readdirSync(join(killed, 'checkpoints')).every((n) => /^step-\d{8}$/.test(n)),
      'no temporaries left',
    );
  });
}

test('a corrupt latest checkpoint falls back to the previous one with a warning, and the curve still matches', async () => {
  const d = await prepared();
  const run = join(d.dir, 'corrupt');
  const args = tinyTrainArgs(d, run, 'wasm');
  const first = runCli([...args, '--set', 'stages.0.steps=8', '--set', 'stages.1.steps=5', '--set', 'stages.2.steps=3']);
  assert.equal(first.code, 0, first.stderr);
  const expected = curveOf(readMetricsLines(run));
  const checkpoints = readdirSync(join(run, 'checkpoints')).sort();
  assert.deepEqual(checkpoints, ['step-00000015', 'step-00000016']);
  // damage the newest checkpoint's weights, then run on: it must resume from step 15 and redo step 16
  const weights = join(run, 'checkpoints', 'step-00000016', 'model.safetensors');
  const bytes = readFileSync(weights);
  bytes[bytes.length - 3] ^= 0x40;
  writeFileSync(weights, bytes);
  const again = runCli([...args, '--resume']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(
    again.stderr,
    /warning: checkpoint .*step-00000016 is corrupt: model\.safetensors SHA-256 .* does not match .*falling back to the previous checkpoint/,
  );
  assert.match(again.stderr, /resuming from .*step-00000015/);
  assert.deepEqual(curveOf(readMetricsLines(run)), expected);
});

test('anneal train refuses a bad YAML with every problem and its key path, and an existing run without --resume', async () => {
  const d = await prepared();
  const bad = runCli(['train', 'pipelines/pretrain-tiny.yaml', ...setFlags('batch_size=0', 'stages.1.lr_phase=sideways', 'model.bogus=1')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /batch_size: /);
  assert.match(bad.stderr, /stages\.1\.lr_phase: /);
  assert.match(bad.stderr, /model: .*bogus/);
  const run = join(d.dir, 'twice');
  const args = tinyTrainArgs(d, run, 'wasm', ['stages.0.steps=3', 'stages.1.steps=1', 'stages.2.steps=1']);
  assert.equal(runCli(args).code, 0);
  const twice = runCli(args);
  assert.equal(twice.code, 1);
  assert.match(twice.stderr, /already has checkpoints .*pass --resume/);
  // a tokenizer other than the one the shards were made with would make checkpoints decode garbage
  const other = join(d.dir, 'other-tokenizer.json');
  writeFileSync(other, `${readFileSync(d.tokenizer, 'utf8')}\n`);
  const mismatch = runCli([...args, '--set', `run_dir=${join(d.dir, 'mismatch')}`, '--set', `tokenizer=${other}`]);
  assert.equal(mismatch.code, 1);
  assert.match(mismatch.stderr, /other-tokenizer\.json \(sha256 .*\) is not the tokenizer .* was made with/);
});
