// Messages between DataParallelTrainer (main thread) and its workers (data-parallel-worker.ts).
// Gradients do not travel in messages: each worker writes its flat gradient into its own slot of a
// SharedArrayBuffer, and every worker reads all slots to average them.
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
}

export type WorkerRequest =
  | { kind: 'gradients'; microBatches: TokenBatch[] }
  /** tokens each worker's gradient was averaged over; a worker with 0 tokens is skipped */
  | { kind: 'apply'; tokensPerWorker: number[] }
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
  | { kind: 'apply'; gradNorm: number; lr: number; step: number }
  | { kind: 'eval'; loss: number; tokens: number }
  | { kind: 'weights'; weights: Map<string, Float32Array> }
  | { kind: 'optimizer-state'; state: AdamWState }
  | { kind: 'done' };

export type Envelope<T> = { id: number } & ({ ok: true; body: T } | { ok: false; error: string });
