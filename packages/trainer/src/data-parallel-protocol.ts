// Messages between DataParallelTrainer (main thread) and its workers (data-parallel-worker.ts).
// Gradients and weights do not travel in messages: each worker writes its flat gradient into its
// own slot of a SharedArrayBuffer, each shard owner averages its shard over all slots, and updated
// weights come back through a second SharedArrayBuffer.
import type { BackendName } from './backend.js';
import type { WasmMatMulKernel } from './wasm-kernels.js';
import type { ModelConfig, TokenBatch } from './model.js';
import type { AdamWState } from './optimizer.js';
import type { LrScheduleConfig } from './lr-schedule.js';
import type { TrainStepConfig } from './train-step.js';

export interface WorkerInit {
  rank: number;
  workers: number;
  modelConfig: ModelConfig;
  seed: number | string;
  trainStep: TrainStepConfig;
  backend: BackendName;
  wasmMatMul: WasmMatMulKernel;
  /** workers × parameterCount float32 gradient slots */
  gradients: SharedArrayBuffer;
  /** parameterCount float32: each shard owner writes its updated weights here */
  weights: SharedArrayBuffer;
}

/**
 * Which replica updates each parameter (by index in model order): largest first, each to the
 * replica with the fewest values so far, ties to the lowest rank. Deterministic.
 */
export function assignShards(sizes: number[], workers: number): number[] {
  const owner = new Array<number>(sizes.length).fill(0);
  const load = new Array<number>(workers).fill(0);
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  for (const i of order) {
    let best = 0;
    for (let r = 1; r < workers; r++) if (load[r]! < load[best]!) best = r;
    owner[i] = best;
    load[best]! += sizes[i]!;
  }
  return owner;
}

export type WorkerRequest =
  /** answered once the replica's backend and model are ready */
  | { kind: 'ready' }
  | { kind: 'gradients'; microBatches: TokenBatch[] }
  /** tokens each worker's gradient was averaged over; a worker with 0 tokens is skipped */
  | { kind: 'reduce'; tokensPerWorker: number[] }
  /** global L2 norm of the mean gradient, before clipping */
  | { kind: 'apply'; globalNorm: number }
  | { kind: 'sync' }
  | { kind: 'eval'; batches: TokenBatch[] }
  | { kind: 'weights' }
  | { kind: 'optimizer-state' }
  | { kind: 'load-state'; weights: Map<string, Float32Array>; optimizer: AdamWState }
  | { kind: 'set-schedule'; schedule: LrScheduleConfig }
  | { kind: 'set-rope-theta'; theta: number }
  | { kind: 'dispose' };

export type WorkerReply =
  | { kind: 'ready'; backend: string }
  | { kind: 'gradients'; loss: number; tokens: number }
  | { kind: 'reduce'; sumOfSquares: number }
  | { kind: 'apply'; lr: number; step: number }
  | { kind: 'eval'; loss: number; tokens: number }
  | { kind: 'weights'; weights: Map<string, Float32Array> }
  | { kind: 'optimizer-state'; state: AdamWState }
  | { kind: 'done' };
