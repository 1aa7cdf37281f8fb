// One data-parallel replica, run in a worker thread by DataParallelTrainer. It owns a backend, a
// model built from the shared seed (so every replica starts identical), and AdamW for its shard
// of the parameters only (ZeRO stage 1: optimizer work and moments are split, not repeated).
// A step, driven by the main thread:
//   gradients  gradient of this replica's rows → its slot of the gradient SharedArrayBuffer
//   reduce     token-weighted mean over all slots, for this replica's shard, in rank order;
//              returns the shard's sum of squares (for the global clipping norm)
//   apply      clip with the global norm, AdamW on the shard, write the shard's new weights into
//              the weight SharedArrayBuffer
//   sync       load every other shard's weights from it
// Every float operation happens in a fixed order, so replicas stay bitwise identical and a run
// is reproducible for a given worker count.
import { workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { serveRequests } from '@anneal/core';
import { initBackend } from './backend.js';
import { createModel, type TokenBatch } from './model.js';
import { AdamW } from './optimizer.js';
import { createLrSchedule } from './lr-schedule.js';
import { accumulateGradients, tokensIn } from './train-step.js';
import { assignShards, type WorkerInit, type WorkerReply, type WorkerRequest } from './data-parallel-protocol.js';

const init = workerData as WorkerInit;

const choice = await initBackend(init.backend, { wasmMatMul: init.wasmMatMul });
const model = createModel(init.modelConfig, init.seed);
const names = [...model.params.keys()];
const sizes = names.map((n) => model.params.get(n)!.size);
const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
const parameterCount = sizes.reduce((a, b) => a + b, 0);
const owner = assignShards(sizes, init.workers);
const mine = names.map((_, i) => i).filter((i) => owner[i] === init.rank);
const optimizer = new AdamW(new Map(mine.map((i) => [names[i]!, model.params.get(names[i]!)!])), init.trainStep.optimizer);
let schedule = createLrSchedule(init.trainStep.schedule);
const slots = Array.from({ length: init.workers }, (_, r) => new Float32Array(init.gradients, r * parameterCount * 4, parameterCount));
const sharedWeights = new Float32Array(init.weights, 0, parameterCount);
/** this replica's shard of the mean gradient, between `reduce` and `apply` */
let shardMean: Map<number, Float32Array> | undefined;

function writeGradients(grads: Map<string, tf.Tensor>): void {
  const slot = slots[init.rank]!;
  for (let i = 0; i < names.length; i++) slot.set(grads.get(names[i]!)!.dataSync() as Float32Array, offsets[i]!);
}

function reduceShard(tokensPerWorker: number[]): number {
  const total = tokensPerWorker.reduce((a, b) => a + b, 0);
  shardMean = new Map();
  let sumOfSquares = 0;
  for (const i of mine) {
    const mean = new Float32Array(sizes[i]!);
    for (let r = 0; r < init.workers; r++) {
      if (tokensPerWorker[r] === 0) continue;
      const weight = tokensPerWorker[r]! / total;
      const slot = slots[r]!.subarray(offsets[i]!, offsets[i]! + sizes[i]!);
      for (let j = 0; j < mean.length; j++) mean[j]! += weight * slot[j]!;
    }
    for (let j = 0; j < mean.length; j++) sumOfSquares += mean[j]! * mean[j]!;
    shardMean.set(i, mean);
  }
  return sumOfSquares;
}

function applyShard(globalNorm: number): number {
  if (!shardMean) throw new Error('apply before reduce');
  const lr = schedule(optimizer.step);
  const maxNorm = init.trainStep.gradClip;
  // the same factor clipGradsByGlobalNorm uses on one thread
  const scale = maxNorm > 0 && Number.isFinite(maxNorm) && globalNorm > maxNorm ? maxNorm / (globalNorm + 1e-6) : 1;
  const grads = new Map<string, tf.Tensor>();
  for (const [i, mean] of shardMean) {
    if (scale !== 1) for (let j = 0; j < mean.length; j++) mean[j]! *= scale;
    grads.set(names[i]!, tf.tensor(mean, model.params.get(names[i]!)!.shape, 'float32'));
  }
  optimizer.apply(grads, lr);
  tf.dispose([...grads.values()]);
  shardMean = undefined;
  for (const i of mine) sharedWeights.set(model.params.get(names[i]!)!.dataSync() as Float32Array, offsets[i]!);
  return lr;
}

function syncWeights(): void {
  for (let i = 0; i < names.length; i++) {
    if (owner[i] === init.rank) continue;
    const variable = model.params.get(names[i]!)!;
    tf.tidy(() => variable.assign(tf.tensor(sharedWeights.subarray(offsets[i]!, offsets[i]! + sizes[i]!), variable.shape, 'float32')));
  }
}

function meanLoss(batches: TokenBatch[]): { loss: number; tokens: number } {
  const tokens = batches.reduce((s, b) => s + tokensIn(b), 0);
  let loss = 0;
  for (const b of batches) loss += (model.evalLoss(b) * tokensIn(b)) / tokens;
  return { loss: tokens ? loss : 0, tokens };
}

function handle(request: WorkerRequest): WorkerReply {
  switch (request.kind) {
    case 'ready':
      return { kind: 'ready', backend: choice.description };
    case 'gradients': {
      if (request.microBatches.length === 0) return { kind: 'gradients', loss: 0, tokens: 0 };
      const { loss, grads, tokens } = accumulateGradients(model, request.microBatches);
      writeGradients(grads);
      tf.dispose([...grads.values()]);
      return { kind: 'gradients', loss, tokens };
    }
    case 'reduce':
      return { kind: 'reduce', sumOfSquares: reduceShard(request.tokensPerWorker) };
    case 'apply':
      return { kind: 'apply', lr: applyShard(request.globalNorm), step: optimizer.step };
    case 'sync':
      syncWeights();
      return { kind: 'done' };
    case 'eval':
      return { kind: 'eval', ...meanLoss(request.batches) };
    case 'weights':
      return { kind: 'weights', weights: model.weights() };
    case 'optimizer-state':
      return { kind: 'optimizer-state', state: optimizer.state() };
    case 'load-state':
      model.loadWeights(request.weights);
      optimizer.loadState(request.optimizer);
      return { kind: 'done' };
    case 'set-schedule':
      schedule = createLrSchedule(request.schedule);
      return { kind: 'done' };
    case 'set-rope-theta':
      model.setRopeTheta(request.theta);
      return { kind: 'done' };
    case 'dispose':
      optimizer.dispose();
      model.dispose();
      return { kind: 'done' };
  }
}

// requests sent while the backend started waited in the port; they are answered from here on
serveRequests<WorkerRequest, WorkerReply>(handle);
