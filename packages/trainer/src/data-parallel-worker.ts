// One data-parallel replica, run in a worker thread by DataParallelTrainer. It owns a backend,
// a model built from the shared seed (so every replica starts identical) and an AdamW. Each step:
// compute the gradient of its rows, write it to its SharedArrayBuffer slot; then, once every
// replica has written, average all slots in rank order (the same float operations in every
// replica, so the replicas stay bitwise identical), clip and apply.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend.js';
import { createModel, type TokenBatch } from './model.js';
import { AdamW, clipGradsByGlobalNorm } from './optimizer.js';
import { createLrSchedule } from './lr-schedule.js';
import { accumulateGradients, tokensIn } from './train-step.js';
import type { Envelope, WorkerInit, WorkerReply, WorkerRequest } from './data-parallel-protocol.js';

const init = workerData as WorkerInit;
const port = parentPort!;

const choice = await initBackend(init.backend, { wasmMatMul: init.wasmMatMul });
const model = createModel(init.modelConfig, init.seed);
const optimizer = new AdamW(model.params, init.trainStep.optimizer);
let schedule = createLrSchedule(init.trainStep.schedule);
const names = [...model.params.keys()];
const sizes = names.map((n) => model.params.get(n)!.size);
const parameterCount = sizes.reduce((a, b) => a + b, 0);
const slots = Array.from({ length: init.workers }, (_, r) => new Float32Array(init.gradients, r * parameterCount * 4, parameterCount));

function writeGradients(grads: Map<string, tf.Tensor>): void {
  const slot = slots[init.rank]!;
  let offset = 0;
  for (let i = 0; i < names.length; i++) {
    slot.set(grads.get(names[i]!)!.dataSync() as Float32Array, offset);
    offset += sizes[i]!;
  }
}

function averagedGradients(tokensPerWorker: number[]): Map<string, tf.Tensor> {
  const total = tokensPerWorker.reduce((a, b) => a + b, 0);
  const mean = new Float32Array(parameterCount);
  for (let r = 0; r < init.workers; r++) {
    if (tokensPerWorker[r] === 0) continue;
    const weight = tokensPerWorker[r]! / total;
    const slot = slots[r]!;
    for (let i = 0; i < parameterCount; i++) mean[i]! += weight * slot[i]!;
  }
  const grads = new Map<string, tf.Tensor>();
  let offset = 0;
  for (let i = 0; i < names.length; i++) {
    const shape = model.params.get(names[i]!)!.shape;
    grads.set(names[i]!, tf.tensor(mean.subarray(offset, offset + sizes[i]!), shape, 'float32'));
    offset += sizes[i]!;
  }
  return grads;
}

function meanLoss(batches: TokenBatch[]): { loss: number; tokens: number } {
  const tokens = batches.reduce((s, b) => s + tokensIn(b), 0);
  let loss = 0;
  for (const b of batches) loss += (model.evalLoss(b) * tokensIn(b)) / tokens;
  return { loss: tokens ? loss : 0, tokens };
}

function handle(request: WorkerRequest): WorkerReply {
  switch (request.kind) {
    case 'gradients': {
      if (request.microBatches.length === 0) return { kind: 'gradients', loss: 0, tokens: 0 };
      const { loss, grads, tokens } = accumulateGradients(model, request.microBatches);
      writeGradients(grads);
      tf.dispose([...grads.values()]);
      return { kind: 'gradients', loss, tokens };
    }
    case 'apply': {
      const lr = schedule(optimizer.step);
      const grads = averagedGradients(request.tokensPerWorker);
      const gradNorm = clipGradsByGlobalNorm(grads, init.trainStep.gradClip);
      optimizer.apply(grads, lr);
      tf.dispose([...grads.values()]);
      return { kind: 'apply', gradNorm, lr, step: optimizer.step };
    }
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

port.on('message', (message: { id: number; request: WorkerRequest }) => {
  let reply: Envelope<WorkerReply>;
  try {
    reply = { id: message.id, ok: true, body: handle(message.request) };
  } catch (err) {
    reply = { id: message.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply);
});
port.postMessage({ id: 0, ok: true, body: { kind: 'ready', backend: choice.description } } satisfies Envelope<WorkerReply>);
