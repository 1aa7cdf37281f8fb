// TensorBoard event files beside metrics.jsonl, on the native backend (tfjs-node's
// summaryFileWriter runs TensorFlow's own summary ops, so `tensorboard --logdir <run_dir>/tensorboard`
// reads them as it reads any TensorFlow run). They mirror metrics.jsonl exactly: on start (and on
// --resume, after metrics.jsonl is cut back to the checkpoint) the folder is rewritten from it, so
// a killed run's steps past its checkpoint never show twice.
import { rmSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricsRecord } from './training-run-metrics.js';

export interface ScalarSink {
  scalar(tag: string, value: number, step: number): void;
  flush(): void;
}

interface SummaryFileWriter {
  scalar(name: string, value: number, step: number): void;
  flush(): void;
}

export const TENSORBOARD_DIR = 'tensorboard';

/** A fresh event file under `<runDir>/tensorboard/` (earlier ones removed: they are replayed from metrics.jsonl). */
export async function openTensorBoard(runDir: string, nativePackage: string): Promise<ScalarSink> {
  const dir = join(runDir, TENSORBOARD_DIR);
  mkdirSync(dir, { recursive: true });
  // only TensorFlow's own event files: the folder is anneal's, but a user may keep notes in it
  for (const name of readdirSync(dir)) if (name.startsWith('events.out.tfevents.')) rmSync(join(dir, name), { force: true });
  const specifier: string = nativePackage;
  const tfnode = (await import(specifier)) as { node: { summaryFileWriter(dir: string): SummaryFileWriter } } & { default?: { node: { summaryFileWriter(dir: string): SummaryFileWriter } } };
  const node = tfnode.node ?? tfnode.default!.node;
  const writer = node.summaryFileWriter(dir);
  return {
    scalar: (tag, value, step) => {
      if (Number.isFinite(value)) writer.scalar(tag, value, step);
    },
    flush: () => writer.flush(),
  };
}

/** The scalars of one metrics.jsonl record: overall tags, and the same under the stage's name. */
export function writeMetricsRecord(sink: ScalarSink, record: MetricsRecord): void {
  const domain = (d: string) => d || 'no_domain';
  switch (record.type) {
    case 'train':
      sink.scalar('train/loss', record.loss, record.step);
      sink.scalar('train/lr', record.lr, record.step);
      sink.scalar('train/grad_norm', record.grad_norm, record.step);
      sink.scalar('train/tokens_per_s', record.tokens_per_s, record.step);
      sink.scalar(`${record.stage}/train_loss`, record.loss, record.step);
      break;
    case 'eval':
      for (const [d, loss] of Object.entries(record.loss)) {
        sink.scalar(`eval/${domain(d)}`, loss, record.step);
        sink.scalar(`${record.stage}/eval_loss/${domain(d)}`, loss, record.step);
      }
      sink.scalar('eval/mean', record.mean_loss, record.step);
      break;
    case 'long_context':
      sink.scalar(`${record.stage}/perplexity_${record.when}/mean`, record.mean_perplexity, record.step);
      break;
  }
}
