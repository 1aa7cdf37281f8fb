// TensorBoard event files beside metrics.jsonl: `tensorboard --logdir <run_dir>/tensorboard` reads
// the loss, learning rate, tokens/s and per-domain eval losses of every stage.
//
// The file is TensorFlow's own format, written here rather than through tfjs-node's
// tf.node.summaryFileWriter: a TFRecord stream (length, masked CRC-32C, payload, masked CRC-32C) of
// `Event` protocol buffers. That writer exists only on the native backend, keeps one writer per
// folder for the life of the process (a resumed run in the same process would write into the file
// it had just replaced) and holds tensors it never frees; this one works on every backend and
// mirrors metrics.jsonl exactly: on start, and on --resume after metrics.jsonl is cut back to the
// checkpoint, the event file is rewritten from it, so a killed run's steps past its checkpoint
// never show twice.
import { appendFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '@anneal/core';
import type { MetricsRecord } from './training-run-metrics.js';

export const TENSORBOARD_DIR = 'tensorboard';

export interface ScalarSink {
  scalar(tag: string, value: number, step: number): void;
  flush(): void;
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC32C_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** TFRecord's masked CRC, so a CRC of data that itself holds CRCs stays well distributed. */
function maskedCrc(bytes: Uint8Array): number {
  const crc = crc32c(bytes);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** Minimal protocol-buffer encoder: the few field kinds an Event with scalar summaries uses. */
class ProtoWriter {
  private readonly parts: number[] = [];

  private varint(value: number | bigint): void {
    let v = BigInt(value);
    while (v > 0x7fn) {
      this.parts.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.parts.push(Number(v));
  }

  private key(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  /** A little-endian fixed-width field: a double (wire type 1) or a float (wire type 5). */
  private fixed(field: number, value: number, bytes: 4 | 8): this {
    this.key(field, bytes === 8 ? 1 : 5);
    const buf = new DataView(new ArrayBuffer(bytes));
    if (bytes === 8) buf.setFloat64(0, value, true);
    else buf.setFloat32(0, value, true);
    for (let i = 0; i < bytes; i++) this.parts.push(buf.getUint8(i));
    return this;
  }

  double(field: number, value: number): this {
    return this.fixed(field, value, 8);
  }

  float(field: number, value: number): this {
    return this.fixed(field, value, 4);
  }

  int64(field: number, value: number): this {
    this.key(field, 0);
    this.varint(value);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, 2);
    this.varint(value.length);
    for (const b of value) this.parts.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** One TFRecord: u64 length, masked CRC of the length, the payload, masked CRC of the payload. */
function tfRecord(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + 4 + payload.length + 4);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(payload.length), true);
  view.setUint32(8, maskedCrc(out.subarray(0, 8)), true);
  out.set(payload, 12);
  view.setUint32(12 + payload.length, maskedCrc(payload), true);
  return out;
}

/** Event{wall_time=1, step=2, file_version=3 | summary=5{value=1{tag=1, simple_value=2}}} */
function scalarEvent(tag: string, value: number, step: number, wallTime: number): Uint8Array {
  const summaryValue = new ProtoWriter().string(1, tag).float(2, value).finish();
  const summary = new ProtoWriter().bytes(1, summaryValue).finish();
  return tfRecord(new ProtoWriter().double(1, wallTime).int64(2, step).bytes(5, summary).finish());
}

function fileVersionEvent(wallTime: number): Uint8Array {
  return tfRecord(new ProtoWriter().double(1, wallTime).string(3, 'brain.Event:2').finish());
}

/**
 * Writes `<runDir>/tensorboard/events.out.tfevents.<seconds>.<host>`, replacing earlier event files
 * of the run (they are replayed from metrics.jsonl; other files in the folder are left alone).
 */
export function openTensorBoard(runDir: string): { sink: ScalarSink; replace(records: MetricsRecord[]): Promise<void>; path: string } {
  const dir = join(runDir, TENSORBOARD_DIR);
  mkdirSync(dir, { recursive: true });
  const now = Date.now() / 1000;
  const path = join(dir, `events.out.tfevents.${Math.floor(now)}.${hostname()}`);
  let pending: Uint8Array[] = [];
  const sink: ScalarSink = {
    scalar(tag, value, step) {
      if (Number.isFinite(value)) pending.push(scalarEvent(tag, value, step, Date.now() / 1000));
    },
    flush() {
      if (pending.length === 0) return;
      appendFileSync(path, Buffer.concat(pending));
      pending = [];
    },
  };
  return {
    sink,
    path,
    async replace(records) {
      const events: Uint8Array[] = [fileVersionEvent(now)];
      pending = [];
      for (const r of records) writeMetricsRecord(sink, r);
      events.push(...pending);
      pending = [];
      for (const name of readdirSync(dir)) if (name.includes('.tfevents.')) rmSync(join(dir, name), { force: true });
      await writeFileAtomic(path, Buffer.concat(events));
    },
  };
}

/** The scalars of one metrics.jsonl record: overall tags, and the losses again under the stage's name. */
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
      sink.scalar(`${record.stage}/perplexity_${record.when}`, record.mean_perplexity, record.step);
      break;
  }
}
