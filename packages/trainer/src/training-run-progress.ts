import cliProgress from 'cli-progress';
import { formatDuration } from '@anneal/core';

export interface ProgressFigures {
  step: number;
  totalSteps: number;
  stage: string;
  loss: number;
  lr: number;
  tokensPerSecond: number;
  /** seconds left at the current speed */
  etaSeconds: number;
}

/**
 * Training progress on stderr: a live bar (step, stage, loss, lr, tokens/s, ETA) on a terminal;
 * otherwise a plain line every `logEverySeconds`, so CI logs and Slurm files stay readable.
 */
export class TrainingProgress {
  private bar: cliProgress.SingleBar | undefined;
  private lastLine = 0;

  constructor(
    private readonly enabled: boolean,
    private readonly logEverySeconds: number,
    private readonly write: (line: string) => void = (l) => process.stderr.write(l),
  ) {}

  update(f: ProgressFigures): void {
    if (!this.enabled) return;
    const values = {
      stage: f.stage,
      loss: f.loss.toFixed(4),
      lr: f.lr.toExponential(2),
      tps: Math.round(f.tokensPerSecond).toLocaleString('en-US'),
      etaText: formatDuration(f.etaSeconds),
    };
    if (process.stderr.isTTY) {
      if (!this.bar) {
        this.bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: ' {bar} {value}/{total} steps | {stage} | loss {loss} | lr {lr} | {tps} tok/s | ETA {etaText}',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        this.bar.start(f.totalSteps, f.step, values);
      }
      this.bar.update(f.step, values);
      return;
    }
    const now = Date.now();
    if (now - this.lastLine < this.logEverySeconds * 1000 && f.step < f.totalSteps) return;
    this.lastLine = now;
    this.write(
      `anneal: step ${f.step}/${f.totalSteps} (${values.stage}) loss ${values.loss} lr ${values.lr} ${values.tps} tok/s ETA ${values.etaText}\n`,
    );
  }

  /** Clears the bar's line so a log line written now does not land in the middle of it (the bar redraws on the next update). */
  interrupt(): void {
    if (this.bar) process.stderr.write('\r\x1b[2K');
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
