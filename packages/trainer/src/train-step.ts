// One optimizer step on the current thread: gradients of each micro-batch are summed (gradient
// accumulation), averaged by token count, clipped by global norm, and applied by AdamW with the
// schedule's learning rate for this step. `DataParallelTrainer` (data-parallel.ts) offers the same
// interface over worker threads; the multi-stage driver (training-run.ts) takes either.
import * as tf from '@tensorflow/tfjs';
import type { DecoderModel, TokenBatch } from './model.js';
import { AdamW, type AdamWConfig, type AdamWState } from './optimizer.js';
import { createLrSchedule, type LrSchedule, type LrScheduleConfig } from './lr-schedule.js';

export interface TrainStepConfig {
  optimizer?: Partial<AdamWConfig>;
  schedule: LrScheduleConfig;
  /** clip the global gradient norm to this (0 = off; nanoGPT uses 1.0) */
  gradClip: number;
}

export interface StepResult {
  /** optimizer steps done after this one */
  step: number;
  /** mean training loss over the step's micro-batches (nats/token) */
  loss: number;
  lr: number;
  /** global gradient norm before clipping */
  gradNorm: number;
  tokens: number;
}

/** What a training loop needs from a trainer, on one thread or many. */
export interface Trainer {
  readonly step: number;
  /** One optimizer step over 1..n micro-batches (n > 1 is gradient accumulation). */
  trainStep(microBatches: TokenBatch[]): Promise<StepResult>;
  /** Mean loss over batches, no update. */
  evalLoss(batches: TokenBatch[]): Promise<number>;
  /** Current weights by Hugging Face name (copies). */
  weights(): Promise<Map<string, Float32Array>>;
  optimizerState(): Promise<AdamWState>;
  /** Restores weights and optimizer state (resume). */
  loadState(weights: Map<string, Float32Array>, optimizer: AdamWState): Promise<void>;
  /** Changes the learning-rate schedule (a new stage); the step count carries on. */
  setSchedule(schedule: LrScheduleConfig): Promise<void>;
  setRopeTheta(theta: number): Promise<void>;
  dispose(): Promise<void>;
}

export function tokensIn(batch: TokenBatch): number {
  return batch.batchSize * batch.seqLen;
}

/**
 * Accumulated, token-weighted mean gradient and loss of micro-batches. Shared by the single-thread
 * trainer and each data-parallel worker.
 */
export function accumulateGradients(
  model: DecoderModel,
  microBatches: TokenBatch[],
): { loss: number; grads: Map<string, tf.Tensor>; tokens: number } {
  if (microBatches.length === 0) throw new Error('trainStep: no micro-batches');
  const total = microBatches.reduce((s, b) => s + tokensIn(b), 0);
  let sum: Map<string, tf.Tensor> | undefined;
  let loss = 0;
  for (const batch of microBatches) {
    const weight = tokensIn(batch) / total;
    const { loss: l, grads } = model.lossAndGrads(batch);
    loss += l * weight;
    if (!sum) {
      sum = new Map();
      for (const [name, g] of grads) {
        sum.set(name, weight === 1 ? g : tf.mul(g, weight));
        if (weight !== 1) g.dispose();
      }
    } else {
      for (const [name, g] of grads) {
        const previous = sum.get(name)!;
        sum.set(
          name,
          tf.tidy(() => tf.add(previous, tf.mul(g, weight))),
        );
        previous.dispose();
        g.dispose();
      }
    }
  }
  return { loss, grads: sum!, tokens: total };
}

export class SingleThreadTrainer implements Trainer {
  readonly model: DecoderModel;
  readonly optimizer: AdamW;
  private schedule: LrSchedule;
  private readonly gradClip: number;

  constructor(model: DecoderModel, config: TrainStepConfig) {
    this.model = model;
    this.optimizer = new AdamW(model.params, config.optimizer);
    this.schedule = createLrSchedule(config.schedule);
    this.gradClip = config.gradClip;
  }

  get step(): number {
    return this.optimizer.step;
  }

  /** Synchronous form of trainStep, for tests and simple loops. */
  trainStepSync(microBatches: TokenBatch[]): StepResult {
    const lr = this.schedule(this.optimizer.step);
    const { loss, grads, tokens } = accumulateGradients(this.model, microBatches);
    const gradNorm = this.optimizer.apply(grads, lr, this.gradClip);
    tf.dispose([...grads.values()]);
    return { step: this.optimizer.step, loss, lr, gradNorm, tokens };
  }

  async trainStep(microBatches: TokenBatch[]): Promise<StepResult> {
    return this.trainStepSync(microBatches);
  }

  async evalLoss(batches: TokenBatch[]): Promise<number> {
    const total = batches.reduce((s, b) => s + tokensIn(b), 0);
    let loss = 0;
    for (const b of batches) loss += (this.model.evalLoss(b) * tokensIn(b)) / total;
    return loss;
  }

  async weights(): Promise<Map<string, Float32Array>> {
    return this.model.weights();
  }

  async optimizerState(): Promise<AdamWState> {
    return this.optimizer.state();
  }

  async loadState(weights: Map<string, Float32Array>, optimizer: AdamWState): Promise<void> {
    this.model.loadWeights(weights);
    this.optimizer.loadState(optimizer);
  }

  async setSchedule(schedule: LrScheduleConfig): Promise<void> {
    this.schedule = createLrSchedule(schedule);
  }

  async setRopeTheta(theta: number): Promise<void> {
    this.model.setRopeTheta(theta);
  }

  async dispose(): Promise<void> {
    this.optimizer.dispose();
  }
}
