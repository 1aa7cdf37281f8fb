import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '@anneal/core';
import { writeMetricsRecord, type ScalarSink } from './tensorboard-events.js';

/** One line of `metrics.jsonl`. `train` lines carry the loss curve; the rest are evaluations. */
export type MetricsRecord =
  | {
      type: 'train';
      step: number;
      stage: string;
      stage_step: number;
      tokens: number;
      loss: number;
      lr: number;
      grad_norm: number;
      tokens_per_s: number;
      elapsed_s: number;
    }
  | { type: 'eval'; step: number; stage: string; seq_len: number; loss: Record<string, number>; mean_loss: number }
  | {
      type: 'long_context';
      step: number;
      stage: string;
      when: 'before' | 'after';
      seq_len: number;
      rope_theta: number;
      perplexity: Record<string, number>;
      mean_perplexity: number;
    };

/**
 * Appends metrics as JSON lines (one write per line, so a kill -9 loses at most the line being
 * written). On resume the file is cut back to the checkpoint's step, so the curve continues
 * without the steps the killed run did after its last checkpoint.
 */
export class MetricsLog {
  /** where every record is mirrored too (TensorBoard on the native backend) */
  private sink: ScalarSink | undefined;

  constructor(readonly path: string) {}

  append(record: MetricsRecord): void {
    appendFileSync(this.path, `${JSON.stringify(record)}\n`);
    if (this.sink) {
      writeMetricsRecord(this.sink, record);
      this.sink.flush();
    }
  }

  /** Rewrites the TensorBoard events from every record already in the file, then mirrors every later one. */
  async mirrorTo(tensorboard: { sink: ScalarSink; replace(records: MetricsRecord[]): Promise<void> }): Promise<void> {
    await tensorboard.replace(existsSync(this.path) ? readMetrics(this.path) : []);
    this.sink = tensorboard.sink;
  }

  /** Keeps records of steps <= `step` (and drops a torn last line); a fresh run passes -1 to start empty. */
  async truncateAfter(step: number): Promise<void> {
    const kept: string[] = [];
    if (existsSync(this.path)) {
      for (const line of readFileSync(this.path, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const r = JSON.parse(line) as MetricsRecord;
          if (r.step <= step && !(r.type === 'long_context' && r.when === 'before' && r.step === step)) kept.push(line);
        } catch {
          // a line torn by the kill
        }
      }
    }
    await writeFileAtomic(this.path, kept.map((l) => `${l}\n`).join(''));
  }
}

export function readMetrics(path: string): MetricsRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as MetricsRecord);
}
