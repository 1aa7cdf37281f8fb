// The native TensorFlow half of bench/trainer.mjs, in its own process: TensorFlow fixes its
// thread pools when it starts, so each thread count is a fresh process. Prints one JSON line.
//   node bench/trainer-native.mjs throughput --config <ModelConfig JSON> --batches <file.i32> --batch-size B --warmup W --steps S --threads N
//   node bench/trainer-native.mjs shakespeare --data <tinyshakespeare.txt> --iters N --eval-batches E --log <file> --threads N
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createModel, initBackend, resolveModelConfig, SingleThreadTrainer } from '../packages/trainer/dist/src/index.js';
import * as tf from '@tensorflow/tfjs';
import { accumulateGradients } from '../packages/trainer/dist/src/index.js';
import { shakespeareRun, shakespeareTrainStep, timeSingleThread, trainStep } from './lib/trainer-runs.mjs';

/**
 * Where a native training step's time goes: every TensorFlow op tfjs-node executes is timed at the
 * binding (one N-API call + one eager TFE_Execute each), by phase (forward + backward, optimizer:
 * clipping and AdamW); the rest of the wall time is JavaScript (tfjs's engine, tape and kernels).
 */
async function profile(config, batchSize, steps) {
  const model = createModel(config, 0);
  const trainer = new SingleThreadTrainer(model, trainStep);
  const tokens = new Int32Array(batchSize * (config.maxSeqLen + 1)).map((_, i) => (i * 31) % config.vocabSize);
  const batch = { tokens, batchSize, seqLen: config.maxSeqLen };
  const backend = tf.backend();
  const binding = backend.binding;
  let phase;
  const ops = {};
  // the binding's methods are read-only: a proxy in front of it sees every call
  backend.binding = new Proxy(
    {},
    {
      get(_, key) {
        const value = binding[key];
        if (key !== 'executeOp') return typeof value === 'function' ? value.bind(binding) : value;
        return (name, attrs, inputs, outputs) => {
          if (!phase) return binding.executeOp(name, attrs, inputs, outputs);
          const t0 = process.hrtime.bigint();
          const result = binding.executeOp(name, attrs, inputs, outputs);
          const row = (ops[`${phase}\t${name}`] ??= { count: 0, ms: 0 });
          row.count++;
          row.ms += Number(process.hrtime.bigint() - t0) / 1e6;
          return result;
        };
      },
    },
  );
  for (let i = 0; i < 3; i++) trainer.trainStepSync([batch]);
  const wall = { 'forward+backward': 0, optimizer: 0 };
  for (let i = 0; i < steps; i++) {
    let t0 = performance.now();
    phase = 'forward+backward';
    const { grads } = accumulateGradients(model, [batch]);
    wall[phase] += performance.now() - t0;
    t0 = performance.now();
    phase = 'optimizer';
    trainer.optimizer.apply(grads, 1e-3, 1);
    tf.dispose([...grads.values()]);
    wall[phase] += performance.now() - t0;
    phase = undefined;
  }
  backend.binding = binding;
  const rows = Object.entries(ops).map(([key, r]) => ({
    phase: key.split('\t')[0],
    op: key.split('\t')[1],
    perStep: r.count / steps,
    msPerStep: r.ms / steps,
  }));
  return { wallMsPerStep: Object.fromEntries(Object.entries(wall).map(([k, v]) => [k, v / steps])), rows };
}

const { positionals, values: a } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string' },
    batches: { type: 'string' },
    'batch-size': { type: 'string' },
    warmup: { type: 'string', default: '2' },
    steps: { type: 'string', default: '10' },
    threads: { type: 'string', default: '1' },
    data: { type: 'string' },
    iters: { type: 'string', default: '2000' },
    'eval-batches': { type: 'string', default: '100' },
    log: { type: 'string' },
  },
});
const threads = Number(a.threads);
const backend = await initBackend('tensorflow', { threads });
process.stderr.write(`backend: ${backend.description}\n`);

if (positionals[0] === 'throughput') {
  const config = JSON.parse(a.config);
  const bytes = readFileSync(a.batches);
  const all = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const batchSize = Number(a['batch-size']);
  const width = batchSize * (config.maxSeqLen + 1);
  const batches = Array.from({ length: all.length / width }, (_, i) => ({
    tokens: all.subarray(i * width, (i + 1) * width),
    batchSize,
    seqLen: config.maxSeqLen,
  }));
  const r = await timeSingleThread(resolveModelConfig(config), batches, Number(a.warmup), Number(a.steps));
  console.log(JSON.stringify({ ...r, backend: backend.description }));
} else if (positionals[0] === 'shakespeare') {
  const iters = Number(a.iters);
  const config = resolveModelConfig({ vocabSize: 256, dModel: 128, nLayers: 4, nHeads: 4, maxSeqLen: 64 });
  const model = createModel(config, 1337);
  const trainer = new SingleThreadTrainer(model, shakespeareTrainStep(iters));
  const lines = [];
  const r = await shakespeareRun(trainer, {
    bytes: new Uint8Array(readFileSync(a.data)),
    iters,
    evalBatches: Number(a['eval-batches']),
    log: a.log,
    onLine: (l) => {
      lines.push(l);
      process.stderr.write(`${l}\n`);
    },
  });
  console.log(JSON.stringify({ ...r, lines, backend: backend.description }));
} else if (positionals[0] === 'profile') {
  console.log(JSON.stringify(await profile(resolveModelConfig(JSON.parse(a.config)), Number(a['batch-size']), Number(a.steps))));
} else {
  throw new Error(`unknown mode ${positionals[0]}: throughput | shakespeare | profile`);
}
