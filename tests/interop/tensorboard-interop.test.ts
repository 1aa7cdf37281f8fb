import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { nativeBackendBuilt } from '@anneal/trainer';
import { repoRoot, runCli } from '../support/harness.js';
import { prepareTinyPretrainData, readMetricsLines, tinyTrainArgs } from '../support/tiny-pretrain.js';

// The oracle: TensorBoard's own event reader (PyPI's `tensorboard`, installed by .ci/run) reads the
// event files `anneal train` writes under <run_dir>/tensorboard, and finds every train loss, learning
// rate and per-domain eval loss of metrics.jsonl, at its step, to float32 precision — also after a
// resumed run, where no step may show twice.
const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import tensorboard'], { encoding: 'utf8' }).status === 0);
const skip = python ? false : 'no Python with the tensorboard package (.ci/run installs tensorboard from PyPI); TensorBoard interop skipped';
const native = nativeBackendBuilt('cpu');
const backend = native.built ? 'tensorflow' : 'wasm';

function readEvents(dir: string): Record<string, Array<[number, number]>> {
  const r = spawnSync(python!, [join(repoRoot, 'tests', 'interop', 'tensorboard_events.py'), dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, Array<[number, number]>>;
}

const f32 = (x: number) => Math.fround(x);

test(`TensorBoard reads anneal train's event files (${backend} backend): every train and eval scalar of metrics.jsonl, once, after a resume too`, {
  skip,
}, async (t) => {
  const data = await prepareTinyPretrainData();
  const run = join(data.dir, 'run');
  const first = runCli(tinyTrainArgs(data, run, backend, ['stages.1.steps=2', 'stages.2.steps=1']));
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /TensorBoard: tensorboard --logdir .*tensorboard/);
  // a longer second run over the same run_dir: --resume continues from the last checkpoint, and
  // the event file is rewritten from metrics.jsonl (cut back to that checkpoint)
  const second = runCli([...tinyTrainArgs(data, run, backend), '--resume']);
  assert.equal(second.code, 0, second.stderr);
  const files = readdirSync(join(run, 'tensorboard')).filter((n) => n.includes('tfevents'));
  assert.equal(files.length, 1, `one event file: ${files.join(', ')}`);

  const events = readEvents(join(run, 'tensorboard'));
  const lines = readMetricsLines(run);
  const train = lines.filter((l) => l.type === 'train');
  // 11 steps in the first run; the resumed one finishes the longer last stage (13 in all)
  assert.deepEqual(
    train.map((l) => l.step),
    Array.from({ length: 13 }, (_, i) => i + 1),
  );
  assert.deepEqual(
    events['train/loss'],
    train.map((l) => [l.step, f32(l.loss!)]),
  );
  assert.deepEqual(
    events['train/lr'],
    train.map((l) => [l.step, f32(l.lr!)]),
  );
  assert.deepEqual(
    events['broad/train_loss']!.map(([s]) => s),
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
  assert.ok(events['train/tokens_per_s']!.every(([, v]) => v > 0));
  const evals = lines.filter((l) => l.type === 'eval') as unknown as Array<{ step: number; stage: string; loss: Record<string, number> }>;
  assert.ok(evals.length >= 3);
  for (const e of evals) {
    for (const [domain, loss] of Object.entries(e.loss)) {
      const tag = `eval/${domain || 'no_domain'}`;
      assert.deepEqual(
        events[tag]!.filter(([s]) => s === e.step),
        [[e.step, f32(loss)]],
        `${tag} at step ${e.step}`,
      );
      assert.ok(events[`${e.stage}/eval_loss/${domain || 'no_domain'}`]!.some(([s]) => s === e.step));
    }
  }
  t.diagnostic(`${Object.keys(events).length} tags; ${files[0]}`);
});
