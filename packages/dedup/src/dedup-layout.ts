import { join } from 'node:path';
import { rankName } from '@anneal/core';

/** Files a dedup step exchanges between its phases, under its work directory. */
export class DedupLayout {
  constructor(readonly workDir: string) {}

  /** Band keys of task `rank`'s documents: records [key hi, key lo, id hash hi, id hash lo, doc index]. */
  keys(band: number, rank: number): string {
    return join(this.workDir, 'keys', `band-${String(band).padStart(3, '0')}`, `${rankName(rank)}.bin`);
  }
  /** Full signatures of task `rank`, one record per document (for candidate verification). */
  signatures(rank: number): string {
    return join(this.workDir, 'signatures', `${rankName(rank)}.bin`);
  }
  /** One JSON line per document: [id, quality or null, dup_count]. */
  docTable(rank: number): string {
    return join(this.workDir, 'docs', `${rankName(rank)}.jsonl`);
  }
  /** Candidate pairs found in one band: records [rank a, index a, rank b, index b]. */
  pairs(band: number): string {
    return join(this.workDir, 'pairs', `band-${String(band).padStart(3, '0')}.bin`);
  }
  /** Decisions for task `rank`: JSON lines [index, keep 0/1, dup_count, cluster id], by index. */
  decisions(rank: number): string {
    return join(this.workDir, 'decisions', `${rankName(rank)}.jsonl`);
  }
  /** Documents a task removed as duplicates (with `write_removed`), each with its cluster id. */
  removed(rank: number): string {
    return join(this.workDir, 'removed', `${rankName(rank)}.jsonl.zst`);
  }
  /** Per-phase completion markers, so a re-run skips finished phase tasks. */
  done(phase: string, task: number): string {
    return join(this.workDir, 'done', `${phase}-${rankName(task)}`);
  }
}
