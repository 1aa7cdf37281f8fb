// Data parallelism over worker threads on one machine: N replicas, each with its own tfjs backend
// (the wasm backend is single-threaded in Node — its threaded build fails with ERR_WORKER_PATH —
// so this is how a trainer uses more than one core). Each step the rows of every micro-batch are
// split across replicas; each computes the gradient of its rows into a SharedArrayBuffer slot.
// The optimizer is sharded (ZeRO stage 1): each replica averages the slots for its own share of
// the parameters (token-weighted, in rank order), clips with the global norm, runs AdamW on that
// share and publishes the new weights through a second SharedArrayBuffer, which every replica
// then loads. Replicas stay identical; a run is deterministic for a given worker count.
import { WorkerPool, WorkerRequestError } from '@anneal/core';
import { checkTokenBatch, parameterShapes, type ModelConfig, type TokenBatch } from './model.js';
import type { BackendName } from './backend.js';
import type { WasmMatMulKernel } from './wasm-kernels.js';
import type { AdamWState } from './optimizer.js';
import type { LrScheduleConfig } from './lr-schedule.js';
import type { StepResult, Trainer, TrainStepConfig } from './train-step.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './data-parallel-protocol.js';

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
type ReplicaPool = WorkerPool<WorkerRequest, WorkerReply>;

/** Sends `request` to replica `rank` and checks the kind of its reply; a failed request names the replica. */
async function ask<K extends WorkerReply['kind']>(pool: ReplicaPool, rank: number, request: WorkerRequest, expect: K): Promise<Reply<K>> {
  let reply: WorkerReply;
  try {
    reply = await pool.requestTo(rank, request);
  } catch (err) {
    throw err instanceof WorkerRequestError ? new Error(`data-parallel worker ${rank}: ${err.workerStack ?? err.message}`) : err;
  }
  if (reply.kind !== expect) throw new Error(`expected ${expect}, got ${reply.kind}`);
  return reply as Reply<K>;
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
  private stepCount = 0;

  private constructor(
    /** one worker thread per replica, each addressed by its rank */
    private readonly pool: ReplicaPool,
    /** backend description reported by each replica */
    readonly backends: string[],
    private readonly vocabSize: number,
  ) {}

  /** The same request to every replica (rank k gets `request(k)`), replies in rank order. */
  private all<K extends WorkerReply['kind']>(request: (rank: number) => WorkerRequest, expect: K): Promise<Reply<K>[]> {
    return Promise.all(Array.from({ length: this.pool.size }, (_, k) => ask(this.pool, k, request(k), expect)));
  }

  static async create(options: DataParallelOptions): Promise<DataParallelTrainer> {
    if (!Number.isInteger(options.workers) || options.workers < 1) throw new Error(`workers: expected an integer >= 1, got ${options.workers}`);
    const parameterCount = parameterShapes(options.modelConfig).reduce((s, [, shape]) => s + shape.reduce((p, d) => p * d, 1), 0);
    const gradients = new SharedArrayBuffer(options.workers * parameterCount * 4);
    const weights = new SharedArrayBuffer(parameterCount * 4);
    const pool: ReplicaPool = new WorkerPool({
      workerModule: new URL('./data-parallel-worker.js', import.meta.url),
      workers: options.workers,
      data: (rank): WorkerInit => ({
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
      name: (rank) => `data-parallel worker ${rank}`,
    });
    try {
      const ready = await Promise.all(Array.from({ length: options.workers }, (_, k) => ask(pool, k, { kind: 'ready' }, 'ready')));
      return new DataParallelTrainer(
        pool,
        ready.map((r) => r.backend),
        options.modelConfig.vocabSize,
      );
    } catch (err) {
      await pool.close();
      throw err;
    }
  }

  get step(): number {
    return this.stepCount;
  }

  get workers(): number {
    return this.pool.size;
  }

  async trainStep(microBatches: TokenBatch[]): Promise<StepResult> {
    if (microBatches.length === 0) throw new Error('trainStep: no micro-batches');
    // checked here so an error names the row of the caller's batch, not of a worker's share
    for (const b of microBatches) checkTokenBatch(b, this.vocabSize);
    const shares = splitRows(microBatches, this.pool.size);
    const results = await this.all((k) => ({ kind: 'gradients', microBatches: shares[k]! }), 'gradients');
    const tokensPerWorker = results.map((r) => r.tokens);
    const tokens = tokensPerWorker.reduce((a, b) => a + b, 0);
    let loss = 0;
    for (const r of results) loss += (r.loss * r.tokens) / tokens;
    const partials = await this.all(() => ({ kind: 'reduce', tokensPerWorker }), 'reduce');
    const globalNorm = Math.sqrt(partials.reduce((s, p) => s + p.sumOfSquares, 0));
    const applied = await this.all(() => ({ kind: 'apply', globalNorm }), 'apply');
    await this.all(() => ({ kind: 'sync' }), 'done');
    this.stepCount = applied[0]!.step;
    return { step: this.stepCount, loss, lr: applied[0]!.lr, gradNorm: globalNorm, tokens };
  }

  async evalLoss(batches: TokenBatch[]): Promise<number> {
    for (const b of batches) checkTokenBatch(b, this.vocabSize);
    const shares = splitRows(batches, this.pool.size);
    const results = await this.all((k) => ({ kind: 'eval', batches: shares[k]! }), 'eval');
    const tokens = results.reduce((s, r) => s + r.tokens, 0);
    return results.reduce((s, r) => s + (r.loss * r.tokens) / tokens, 0);
  }

  async weights(): Promise<Map<string, Float32Array>> {
    return (await ask(this.pool, 0, { kind: 'weights' }, 'weights')).weights;
  }

  /** The moments of every shard, gathered into one state (the same as one thread would hold). */
  async optimizerState(): Promise<AdamWState> {
    const shards = await this.all(() => ({ kind: 'optimizer-state' }), 'optimizer-state');
    const moments = new Map<string, Float32Array>();
    for (const { state } of shards) for (const [name, values] of state.moments) moments.set(name, values);
    return { step: shards[0]!.state.step, moments };
  }

  async loadState(weights: Map<string, Float32Array>, optimizer: AdamWState): Promise<void> {
    await this.all(() => ({ kind: 'load-state', weights, optimizer }), 'done');
    this.stepCount = optimizer.step;
  }

  async setSchedule(schedule: LrScheduleConfig): Promise<void> {
    await this.all(() => ({ kind: 'set-schedule', schedule }), 'done');
  }

  async setRopeTheta(theta: number): Promise<void> {
    await this.all(() => ({ kind: 'set-rope-theta', theta }), 'done');
  }

  async dispose(): Promise<void> {
    // every replica frees its tensors, whether or not another one fails to
    await Promise.all(Array.from({ length: this.pool.size }, (_, k) => ask(this.pool, k, { kind: 'dispose' }, 'done').catch(() => undefined)));
    await this.pool.close();
  }
}
