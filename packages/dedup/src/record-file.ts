import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { removeStaleTemporariesSync, temporaryPathFor } from '@anneal/core';

const FLUSH_BYTES = 1 << 16;

/**
 * Fixed-width records of unsigned 32-bit integers, written through a temporary name and renamed
 * into place on `commit` (so a killed run never leaves a partial file under the final name).
 * Buffered, synchronous writes: the observer is called once per document and must stay cheap.
 */
export class Uint32RecordWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private buffer: Uint32Array;
  private used = 0;
  count = 0;

  constructor(
    private readonly path: string,
    readonly width: number,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    removeStaleTemporariesSync(path);
    this.tmp = temporaryPathFor(path);
    this.fd = openSync(this.tmp, 'w');
    this.buffer = new Uint32Array(Math.max(width, Math.floor(FLUSH_BYTES / 4 / width) * width));
  }

  write(...values: number[]): void {
    if (this.used + this.width > this.buffer.length) this.flush();
    for (let i = 0; i < this.width; i++) this.buffer[this.used + i] = values[i]!;
    this.used += this.width;
    this.count++;
  }

  writeArray(values: Uint32Array): void {
    if (values.length !== this.width) throw new Error(`record of ${values.length} values, expected ${this.width}`);
    if (this.used + this.width > this.buffer.length) this.flush();
    this.buffer.set(values, this.used);
    this.used += this.width;
    this.count++;
  }

  private flush(): void {
    if (this.used === 0) return;
    writeSync(this.fd, new Uint8Array(this.buffer.buffer, 0, this.used * 4));
    this.used = 0;
  }

  commit(): void {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }
}

/** Reads a whole record file (one band shard or one task's pairs: the unit memory is bounded by). */
export function readUint32Records(path: string): Uint32Array {
  const bytes = readFileSync(path);
  // copy into an aligned buffer: Buffer pooling may give an odd byteOffset
  const out = new Uint32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
