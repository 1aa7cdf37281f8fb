// Trainer benchmark: training throughput (tokens/s, achieved GFLOP/s) of the Llama-style decoder
// on TensorFlow.js — stock tfjs-wasm, wasm with anneal's kernels, 2 data-parallel worker threads,
// and the native TensorFlow backend with 1 and 2 threads (bench/trainer-native.mjs) — beside the same
// architecture in PyTorch CPU (bench/trainer_torch.py) on the same
// batches; the wasm matmul peak against what training achieves; gather vs one-hot embeddings;
// and the validation loss of a Tiny Shakespeare run (byte-level) in nanoGPT's CPU configuration.
//
// `npm run bench -- trainer [--parts throughput,profile,peak,embedding,shakespeare] [--steps 10]
//    [--iters 2000] [--workers 2] [--python PATH] [--torch-shakespeare=1] [--torch-threads 1]
//    [--native-threads 1] [--shakespeare-backends tensorflow,wasm]`
// PyTorch: `python3 -m venv /tmp/venv-torch && /tmp/venv-torch/bin/pip install torch`, then
// `--python /tmp/venv-torch/bin/python` (or BENCH_PYTHON); without torch its rows are skipped.
import os from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  initBackend,
  registerWasmTrainingKernels,
  resolveModelConfig,
  createModel,
  describeModel,
  flopsPerToken,
  DataParallelTrainer,
  nativeBackendBuilt,
} from '../packages/trainer/dist/src/index.js';
import { BENCH_DIR, outDir, table, fmt, documents } from './lib/common.mjs';
import { childArgs, nativeChild, probeTorch, torchJson } from './lib/trainer-child-processes.mjs';
import { sampleBatches, timeSingleThread, trainStep, shakespeareRun, shakespeareTrainStep } from './lib/trainer-runs.mjs';

const SHAKESPEARE = join(BENCH_DIR, '..', '..', 'shared', 'datasets', 'real', 'tinyshakespeare.txt');

/** nanoGPT's "cheap computer" Shakespeare config, as a Llama block (SwiGLU at 8/3·d, RoPE, tied head). */
const CHEAP = {
  name: 'nanoGPT cheap (4L 4H d128 T64 B12)',
  batchSize: 12,
  model: { vocabSize: 256, dModel: 128, nLayers: 4, nHeads: 4, maxSeqLen: 64 },
};
const LARGER = {
  name: 'larger (6L 6H/2kv d384 T128 B4)',
  batchSize: 4,
  model: { vocabSize: 256, dModel: 384, nLayers: 6, nHeads: 6, nKvHeads: 2, maxSeqLen: 128 },
};

function load() {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

function corpusBytes() {
  if (existsSync(SHAKESPEARE)) return { bytes: new Uint8Array(readFileSync(SHAKESPEARE)), source: 'Tiny Shakespeare (bytes)' };
  const gen = documents(7);
  const text = Array.from({ length: 400 }, () => gen.next().value.text).join('\n\n');
  return { bytes: new TextEncoder().encode(text), source: 'generated sample text (Tiny Shakespeare absent)' };
}

const cpuSeconds = (usage) => (usage.user + usage.system) / 1e6;

async function timeParallel(config, batches, warmup, steps, workers) {
  const dp = await DataParallelTrainer.create({ workers, modelConfig: config, seed: 0, trainStep, backend: 'wasm' });
  const losses = [];
  try {
    for (let i = 0; i < warmup; i++) losses.push((await dp.trainStep([batches[i % batches.length]])).loss);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage(); // worker threads are in this process, so their CPU time counts
    for (let i = 0; i < steps; i++) losses.push((await dp.trainStep([batches[(warmup + i) % batches.length]])).loss);
    return { stepSeconds: (performance.now() - t0) / 1000 / steps, cpuSecondsPerStep: cpuSeconds(process.cpuUsage(cpu0)) / steps, losses };
  } finally {
    await dp.dispose();
  }
}

async function throughputSection(ctx) {
  const { bytes, source } = ctx.corpus;
  console.log(`### Training throughput (${source}; same batches for every row; load before: ${load()})\n`);
  const summary = [];
  for (const spec of [CHEAP, LARGER]) {
    const config = resolveModelConfig(spec.model);
    const seqLen = config.maxSeqLen;
    const isCheap = spec === CHEAP;
    const warmup = 2;
    const steps = isCheap ? ctx.steps : Math.max(2, Math.round(ctx.steps / 3));
    const { all, batches } = sampleBatches(bytes, warmup + steps, spec.batchSize, seqLen, 1234);
    const tokensPerStep = spec.batchSize * seqLen;
    const flops = flopsPerToken(config, seqLen);
    const model = createModel(config, 0);
    console.log(`${spec.name}: ${describeModel(model, seqLen)}`);
    model.dispose();
    const rows = [];
    const add = (variant, r) =>
      rows.push({ variant, ...r, tokensPerSecond: tokensPerStep / r.stepSeconds, gflops: (flops * tokensPerStep) / r.stepSeconds / 1e9 });

    if (isCheap) {
      await initBackend('cpu');
      add('tfjs cpu backend (plain JS), 1 thread', await timeSingleThread(config, batches, 1, 2));
    }
    await initBackend('wasm', { wasmMatMul: 'stock' });
    add('tfjs-wasm stock kernels, 1 thread', await timeSingleThread(config, batches, warmup, Math.max(2, Math.round(steps / 2))));
    registerWasmTrainingKernels({ matMul: 'xnnpack-per-slice' });
    add('tfjs-wasm + anneal kernels, 1 thread', await timeSingleThread(config, batches, warmup, steps));
    add(`tfjs-wasm + anneal kernels, ${ctx.workers} worker threads`, await timeParallel(config, batches, warmup, steps, ctx.workers));

    const file = join(ctx.dir, `batches-${isCheap ? 'cheap' : 'larger'}.i32`);
    writeFileSync(file, Buffer.from(all.buffer, all.byteOffset, all.byteLength));
    // the same batches, warm-up and steps for the native and the PyTorch rows
    const throughputFlags = { batches: file, 'batch-size': spec.batchSize, warmup, steps };
    if (ctx.native) {
      for (const threads of [1, 2]) {
        const r = nativeChild(childArgs('throughput', { config: JSON.stringify(config), ...throughputFlags, threads }));
        add(`native TensorFlow ${/TensorFlow ([\d.]+)/.exec(r.backend)?.[1] ?? ''} (tfjs-node), ${threads} thread${threads > 1 ? 's' : ''}`, {
          ...r,
          threads,
        });
      }
    }
    const references = [undefined, undefined]; // PyTorch with 1 and with 2 threads
    if (ctx.torch) {
      const torchConfig = JSON.stringify({ ...config, seqLen });
      for (const threads of [1, 2]) {
        const r = torchJson(ctx.python, childArgs('throughput', { config: torchConfig, ...throughputFlags, threads }));
        add(`PyTorch ${r.torch} CPU, ${r.threads} thread${r.threads > 1 ? 's' : ''}`, {
          stepSeconds: r.step_s,
          cpuSecondsPerStep: r.cpu_s,
          losses: r.losses,
          threads: r.threads,
          torch: true,
        });
        references[threads - 1] = rows.at(-1);
      }
    }
    console.log(
      '\n' +
        table(
          [
            'variant',
            'ms/step',
            'tokens/s',
            'GFLOP/s',
            'CPU ms/step',
            'tokens/CPU-s',
            'vs PyTorch 1 thr',
            'vs PyTorch 2 thr',
            'vs PyTorch, same threads',
            'first loss',
          ],
          rows.map((r) => [
            r.variant,
            fmt(r.stepSeconds * 1000, 0),
            fmt(r.tokensPerSecond, 0),
            fmt(r.gflops, 2),
            fmt(r.cpuSecondsPerStep * 1000, 0),
            fmt(tokensPerStep / r.cpuSecondsPerStep, 0),
            ...references.map((ref) => (ref ? fmt(r.tokensPerSecond / ref.tokensPerSecond, 2) + '×' : '—')),
            r.threads && !r.torch && references[r.threads - 1] ? fmt(r.tokensPerSecond / references[r.threads - 1].tokensPerSecond, 2) + '×' : '',
            fmt(r.losses[0], 3),
          ]),
          [false, true, true, true, true, true, true, true, true, true],
        ) +
        '\n',
    );
    summary.push({ spec, rows });
  }
  console.log(
    `(load after: ${load()}; CPU ms/step is process CPU time, all threads: on a shared machine it shows the work a variant does, where wall time also shows the other jobs; ratios are of tokens/s; model FLOPs = 6 × matmul weights + 12 × layers × T × d per token, PaLM/nanoGPT convention)\n`,
  );
  return summary;
}

function peakSection(ctx, summary) {
  console.log(`### WASM matmul peak vs training (load: ${load()})\n`);
  const a = tf.randomNormal([512, 512]);
  const b = tf.randomNormal([512, 512]);
  // (not tf.tidy(() => c.dataSync()): tidy walks a returned typed array element by element)
  const once = (ta, tb) => {
    const c = tf.matMul(a, b, ta, tb);
    c.dataSync();
    c.dispose();
  };
  const time = (ta, tb) => {
    for (let i = 0; i < 3; i++) once(ta, tb);
    const reps = 20;
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) once(ta, tb);
    return (2 * 512 ** 3) / ((performance.now() - t0) / 1000 / reps) / 1e9;
  };
  registerWasmTrainingKernels({ matMul: 'stock' });
  const stockPlain = time(false, false);
  const stockTransposed = time(false, true);
  registerWasmTrainingKernels({ matMul: 'xnnpack-per-slice' });
  const fixedTransposed = time(false, true);
  tf.dispose([a, b]);
  const rows = [
    ['tfjs-wasm 512² matmul (XNNPACK, 1 thread) = peak', fmt(stockPlain, 2), '100 %'],
    ['tfjs-wasm stock 512² matmul with transposeB', fmt(stockTransposed, 2), fmt((100 * stockTransposed) / stockPlain, 0) + ' %'],
    ['anneal kernel 512² matmul with transposeB', fmt(fixedTransposed, 2), fmt((100 * fixedTransposed) / stockPlain, 0) + ' %'],
  ];
  for (const { spec, rows: r } of summary) {
    for (const row of r.filter((x) => x.variant.startsWith('tfjs-wasm')))
      rows.push([`training, ${spec.name}: ${row.variant}`, fmt(row.gflops, 2), fmt((100 * row.gflops) / stockPlain, 0) + ' %']);
  }
  if (ctx.torch) {
    for (const threads of [1, 2])
      rows.push([
        `PyTorch 512² matmul, ${threads} thread${threads > 1 ? 's' : ''}`,
        fmt(torchJson(ctx.python, childArgs('matmul', { size: 512, threads })).gflops, 2),
        '',
      ]);
  }
  console.log(table(['what', 'GFLOP/s', 'of wasm peak'], rows, [false, true, true]) + '\n');
}

function embeddingSection(ctx) {
  console.log(`### Embedding: gather + UnsortedSegmentSum kernel vs one-hot matmul (wasm, 1 thread; load: ${load()})\n`);
  const rows = [];
  for (const vocab of [256, 8192, 32768]) {
    for (const mode of ['gather', 'onehot']) {
      const table_ = tf.variable(tf.randomNormal([vocab, 128]));
      const ids = tf.tensor1d(
        Array.from({ length: 768 }, (_, i) => (i * 7919) % vocab),
        'int32',
      );
      const step = () => {
        const { value, grads } = tf.variableGrads(() => {
          const e = mode === 'gather' ? tf.gather(table_, ids) : tf.matMul(tf.cast(tf.oneHot(ids, vocab), 'float32'), table_);
          return tf.sum(tf.square(e));
        }, [table_]);
        value.dataSync();
        tf.dispose([value, ...Object.values(grads)]);
      };
      step();
      const reps = vocab > 8192 ? 3 : 10;
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) step();
      rows.push([String(vocab), mode, fmt((performance.now() - t0) / reps, 2)]);
      tf.dispose([table_, ids]);
    }
  }
  console.log(table(['vocab', 'embedding', 'ms fwd+bwd (768 ids, d=128)'], rows, [true, false, true]) + '\n');
}

/** Where a native step's time goes: per phase, TensorFlow ops (count, time at the binding) and the JavaScript around them. */
function profileSection(ctx) {
  if (!ctx.native) return;
  console.log(`### Native backend, 1 thread: where a training step's time goes (load before: ${load()})\n`);
  for (const spec of [CHEAP, LARGER]) {
    const config = resolveModelConfig(spec.model);
    const p = nativeChild(childArgs('profile', { config: JSON.stringify(config), 'batch-size': spec.batchSize, steps: 5, threads: 1 }));
    const phases = Object.keys(p.wallMsPerStep);
    const rows = phases.map((phase) => {
      const ops = p.rows.filter((r) => r.phase === phase);
      const count = ops.reduce((a, r) => a + r.perStep, 0);
      const native = ops.reduce((a, r) => a + r.msPerStep, 0);
      const wall = p.wallMsPerStep[phase];
      return [phase, fmt(wall, 1), fmt(count, 0), fmt(native, 1), fmt(wall - native, 1), fmt((1000 * (wall - native)) / count, 1)];
    });
    console.log(
      `${spec.name}\n\n` +
        table(['phase', 'ms/step', 'TF ops/step', 'ms in TF ops', 'ms in JavaScript', 'JS µs per op'], rows, [false, true, true, true, true, true]) +
        '\n',
    );
    const top = [...p.rows].sort((a, b) => b.msPerStep - a.msPerStep).slice(0, 8);
    console.log(
      table(
        ['phase', 'TF op', 'per step', 'ms/step', 'µs each'],
        top.map((r) => [r.phase, r.op, fmt(r.perStep, 0), fmt(r.msPerStep, 1), fmt((1000 * r.msPerStep) / r.perStep, 0)]),
        [false, false, true, true, true],
      ) + '\n',
    );
  }
}

/** nanoGPT's config/train_shakespeare_char.py with its CPU overrides, on bytes; see lib/trainer-runs.mjs. */
async function shakespeareSection(ctx) {
  if (!existsSync(SHAKESPEARE)) {
    console.log(`### Tiny Shakespeare: skipped (${SHAKESPEARE} is absent)\n`);
    return;
  }
  const iters = ctx.iters;
  const config = resolveModelConfig(CHEAP.model);
  const rows = [];
  for (const backend of ctx.shakespeareBackends) {
    const log = join(ctx.dir, `shakespeare-${backend}.jsonl`);
    const what =
      backend === 'tensorflow'
        ? `native TensorFlow, ${ctx.nativeThreads} thread${ctx.nativeThreads > 1 ? 's' : ''}`
        : `tfjs-wasm, ${ctx.workers} worker threads`;
    console.log(`### Tiny Shakespeare, byte-level, ${iters} iterations, ${what} (log: ${relative(process.cwd(), log)}; load before: ${load()})\n`);
    let result;
    if (backend === 'tensorflow') {
      const flags = { data: SHAKESPEARE, iters, 'eval-batches': ctx.evalBatches, log, threads: ctx.nativeThreads };
      result = nativeChild(childArgs('shakespeare', flags), { stdio: ['ignore', 'pipe', 'inherit'] });
      for (const line of result.lines) console.log(line);
    } else {
      const dp = await DataParallelTrainer.create({
        workers: ctx.workers,
        modelConfig: config,
        seed: 1337,
        trainStep: shakespeareTrainStep(iters),
        backend: 'wasm',
      });
      try {
        result = await shakespeareRun(dp, {
          bytes: new Uint8Array(readFileSync(SHAKESPEARE)),
          iters,
          evalBatches: ctx.evalBatches,
          log,
          onLine: (l) => console.log(l),
        });
      } finally {
        await dp.dispose();
      }
    }
    rows.push([`anneal (${what}), Llama block`, fmt(result.trainLoss, 4), fmt(result.valLoss, 4), fmt(result.seconds / 60, 1)]);
  }
  if (ctx.torchShakespeare && ctx.torch) {
    const config64 = JSON.stringify({ ...config, seqLen: 64 });
    const flags = { config: config64, data: SHAKESPEARE, iters, 'eval-batches': ctx.evalBatches, threads: ctx.torchThreads };
    const r = torchJson(ctx.python, childArgs('shakespeare', flags));
    rows.push([
      `PyTorch ${r.torch} CPU (${r.threads} thread${r.threads > 1 ? 's' : ''}), same Llama block and schedule`,
      '',
      fmt(r.val_loss, 4),
      fmt(r.seconds / 60, 1),
    ]);
  }
  rows.push(['nanoGPT (GPT-2 block, char-level, 2000 iters), as reported', '', '1.88', '']);
  console.log('\n' + table(['run', 'train loss', 'val loss', 'minutes'], rows, [false, true, true, true]));
  console.log(`\n(val loss = mean over ${ctx.evalBatches} fixed batches of 12×64 from the last 10 % of the text; load after: ${load()})\n`);
}

export async function run({ args }) {
  const parts = new Set((args.parts ?? 'throughput,profile,peak,embedding,shakespeare').split(','));
  const python = args.python ?? process.env.BENCH_PYTHON ?? 'python3';
  const torchVersion = probeTorch(python);
  const ctx = {
    dir: outDir('trainer'),
    corpus: corpusBytes(),
    steps: Number(args.steps ?? 10),
    iters: Number(args.iters ?? 2000),
    workers: Number(args.workers ?? 2),
    evalBatches: Number(args['eval-batches'] ?? 100),
    python,
    torch: Boolean(torchVersion),
    native: nativeBackendBuilt('cpu').built,
    nativeThreads: Number(args['native-threads'] ?? 1),
    // Tiny Shakespeare on the native backend when it is built (wasm too with --shakespeare-backends wasm,tensorflow)
    shakespeareBackends: (args['shakespeare-backends'] ?? (nativeBackendBuilt('cpu').built ? 'tensorflow' : 'wasm')).split(','),
    torchShakespeare: args['torch-shakespeare'] !== undefined,
    // one thread: on this 2-core machine shared with other jobs, PyTorch's 2-thread runs stall
    torchThreads: Number(args['torch-threads'] ?? 1),
  };
  console.log(
    ctx.native
      ? 'native TensorFlow backend: built (rows run in child processes, one per thread count)'
      : '(native TensorFlow rows skipped: not built; `npm run setup:tensorflow`)',
  );
  console.log(
    torchVersion
      ? `reference: PyTorch ${torchVersion} (${python})`
      : `(PyTorch rows skipped: \`${python}\` cannot import torch; see the header of bench/trainer.mjs)`,
  );
  console.log(`load average (1/5/15 min): ${load()} on ${os.cpus().length} cores\n`);
  await initBackend('wasm'); // before any tensor: also silences tfjs's Node banner (PROD)
  let summary = [];
  if (parts.has('throughput')) summary = await throughputSection(ctx);
  if (parts.has('profile')) profileSection(ctx);
  if (parts.has('peak') || parts.has('embedding')) await initBackend('wasm');
  if (parts.has('peak')) peakSection(ctx, summary);
  if (parts.has('embedding')) embeddingSection(ctx);
  if (parts.has('shakespeare')) await shakespeareSection(ctx);
}
