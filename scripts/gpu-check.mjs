#!/usr/bin/env node
// `npm run gpu-check`: does the GPU build (`npm run setup:gpu`) train on this machine's GPU, and how
// fast? Prints the device (NVIDIA driver, nvidia-smi's name, the devices TensorFlow created), trains
// the trainer benchmark's models (bench/trainer.mjs) for 50 steps on `--backend tensorflow-gpu`, and
// prints tokens/s and model FLOP utilisation against the GPU's peak. Where there is no GPU it says
// so, trains anyway on the GPU build's CPU kernels, and prints tokens/s without an MFU.
//
//   npm run gpu-check [-- --model cheap|larger|both] [--steps 50]
//
// The training runs in a child process with TensorFlow's log on (TF_CPP_MIN_LOG_LEVEL=0): the only
// place TensorFlow names the devices it made (`Created device … name: NVIDIA H100 …`) or says why it
// made none (`Could not find cuda drivers`) is that log; the parent keeps those lines and drops the rest.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));

/** bench/trainer.mjs's two models (kept equal to them so the numbers compare with its CPU/wasm rows). */
const MODELS = {
  cheap: { name: 'nanoGPT cheap (4L 4H d128 T64 B12)', batchSize: 12, model: { vocabSize: 256, dModel: 128, nLayers: 4, nHeads: 4, maxSeqLen: 64 } },
  larger: {
    name: 'larger (6L 6H/2kv d384 T128 B4)',
    batchSize: 4,
    model: { vocabSize: 256, dModel: 384, nLayers: 6, nHeads: 6, nKvHeads: 2, maxSeqLen: 128 },
  },
};

/**
 * Dense (no 2:4 sparsity) peak TFLOP/s from NVIDIA's data sheets, SXM/board variants as named.
 * tf32: tensor-core TF32; null where the GPU has none (Volta, Turing). bf16: with FP32 accumulate;
 * null where there is no BF16 (Volta, Turing: their FP16 is not used here). Matched in order, first
 * hit wins, so the more specific names come first.
 */
const PEAKS = [
  { match: /GH200/i, name: 'GH200', fp32: 67, tf32: 495, bf16: 989 },
  { match: /H200/i, name: 'H200 SXM', fp32: 67, tf32: 495, bf16: 989 },
  { match: /H100.*PCIe/i, name: 'H100 PCIe', fp32: 51, tf32: 378, bf16: 756 },
  { match: /H100.*NVL/i, name: 'H100 NVL', fp32: 60, tf32: 418, bf16: 835 },
  { match: /H100|H800/i, name: 'H100 SXM', fp32: 67, tf32: 495, bf16: 989 },
  { match: /A100|A800/i, name: 'A100', fp32: 19.5, tf32: 156, bf16: 312 },
  { match: /L40S/i, name: 'L40S', fp32: 91.6, tf32: 183, bf16: 362 },
  { match: /A10G/i, name: 'A10G', fp32: 31.2, tf32: 35, bf16: 70 },
  { match: /A10\b/i, name: 'A10', fp32: 31.2, tf32: 62.5, bf16: 125 },
  { match: /\bL4\b/i, name: 'L4', fp32: 30.3, tf32: 60, bf16: 121 },
  { match: /V100/i, name: 'V100 SXM2', fp32: 15.7, tf32: null, bf16: null },
  { match: /\bT4\b/i, name: 'T4', fp32: 8.1, tf32: null, bf16: null },
  { match: /RTX 4090/i, name: 'GeForce RTX 4090', fp32: 82.6, tf32: 82.6, bf16: 165.2 },
  { match: /RTX 3090/i, name: 'GeForce RTX 3090', fp32: 35.6, tf32: 35.6, bf16: 71 },
];

const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

if (args.includes('--child')) await child();
else parent();

function parent() {
  const models = option('model', 'both');
  const steps = Number(option('steps', '50'));
  if (!['cheap', 'larger', 'both'].includes(models) || !(steps > 0)) {
    console.error('usage: npm run gpu-check [-- --model cheap|larger|both] [--steps 50]');
    process.exit(2);
  }
  console.log('## Device');
  const driver = driverVersion();
  const gpus = nvidiaSmi();
  if (!driver) console.log('NVIDIA driver: none (/proc/driver/nvidia/version is absent): no NVIDIA GPU found');
  else console.log(`NVIDIA driver: ${driver}`);
  if (gpus === undefined) console.log('nvidia-smi: not found');
  for (const g of gpus ?? []) console.log(`GPU ${g.index}: ${g.name}, ${g.memory}, compute capability ${g.computeCap}`);

  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', '--model', models, '--steps', String(steps)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    // TF_CPP_MIN_LOG_LEVEL=0: TensorFlow's device lines are info-level (see the top of this file)
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '0' },
  });
  const tfLines = (r.stderr ?? '')
    .split('\n')
    .filter((l) =>
      /Created device|Could not find cuda|Could not load dynamic library|libcuda|cuInit|failed call to|GPU|CUDA|cudnn|determinis/i.test(l),
    )
    .filter((l) => !/Unable to register cu(DNN|FFT|BLAS) factory/.test(l)); // TF 2.15 prints these on every start
  console.log('\nTensorFlow says:');
  for (const l of tfLines.length ? tfLines : ['(no device lines: it made no GPU device and, with no libcuda.so.1 to open, logs no reason)'])
    console.log(`  ${l.replace(/^\S+ \S+: /, '')}`);
  const line = (r.stdout ?? '')
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (line) {
    console.log('CUDA libraries in the training process (/proc/self/maps):');
    for (const l of JSON.parse(line).cudaLibraries) console.log(`  ${l}`);
    if (!driver) console.log('  (libcuda.so.1 comes with the NVIDIA driver, not from PyPI: without it TensorFlow stops after libcudart)');
  }
  if (r.status !== 0 || !line) {
    const tail = `${r.stderr ?? ''}`
      .trim()
      .split('\n')
      .filter((l) => !/^\d{4}-\d\d-\d\d /.test(l))
      .slice(-8)
      .join('\n');
    console.log(`\ngpu-check: training on the GPU build failed (exit ${r.status ?? r.signal}):\n${tail}`);
    if (/determinis/i.test(r.stderr ?? ''))
      console.log(
        'An op has no deterministic GPU kernel; TF_DETERMINISTIC_OPS=0 npm run gpu-check measures without determinism (`anneal train` sets it to 1 for bitwise --resume).',
      );
    process.exit(1);
  }
  const result = JSON.parse(line);
  console.log(`\n## Training (${steps} timed steps after ${result.warmup} warm-up steps, float32, backend ${result.backend})`);
  const onGpu = result.gpu === true;
  if (!onGpu)
    console.log(
      driver
        ? 'TensorFlow found no usable GPU (its log above says why): these are CPU numbers, no MFU.'
        : 'No NVIDIA GPU found: TensorFlow ran on the CPU, with the GPU build. These are CPU numbers, no MFU.',
    );
  const peak = onGpu && gpus?.length ? PEAKS.find((p) => p.match.test(gpus[0].name)) : undefined;
  if (onGpu && !peak) console.log(`No peak known for '${gpus?.[0]?.name ?? 'this GPU'}' (scripts/gpu-check.mjs PEAKS): no MFU.`);
  if (peak) {
    // TensorFlow runs float32 matmuls on TF32 tensor cores on Ampere and newer unless told otherwise,
    // so TF32 is the peak these kernels can reach; FP32 (no tensor cores) is shown beside it.
    const used = peak.tf32 !== null ? `TF32 dense ${peak.tf32} TFLOP/s` : `FP32 ${peak.fp32} TFLOP/s (no TF32 on this GPU)`;
    console.log(
      `Peak used for MFU: ${peak.name}, ${used}; FP32 ${peak.fp32}${peak.bf16 !== null ? `, BF16 dense ${peak.bf16} (not used: anneal trains in float32)` : ''}.`,
    );
  }
  const rows = [['model', 'params', 'ms/step', 'tokens/s', 'TFLOP/s', ...(peak ? ['MFU', 'of FP32'] : []), 'loss first→last']];
  for (const m of result.models) {
    const tflops = m.flopsPerSecond / 1e12;
    // models this small reach a fraction of a percent: two significant digits, not two decimals
    const pct = (x) => `${x >= 10 ? x.toFixed(1) : x.toPrecision(2)} %`;
    const mfu = peak ? [pct((100 * tflops) / (peak.tf32 ?? peak.fp32)), pct((100 * tflops) / peak.fp32)] : [];
    rows.push([
      m.name,
      m.params,
      (1000 * m.stepSeconds).toFixed(1),
      m.tokensPerSecond.toFixed(0),
      tflops.toFixed(4),
      ...mfu,
      `${m.firstLoss.toFixed(3)}→${m.lastLoss.toFixed(3)}`,
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  for (const row of rows) console.log(row.map((cell, c) => String(cell).padEnd(widths[c])).join('  '));
}

function driverVersion() {
  try {
    const text = fs.readFileSync('/proc/driver/nvidia/version', 'utf8');
    return /Kernel Module\s+([\d.]+)/.exec(text)?.[1] ?? text.split('\n')[0];
  } catch {
    return undefined;
  }
}

/** nvidia-smi's GPUs, [] if it lists none, undefined if it is not installed. */
function nvidiaSmi() {
  const r = spawnSync('nvidia-smi', ['--query-gpu=index,name,memory.total,compute_cap', '--format=csv,noheader'], { encoding: 'utf8' });
  if (r.error) return undefined;
  if (r.status !== 0) return [];
  return r.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [index, name, memory, computeCap] = l.split(',').map((s) => s.trim());
      return { index, name, memory, computeCap };
    });
}

async function child() {
  const { initBackend, resolveModelConfig, createModel, flopsPerToken, SingleThreadTrainer } = await import(
    path.join(root, 'packages/trainer/dist/src/index.js')
  );
  const which = option('model', 'both');
  const steps = Number(option('steps', '50'));
  const choice = await initBackend('tensorflow-gpu');
  // Real text, as bytes (vocabulary 256, as in the benchmark): the loss must fall, not just be finite.
  const bytes = zlib.gunzipSync(fs.readFileSync(path.join(root, 'datasets/sample/sample-00000.jsonl.gz')));
  // 3 untimed steps: the first runs build TensorFlow's kernels (on a GPU: cuBLAS/cuDNN handles, autotuning)
  const warmup = 3;
  const trainStep = {
    schedule: { kind: 'constant', maxLr: 1e-3, minLr: 1e-3, warmupSteps: 0, totalSteps: 1 },
    optimizer: { beta2: 0.99 },
    gradClip: 1,
  };
  const models = [];
  for (const key of which === 'both' ? ['cheap', 'larger'] : [which]) {
    const spec = MODELS[key];
    const config = resolveModelConfig(spec.model);
    const seqLen = config.maxSeqLen;
    const model = createModel(config, 0);
    const params = `${(model.parameterCount().total / 1e6).toFixed(2)}M`;
    const trainer = new SingleThreadTrainer(model, trainStep);
    let state = 1234;
    const nextBatch = () => {
      const tokens = new Int32Array(spec.batchSize * (seqLen + 1));
      for (let r = 0; r < spec.batchSize; r++) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        const start = state % (bytes.length - seqLen - 1);
        for (let j = 0; j <= seqLen; j++) tokens[r * (seqLen + 1) + j] = bytes[start + j];
      }
      return { tokens, batchSize: spec.batchSize, seqLen };
    };
    const losses = [];
    for (let i = 0; i < warmup; i++) losses.push(trainer.trainStepSync([nextBatch()]).loss);
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) losses.push(trainer.trainStepSync([nextBatch()]).loss);
    const stepSeconds = (performance.now() - t0) / 1000 / steps;
    await trainer.dispose();
    model.dispose();
    if (!losses.every(Number.isFinite)) throw new Error(`${spec.name}: non-finite loss (${losses.join(', ')})`);
    const tokensPerStep = spec.batchSize * seqLen;
    models.push({
      name: spec.name,
      params,
      stepSeconds,
      tokensPerSecond: tokensPerStep / stepSeconds,
      flopsPerSecond: (flopsPerToken(config, seqLen) * tokensPerStep) / stepSeconds,
      firstLoss: losses[0],
      lastLoss: losses.at(-1),
    });
  }
  // Which CUDA libraries TensorFlow opened and from where: the proof that its RUNPATH finds the
  // wheels' copies under deps/nvidia (and, on a GPU machine, the driver's libcuda.so.1).
  const cudaLibraries = [
    ...new Set(
      fs
        .readFileSync('/proc/self/maps', 'utf8')
        .split('\n')
        .map((l) => l.split(/\s+/).slice(5).join(' '))
        .filter((p) => /\/lib(cuda|cudart|cublas|cublasLt|cudnn|cufft|cusolver|cusparse|nvJitLink|cupti)\.so/.test(p)),
    ),
  ];
  process.stdout.write(JSON.stringify({ backend: choice.description, gpu: choice.gpu === true, warmup, models, cudaLibraries }) + '\n');
}
