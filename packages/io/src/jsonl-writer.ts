import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Doc } from '@anneal/core';
import { CompressStream } from 'zstd-napi';
import { jsonLineOf } from './writable-record.js';
import type { Compression } from './formats.js';
import type { DocumentWriter } from './document-writer.js';

const FLUSH_CHARS = 1 << 20;

/** Writes JSON Lines, optionally gzip (level 6) or zstd (level 3) compressed. */
export class JsonlWriter implements DocumentWriter {
  private readonly head: Writable;
  private readonly finished: Promise<void>;
  private buffer = '';
  count = 0;

  constructor(path: string, compression: Compression = 'none') {
    const file = createWriteStream(path);
    if (compression === 'none') {
      this.head = file;
      this.finished = new Promise((resolve, reject) => {
        file.on('finish', resolve);
        file.on('error', reject);
      });
    } else {
      const encoder = compression === 'gzip' ? createGzip({ level: 6 }) : new CompressStream({ compressionLevel: 3 });
      this.head = encoder;
      this.finished = pipeline(encoder, file);
    }
  }

  async write(doc: Doc): Promise<void> {
    this.buffer += jsonLineOf(doc);
    this.count++;
    if (this.buffer.length >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.head.write(chunk)) await once(this.head, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.head.end();
    await this.finished;
  }
}
