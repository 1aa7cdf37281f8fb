import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { removeStaleTemporariesSync, temporaryPathFor } from '@anneal/core';

const FLUSH_CHARS = 1 << 16;

/** JSON lines written through a temporary name and renamed into place on `commit`. */
export class JsonLineWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private buffer = '';
  count = 0;

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    removeStaleTemporariesSync(path);
    this.tmp = temporaryPathFor(path);
    this.fd = openSync(this.tmp, 'w');
  }

  write(value: unknown): void {
    this.buffer += JSON.stringify(value) + '\n';
    this.count++;
    if (this.buffer.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  commit(): void {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }
}
