// Training loops shared by bench/trainer.mjs (wasm, in process) and bench/trainer-native.mjs (the
// native TensorFlow backend, in a child process: TensorFlow fixes its thread count when it starts).
import { createModel, SingleThreadTrainer } from '../../packages/trainer/dist/src/index.js';
import { appendFileSync, writeFileSync } from 'node:fs';
import { rng } from './common.mjs';

/** `count` batches of random windows, seeded, as [count][B × (T+1)] int32 rows. */
export function sampleBatches(bytes, count, batchSize, seqLen, seed) {
  const random = rng(seed);
  const all = new Int32Array(count * batchSize * (seqLen + 1));
  for (let r = 0; r < count * batchSize; r++) {
    const start = Math.floor(random() * (bytes.length - seqLen - 1));
    for (let j = 0; j <= seqLen; j++) all[r * (seqLen + 1) + j] = bytes[start + j];
  }
  const width = batchSize * (seqLen + 1);
  return { all, batches: Array.from({ length: count }, (_, i) => ({ tokens: all.subarray(i * width, (i + 1) * width), batchSize, seqLen })) };
}

const cpuSeconds = (usage) => (usage.user + usage.system) / 1e6;

export const trainStep = {
  schedule: { kind: 'constant', maxLr: 1e-3, minLr: 1e-3, warmupSteps: 0, totalSteps: 1 },
  optimizer: { beta2: 0.99 },
  gradClip: 1,
};

export async function timeSingleThread(config, batches, warmup, steps) {
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

/** nanoGPT's Shakespeare schedule: lr 1e-3 → 1e-4 cosine over the run, 100 warmup iterations, β2 0.99, weight decay 0.1, clip 1. */
export function shakespeareTrainStep(iters) {
  return {
    schedule: { kind: 'cosine', maxLr: 1e-3, minLr: 1e-4, warmupSteps: 100, totalSteps: iters },
    optimizer: { beta2: 0.99, weightDecay: 0.1 },
    gradClip: 1,
  };
}

/**
 * Tiny Shakespeare, byte-level, nanoGPT's CPU configuration (batch 12 × block 64) on `trainer`
 * (any Trainer: data-parallel wasm or native): random training windows from the first 90 % of the
 * text, the same seeded draws on every backend; validation loss every 250 iterations over fixed
 * windows of the last 10 %. Appends one JSON line per iteration to `log`.
 */
export async function shakespeareRun(trainer, { bytes, iters, evalBatches: evalCount, log, onLine }) {
  const seqLen = 64;
  const batchSize = 12;
  const split = Math.floor(bytes.length * 0.9);
  const train = bytes.subarray(0, split);
  const val = bytes.subarray(split);
  writeFileSync(log, '');
  const random = rng(1337);
  const draw = (src) => {
    const tokens = new Int32Array(batchSize * (seqLen + 1));
    for (let r = 0; r < batchSize; r++) {
      const start = Math.floor(random() * (src.length - seqLen - 1));
      for (let j = 0; j <= seqLen; j++) tokens[r * (seqLen + 1) + j] = src[start + j];
    }
    return { tokens, batchSize, seqLen };
  };
  const evalBatches = sampleBatches(val, evalCount, batchSize, seqLen, 99).batches;
  const trainEval = sampleBatches(train, evalCount, batchSize, seqLen, 98).batches;
  const t0 = performance.now();
  for (let it = 0; it < iters; it++) {
    const last = await trainer.trainStep([draw(train)]);
    const elapsed = (performance.now() - t0) / 1000;
    const record = {
      iter: it + 1,
      loss: last.loss,
      lr: last.lr,
      gradNorm: last.gradNorm,
      seconds: elapsed,
      tokensPerSecond: ((it + 1) * batchSize * seqLen) / elapsed,
    };
    if ((it + 1) % 250 === 0 || it + 1 === iters) {
      record.valLoss = await trainer.evalLoss(evalBatches);
      onLine(
        `iter ${it + 1}: train loss ${last.loss.toFixed(3)}, val loss ${record.valLoss.toFixed(4)}, ${record.tokensPerSecond.toFixed(0)} tokens/s, ${elapsed.toFixed(0)} s`,
      );
    }
    appendFileSync(log, JSON.stringify(record) + '\n');
  }
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, valLoss: await trainer.evalLoss(evalBatches), trainLoss: await trainer.evalLoss(trainEval) };
}
