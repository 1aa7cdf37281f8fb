import { createRequire } from 'node:module';
import type cliProgress from 'cli-progress';
import { formatDuration } from './duration.js';

/**
 * Progress of a run on stderr: a live bar (documents/s, MB/s, ETA) when stderr is a terminal,
 * otherwise a plain log line every `logEveryMs`, so CI logs and Slurm files stay readable.
 */
export class RunProgress {
  private readonly perTask = new Map<number, { documents: number; bytes: number }>();
  private readonly started = Date.now();
  private bar: cliProgress.SingleBar | undefined;
  private lastLog = Date.now();

  constructor(
    private readonly totalBytes: number,
    private readonly enabled: boolean,
    private readonly logEveryMs = 5000,
  ) {
    if (enabled && process.stderr.isTTY) {
      // required only for a live bar (a terminal), not when @anneal/pipeline is imported
      const bars = createRequire(import.meta.url)('cli-progress') as typeof cliProgress;
      this.bar = new bars.SingleBar(
        {
          stream: process.stderr,
          // our own ETA from bytes read so far: cli-progress's own shows INF/NULL while a reader's
          // byte count moves in steps (a small compressed file is read in one chunk)
          format: ' {bar} {percentage}% | {documents} docs | {docsPerSec} docs/s | {mbPerSec} MB/s | ETA {etaText}',
          hideCursor: true,
        },
        bars.Presets.shades_classic,
      );
      this.bar.start(Math.max(1, totalBytes), 0, { documents: 0, docsPerSec: 0, mbPerSec: '0.0', etaText: '?' });
    }
  }

  update(rank: number, documents: number, bytes: number): void {
    this.perTask.set(rank, { documents, bytes });
    if (!this.enabled) return;
    const { docs, read, seconds } = this.totals();
    const docsPerSec = Math.round(docs / seconds);
    const mbPerSec = (read / 1e6 / seconds).toFixed(1);
    const eta = read > 0 ? formatDuration(Math.max(0, this.totalBytes - read) / (read / seconds)) : '?';
    if (this.bar) {
      this.bar.update(Math.min(read, this.totalBytes), {
        documents: docs.toLocaleString('en-US'),
        docsPerSec: docsPerSec.toLocaleString('en-US'),
        mbPerSec,
        etaText: eta,
      });
      return;
    }
    const now = Date.now();
    if (now - this.lastLog < this.logEveryMs) return;
    this.lastLog = now;
    const pct = this.totalBytes > 0 ? (100 * read) / this.totalBytes : 100;
    process.stderr.write(
      `anneal: ${docs.toLocaleString('en-US')} docs, ${(read / 1e6).toFixed(1)} of ${(this.totalBytes / 1e6).toFixed(1)} MB (${pct.toFixed(1)}%), ` +
        `${docsPerSec.toLocaleString('en-US')} docs/s, ${mbPerSec} MB/s, ETA ${eta}\n`,
    );
  }

  private totals(): { docs: number; read: number; seconds: number } {
    let docs = 0;
    let read = 0;
    for (const t of this.perTask.values()) {
      docs += t.documents;
      read += t.bytes;
    }
    return { docs, read, seconds: Math.max(0.001, (Date.now() - this.started) / 1000) };
  }

  stop(): void {
    if (this.bar) {
      this.bar.update(this.totalBytes, { etaText: '0s' });
      this.bar.stop();
    }
  }
}
