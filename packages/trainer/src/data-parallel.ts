// Data parallelism over worker threads on one machine: N replicas, each with its own tfjs backend
// (the wasm backend is single-threaded in Node — its threaded build fails with ERR_WORKER_PATH —
// so this is how a trainer uses more than one core). Each step the rows of every micro-batch are
// split across replicas; each computes the gradient of its rows into a SharedArrayBuffer slot.
// The optimizer is sharded (ZeRO stage 1): each replica averages the slots for its own share of
// the parameters (token-weighted, in rank order), clips with the global norm, runs AdamW on that
// share and publishes the new weights through a second SharedArrayBuffer, which every replica
// then loads. Replicas stay identical; a run is deterministic for a given worker count.
import { Worker } from 'node:worker_threads';
import { checkTokenBatch, parameterShapes, type ModelConfig, type TokenBatch } from './model.js';
import type { BackendName } from './backend.js';
import type { WasmMatMulKernel } from './wasm-kernels.js';
import type { AdamWState } from './optimizer.js';
import type { LrScheduleConfig } from './lr-schedule.js';
import { type StepResult, type Trainer, type TrainStepConfig } from './train-step.js';
import type { Envelope, WorkerInit, WorkerReply, WorkerRequest } from './data-parallel-protocol.js';

export interface DataParallelOptions {
  workers: number;
  modelConfig: ModelConfig;
  /** initial-weight seed, the same in every replica */
  seed: number | string;
  trainStep: TrainStepConfig;
  backend?: BackendName;
  wasmMatMul?: WasmMatMulKernel;
}

type Reply<K extends WorkerReply['kind']> = Extract<WorkerReply, { kind: K }>;

/** A worker thread and its request/reply bookkeeping. */
class ReplicaThread {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  readonly ready: Promise<string>;
  private failure: Error | undefined;

  constructor(init: WorkerInit) {
    this.worker = new Worker(new URL('./data-parallel-worker.js', import.meta.url), { workerData: init });
    let resolveReady!: (backend: string) => void;
    let rejectReady!: (e: Error) => void;
    this.ready = new Promise((res, rej) => ((resolveReady = res), (rejectReady = rej)));
    this.worker.on('message', (message: Envelope<WorkerReply>) => {
      if (message.id === 0) {
        if (message.ok && message.body.kind === 'ready') resolveReady(message.body.backend);
        return;
      }
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.body);
      else waiter.reject(new Error(`data-parallel worker ${init.rank}: ${message.error}`));
    });
    const fail = (err: Error) => {
      this.failure = err;
      rejectReady(err);
      for (const waiter of this.pending.values()) waiter.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', (err) => fail(new Error(`data-parallel worker ${init.rank} crashed: ${err.stack ?? err.message}`)));
    this.worker.on('exit', (code) => {
      if (this.pending.size > 0) fail(new Error(`data-parallel worker ${init.rank} exited with code ${code}`));
    });
  }

  request<K extends WorkerReply['kind']>(request: WorkerRequest, expect: K): Promise<Reply<K>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: (reply) => (reply.kind === expect ? resolve(reply as Reply<K>) : reject(new Error(`expected ${expect}, got ${reply.kind}`))),
        reject,
      });
      this.worker.postMessage({ id, request });
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Rows [start, end) of a batch as a batch of its own. */
function rowsOf(batch: TokenBatch, start: number, end: number): TokenBatch {
  const width = batch.seqLen + 1;
  return { tokens: batch.tokens.slice(start * width, end * width), batchSize: end - start, seqLen: batch.seqLen };
}

/** Splits every batch's rows into `parts` contiguous, near-equal shares; share k goes to replica k. */
export function splitRows(batches: TokenBatch[], parts: number): TokenBatch[][] {
  const shares: TokenBatch[][] = Array.from({ length: parts }, () => []);
  for (const batch of batches) {
    for (let k = 0; k < parts; k++) {
      const start = Math.floor((k * batch.batchSize) / parts);
      const end = Math.floor(((k + 1) * batch.batchSize) / parts);
      if (end > start) shares[k]!.push(rowsOf(batch, start, end));
    }
  }
  return shares;
}

export class DataParallelTrainer implements Trainer {
  private readonly replicas: ReplicaThread[];
  private stepCount = 0;
  /** backend description reported by each replica */
  readonly backends: string[];

  private readonly vocabSize: number;

  private constructor(replicas: ReplicaThread[], backends: string[], vocabSize: number) {
    this.replicas = replicas;
    this.backends = backends;
    this.vocabSize = vocabSize;
  }

  static async create(options: DataParallelOptions): Promise<DataParallelTrainer> {
    if (!Number.isInteger(options.workers) || options.workers < 1) throw new Error(`workers: expected an integer >= 1, got ${options.workers}`);
    const parameterCount = parameterShapes(options.modelConfig).reduce((s, [, shape]) => s + shape.reduce((p, d) => p * d, 1), 0);
    const gradients = new SharedArrayBuffer(options.workers * parameterCount * 4);
    const weights = new SharedArrayBuffer(parameterCount * 4);
    const replicas = Array.from(
      { length: options.workers },
      (_, rank) =>
        new ReplicaThread({
          rank,
          workers: options.workers,
          modelConfig: options.modelConfig,
          seed: options.seed,
          trainStep: options.trainStep,
          backend: options.backend ?? 'auto',
          wasmMatMul: options.wasmMatMul ?? 'xnnpack-per-slice',
          gradients,
          weights,
        }),
    );
    try {
      const backends = await Promise.all(replicas.map((r) => r.ready));
      return new DataParallelTrainer(replicas, backends, options.modelConfig.vocabSize);
    } catch (err) {
      await Promise.all(replicas.map((r) => r.terminate()));
      throw err;
    }
  }

  get step(): number {
    return this.stepCount;
  }

  get workers(): number {
    return this.replicas.length;
  }

  async trainStep(microBatches: TokenBatch[]): Promise<StepResult> {
    if (microBatches.length === 0) throw new Error('trainStep: no micro-batches');
    // checked here so an error names the row of the caller's batch, not of a worker's share
    for (const b of microBatches) checkTokenBatch(b, this.vocabSize);
    const shares = splitRows(microBatches, this.replicas.length);
    const results = await Promise.all(this.replicas.map((r, k) => r.request({ kind: 'gradients', microBatches: shares[k]! }, 'gradients')));
    const tokensPerWorker = results.map((r) => r.tokens);
    const tokens = tokensPerWorker.reduce((a, b) => a + b, 0);
    let loss = 0;
    for (const r of results) loss += (r.loss * r.tokens) / tokens;
    const partials = await Promise.all(this.replicas.map((r) => r.request({ kind: 'reduce', tokensPerWorker }, 'reduce')));
    const globalNorm = Math.sqrt(partials.reduce((s, p) => s + p.sumOfSquares, 0));
    const applied = await Promise.all(this.replicas.map((r) => r.request({ kind: 'apply', globalNorm }, 'apply')));
    await Promise.all(this.replicas.map((r) => r.request({ kind: 'sync' }, 'done')));
    this.stepCount = applied[0]!.step;
    return { step: this.stepCount, loss, lr: applied[0]!.lr, gradNorm: globalNorm, tokens };
  }

  async evalLoss(batches: TokenBatch[]): Promise<number> {
    for (const b of batches) checkTokenBatch(b, this.vocabSize);
    const shares = splitRows(batches, this.replicas.length);
    const results = await Promise.all(this.replicas.map((r, k) => r.request({ kind: 'eval', batches: shares[k]! }, 'eval')));
    const tokens = results.reduce((s, r) => s + r.tokens, 0);
    return results.reduce((s, r) => s + (r.loss * r.tokens) / tokens, 0);
  }

  async weights(): Promise<Map<string, Float32Array>> {
    return (await this.replicas[0]!.request({ kind: 'weights' }, 'weights')).weights;
  }

  /** The moments of every shard, gathered into one state (the same as one thread would hold). */
  async optimizerState(): Promise<AdamWState> {
    const shards = await Promise.all(this.replicas.map((r) => r.request({ kind: 'optimizer-state' }, 'optimizer-state')));
    const moments = new Map<string, Float32Array>();
    for (const { state } of shards) for (const [name, values] of state.moments) moments.set(name, values);
    return { step: shards[0]!.state.step, moments };
  }

  async loadState(weights: Map<string, Float32Array>, optimizer: AdamWState): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.request({ kind: 'load-state', weights, optimizer }, 'done')));
    this.stepCount = optimizer.step;
  }

  async setSchedule(schedule: LrScheduleConfig): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.request({ kind: 'set-schedule', schedule }, 'done')));
  }

  async setRopeTheta(theta: number): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.request({ kind: 'set-rope-theta', theta }, 'done')));
  }

  async dispose(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.request({ kind: 'dispose' }, 'done').catch(() => undefined)));
    await Promise.all(this.replicas.map((r) => r.terminate()));
  }
}

