import type { ShardProgress } from '@anneal/stats';
import { RunProgress } from '@anneal/core';

/** A progress bar (or log lines when stderr is not a terminal) over the bytes of the shards `anneal stats` and `anneal mix` read. */
export function readProgress(enabled: boolean): { update(p: ShardProgress): void; stop(): void } {
  let bar: RunProgress | undefined;
  return {
    update(p) {
      if (!enabled) return;
      bar ??= new RunProgress(p.totalBytes, true);
      bar.update(0, p.documents, p.bytesRead);
    },
    stop: () => bar?.stop(),
  };
}
