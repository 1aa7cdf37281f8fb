// The native TensorFlow half of bench/trainer.mjs, in its own process: TensorFlow fixes its
// thread pools when it starts, so each thread count is a fresh process. Prints one JSON line.
//   node bench/trainer-native.mjs throughput --config <ModelConfig JSON> --batches <file.i32> --batch-size B --warmup W --steps S --threads N
//   node bench/trainer-native.mjs shakespeare --data <tinyshakespeare.txt> --iters N --eval-batches E --log <file> --threads N
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createModel, initBackend, resolveModelConfig, SingleThreadTrainer } from '../packages/trainer/dist/src/index.js';
import { shakespeareRun, shakespeareTrainStep, timeSingleThread } from './lib/trainer-runs.mjs';

const { positionals, values: a } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string' }, batches: { type: 'string' }, 'batch-size': { type: 'string' }, warmup: { type: 'string', default: '2' },
    steps: { type: 'string', default: '10' }, threads: { type: 'string', default: '1' }, data: { type: 'string' }, iters: { type: 'string', default: '2000' },
    'eval-batches': { type: 'string', default: '100' }, log: { type: 'string' },
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
  const batches = Array.from({ length: all.length / width }, (_, i) => ({ tokens: all.subarray(i * width, (i + 1) * width), batchSize, seqLen: config.maxSeqLen }));
  const r = await timeSingleThread(resolveModelConfig(config), batches, Number(a.warmup), Number(a.steps));
  console.log(JSON.stringify({ ...r, backend: backend.description }));
} else if (positionals[0] === 'shakespeare') {
  const iters = Number(a.iters);
  const config = resolveModelConfig({ vocabSize: 256, dModel: 128, nLayers: 4, nHeads: 4, maxSeqLen: 64 });
  const model = createModel(config, 1337);
  const trainer = new SingleThreadTrainer(model, shakespeareTrainStep(iters));
  const lines = [];
  const r = await shakespeareRun(trainer, { bytes: new Uint8Array(readFileSync(a.data)), iters, evalBatches: Number(a['eval-batches']), log: a.log, onLine: (l) => { lines.push(l); process.stderr.write(`${l}\n`); } });
  console.log(JSON.stringify({ ...r, lines, backend: backend.description }));
} else {
  throw new Error(`unknown mode ${positionals[0]}: throughput | shakespeare`);
}
