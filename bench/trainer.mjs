// Trainer benchmark: training throughput (tokens/s, achieved GFLOP/s) of the Llama-style decoder
// on TensorFlow.js — stock tfjs-wasm, wasm with anneal's kernels, and 2 data-parallel worker
// threads — beside the same architecture in PyTorch CPU (bench/trainer_torch.py) on the same
// batches; the wasm matmul peak against what training achieves; gather vs one-hot embeddings;
// and the validation loss of a Tiny Shakespeare run (byte-level) in nanoGPT's CPU configuration.
//
// `npm run bench -- trainer [--parts throughput,peak,embedding,shakespeare] [--steps 10]
//    [--iters 2000] [--workers 2] [--python PATH] [--torch-shakespeare=1] [--torch-threads 1]`
// PyTorch: `python3 -m venv /tmp/venv-torch && /tmp/venv-torch/bin/pip install torch`, then
// `--python /tmp/venv-torch/bin/python` (or BENCH_PYTHON); without torch its rows are skipped.
import os from 'node:os';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  initBackend, registerWasmTrainingKernels, resolveModelConfig, createModel, describeModel, flopsPerToken,
  SingleThreadTrainer, DataParallelTrainer,
} from '../packages/trainer/dist/src/index.js';
import { BENCH_DIR, outDir, rng, table, fmt, documents } from './lib/common.mjs';

const SHAKESPEARE = join(BENCH_DIR, '..', '..', 'shared', 'datasets', 'real', 'tinyshakespeare.txt');

/** nanoGPT's "cheap computer" Shakespeare config, as a Llama block (SwiGLU at 8/3·d, RoPE, tied head). */
const CHEAP = { name: 'nanoGPT cheap (4L 4H d128 T64 B12)', batchSize: 12, model: { vocabSize: 256, dModel: 128, nLayers: 4, nHeads: 4, maxSeqLen: 64 } };
const LARGER = { name: 'larger (6L 6H/2kv d384 T128 B4)', batchSize: 4, model: { vocabSize: 256, dModel: 384, nLayers: 6, nHeads: 6, nKvHeads: 2, maxSeqLen: 128 } };

function load() {
  return os.loadavg().map((x) => x.toFixed(2)).join(' ');
}

function corpusBytes() {
  if (existsSync(SHAKESPEARE)) return { bytes: new Uint8Array(readFileSync(SHAKESPEARE)), source: 'Tiny Shakespeare (bytes)' };
  const gen = documents(7);
  const text = Array.from({ length: 400 }, () => gen.next().value.text).join('\n\n');
  return { bytes: new TextEncoder().encode(text), source: 'generated sample text (Tiny Shakespeare absent)' };
}

/** `count` batches of random windows, seeded, as [count][B × (T+1)] int32 rows. */
function sampleBatches(bytes, count, batchSize, seqLen, seed) {
  const random = rng(seed);
  const all = new Int32Array(count * batchSize * (seqLen + 1));
  for (let r = 0; r < count * batchSize; r++) {
    const start = Math.floor(random() * (bytes.length - seqLen - 1));
    for (let j = 0; j <= seqLen; j++) all[r * (seqLen + 1) + j] = bytes[start + j];
  }
  const width = batchSize * (seqLen + 1);
  return { all, batches: Array.from({ length: count }, (_, i) => ({ tokens: all.subarray(i * width, (i + 1) * width), batchSize, seqLen })) };
}

function probeTorch(python) {
  try {
    return execFileSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function torchJson(python, argv) {
  const r = spawnSync(python, [join(BENCH_DIR, 'trainer_torch.py'), ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`trainer_torch.py ${argv[0]} failed: ${r.stderr.split('\n').slice(-5).join(' ')}`);
  return JSON.parse(r.stdout);
}

const cpuSeconds = (usage) => (usage.user + usage.system) / 1e6;

const trainStep = { schedule: { kind: 'constant', maxLr: 1e-3, minLr: 1e-3, warmupSteps: 0, totalSteps: 1 }, optimizer: { beta2: 0.99 }, gradClip: 1 };

async function timeSingleThread(config, batches, warmup, steps) {
  const model = createModel(config, 0);
  const trainer = new SingleThreadTrainer(model, trainStep);
  const losses = [];
  for (let i = 0; i < warmup; i++) losses.push(trainer.trainStepSync([batches[i % batches.length]]).loss);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) losses.push(trainer.trainStepSync([batches[(warmup + i) % batches.length]]).loss);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(process.cpuUsage(cpu0));
  await trainer.dispose();
  model.dispose();
  return { stepSeconds: seconds / steps, cpuSecondsPerStep: cpu / steps, losses };
}

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
    const add = (variant, r) => rows.push({ variant, ...r, tokensPerSecond: tokensPerStep / r.stepSeconds, gflops: (flops * tokensPerStep) / r.stepSeconds / 1e9 });

    if (isCheap) {
      await initBackend('cpu');
      add('tfjs cpu backend (plain JS), 1 thread', await timeSingleThread(config, batches, 1, 2));
    }
    await initBackend('wasm', { wasmMatMul: 'stock' });
    add('tfjs-wasm stock kernels, 1 thread', await timeSingleThread(config, batches, warmup, Math.max(2, Math.round(steps / 2))));
    registerWasmTrainingKernels({ matMul: 'xnnpack-per-slice' });
    add('tfjs-wasm + anneal kernels, 1 thread', await timeSingleThread(config, batches, warmup, steps));
    add(`tfjs-wasm + anneal kernels, ${ctx.workers} worker threads`, await timeParallel(config, batches, warmup, steps, ctx.workers));

    const references = [undefined, undefined]; // PyTorch with 1 and with 2 threads
    if (ctx.torch) {
      const file = join(ctx.dir, `batches-${isCheap ? 'cheap' : 'larger'}.i32`);
      writeFileSync(file, Buffer.from(all.buffer, all.byteOffset, all.byteLength));
      const torchConfig = JSON.stringify({ ...config, seqLen });
      for (const threads of [1, 2]) {
        const r = torchJson(ctx.python, ['throughput', '--config', torchConfig, '--batches', file, '--batch-size', String(spec.batchSize), '--warmup', String(warmup), '--steps', String(steps), '--threads', String(threads)]);
        add(`PyTorch ${r.torch} CPU, ${r.threads} thread${r.threads > 1 ? 's' : ''}`, { stepSeconds: r.step_s, cpuSecondsPerStep: r.cpu_s, losses: r.losses });
        references[threads - 1] = rows.at(-1);
      }
    }
    console.log(
      '\n' +
        table(
          ['variant', 'ms/step', 'tokens/s', 'GFLOP/s', 'CPU ms/step', 'tokens/CPU-s', 'vs PyTorch 1 thr', 'vs PyTorch 2 thr', 'first loss'],
          rows.map((r) => [
            r.variant, fmt(r.stepSeconds * 1000, 0), fmt(r.tokensPerSecond, 0), fmt(r.gflops, 2),
            fmt(r.cpuSecondsPerStep * 1000, 0), fmt(tokensPerStep / r.cpuSecondsPerStep, 0),
            ...references.map((ref) => (ref ? fmt(r.tokensPerSecond / ref.tokensPerSecond, 2) + '×' : '—')), fmt(r.losses[0], 3),
          ]),
          [false, true, true, true, true, true, true, true, true],
        ) + '\n',
    );
    summary.push({ spec, rows });
  }
  console.log(`(load after: ${load()}; CPU ms/step is process CPU time, all threads: on a shared machine it shows the work a variant does, where wall time also shows the other jobs; ratios are of tokens/s; model FLOPs = 6 × matmul weights + 12 × layers × T × d per token, PaLM/nanoGPT convention)\n`);
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
    for (const row of r.filter((x) => x.variant.startsWith('tfjs-wasm'))) rows.push([`training, ${spec.name}: ${row.variant}`, fmt(row.gflops, 2), fmt((100 * row.gflops) / stockPlain, 0) + ' %']);
  }
  if (ctx.torch) {
    for (const threads of [1, 2]) rows.push([`PyTorch 512² matmul, ${threads} thread${threads > 1 ? 's' : ''}`, fmt(torchJson(ctx.python, ['matmul', '--size', '512', '--threads', String(threads)]).gflops, 2), '']);
  }
  console.log(table(['what', 'GFLOP/s', 'of wasm peak'], rows, [false, true, true]) + '\n');
}

function embeddingSection(ctx) {
  console.log(`### Embedding: gather + UnsortedSegmentSum kernel vs one-hot matmul (wasm, 1 thread; load: ${load()})\n`);
  const rows = [];
  for (const vocab of [256, 8192, 32768]) {
    for (const mode of ['gather', 'onehot']) {
      const table_ = tf.variable(tf.randomNormal([vocab, 128]));
      const ids = tf.tensor1d(Array.from({ length: 768 }, (_, i) => (i * 7919) % vocab), 'int32');
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

async function shakespeareSection(ctx) {
  if (!existsSync(SHAKESPEARE)) {
    console.log(`### Tiny Shakespeare: skipped (${SHAKESPEARE} is absent)\n`);
    return;
  }
  const iters = ctx.iters;
  const bytes = new Uint8Array(readFileSync(SHAKESPEARE));
  const split = Math.floor(bytes.length * 0.9);
  const train = bytes.subarray(0, split);
  const val = bytes.subarray(split);
  const config = resolveModelConfig(CHEAP.model);
  const seqLen = 64;
  const batchSize = 12;
  // nanoGPT's config/train_shakespeare_char.py with its CPU overrides: lr 1e-3 → 1e-4 cosine over
  // the run, 100 warmup iterations, beta2 0.99, weight decay 0.1, clip 1.0, dropout 0.
  const step = { schedule: { kind: 'cosine', maxLr: 1e-3, minLr: 1e-4, warmupSteps: 100, totalSteps: iters }, optimizer: { beta2: 0.99, weightDecay: 0.1 }, gradClip: 1 };
  const log = join(ctx.dir, 'shakespeare.jsonl');
  writeFileSync(log, '');
  console.log(`### Tiny Shakespeare, byte-level, ${iters} iterations, ${ctx.workers} worker threads (log: ${log}; load before: ${load()})\n`);
  const dp = await DataParallelTrainer.create({ workers: ctx.workers, modelConfig: config, seed: 1337, trainStep: step, backend: 'wasm' });
  const random = rng(1337);
  const draw = (src) => {
    const tokens = new Int32Array(batchSize * (seqLen + 1));
    for (let r = 0; r < batchSize; r++) {
      const start = Math.floor(random() * (src.length - seqLen - 1));
      for (let j = 0; j <= seqLen; j++) tokens[r * (seqLen + 1) + j] = src[start + j];
    }
    return { tokens, batchSize, seqLen };
  };
  const evalBatches = sampleBatches(val, ctx.evalBatches, batchSize, seqLen, 99).batches;
  const trainEval = sampleBatches(train, ctx.evalBatches, batchSize, seqLen, 98).batches;
  const t0 = performance.now();
  let last;
  try {
    for (let it = 0; it < iters; it++) {
      last = await dp.trainStep([draw(train)]);
      const elapsed = (performance.now() - t0) / 1000;
      const record = { iter: it + 1, loss: last.loss, lr: last.lr, gradNorm: last.gradNorm, seconds: elapsed, tokensPerSecond: ((it + 1) * batchSize * seqLen) / elapsed };
      if ((it + 1) % 250 === 0 || it + 1 === iters) {
        record.valLoss = await dp.evalLoss(evalBatches);
        console.log(`iter ${it + 1}: train loss ${fmt(last.loss, 3)}, val loss ${fmt(record.valLoss, 4)}, ${fmt(record.tokensPerSecond, 0)} tokens/s, ${fmt(elapsed, 0)} s`);
      }
      appendFileSync(log, JSON.stringify(record) + '\n');
    }
    const seconds = (performance.now() - t0) / 1000;
    const valLoss = await dp.evalLoss(evalBatches);
    const trainLoss = await dp.evalLoss(trainEval);
    const rows = [[`anneal (tfjs-wasm, ${ctx.workers} workers), Llama block`, fmt(trainLoss, 4), fmt(valLoss, 4), fmt(seconds / 60, 1)]];
    if (ctx.torchShakespeare && ctx.torch) {
      const r = torchJson(ctx.python, ['shakespeare', '--config', JSON.stringify({ ...config, seqLen }), '--data', SHAKESPEARE, '--iters', String(iters), '--eval-batches', String(ctx.evalBatches), '--threads', String(ctx.torchThreads)]);
      rows.push([`PyTorch ${r.torch} CPU (${r.threads} thread${r.threads > 1 ? 's' : ''}), same Llama block and schedule`, '', fmt(r.val_loss, 4), fmt(r.seconds / 60, 1)]);
    }
    rows.push(['nanoGPT (GPT-2 block, char-level, 2000 iters), as reported', '', '1.88', '']);
    console.log('\n' + table(['run', 'train loss', 'val loss', 'minutes'], rows, [false, true, true, true]));
    console.log(`\n(val loss = mean over ${ctx.evalBatches} fixed batches of 12×64 from the last 10 % of the text; load after: ${load()})\n`);
  } finally {
    await dp.dispose();
  }
}

export async function run({ args }) {
  const parts = new Set((args.parts ?? 'throughput,peak,embedding,shakespeare').split(','));
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
    torchShakespeare: args['torch-shakespeare'] !== undefined,
    // one thread: on this 2-core machine shared with other jobs, PyTorch's 2-thread runs stall
    torchThreads: Number(args['torch-threads'] ?? 1),
  };
  console.log(torchVersion ? `reference: PyTorch ${torchVersion} (${python})` : `(PyTorch rows skipped: \`${python}\` cannot import torch; see the header of bench/trainer.mjs)`);
  console.log(`load average (1/5/15 min): ${load()} on ${os.cpus().length} cores\n`);
  await initBackend('wasm'); // before any tensor: also silences tfjs's Node banner (PROD)
  let summary = [];
  if (parts.has('throughput')) summary = await throughputSection(ctx);
  if (parts.has('peak') || parts.has('embedding')) await initBackend('wasm');
  if (parts.has('peak')) peakSection(ctx, summary);
  if (parts.has('embedding')) embeddingSection(ctx);
  if (parts.has('shakespeare')) await shakespeareSection(ctx);
}
