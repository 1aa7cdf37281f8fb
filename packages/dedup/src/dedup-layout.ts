import { join } from 'node:path';
import { rankName } from '@anneal/core';

/** Files a dedup step exchanges between its phases, under its work directory. */
export class DedupLayout {
  constructor(readonly workDir: string) {}

  /**
   * Keys of task `rank`'s documents that fall in `bucket` (a band, or a key range of a band with
   * bucket_shards > 1): records [key hi, key lo, id hash hi, id hash lo, doc index].
   */
  keys(bucket: number, rank: number): string {
    return join(this.workDir, 'keys', `bucket-${String(bucket).padStart(4, '0')}`, `${rankName(rank)}.bin`);
  }
  /** Full signatures of task `rank`, one record per document (for candidate verification). */
  signatures(rank: number): string {
    return join(this.workDir, 'signatures', `${rankName(rank)}.bin`);
  }
  /** One JSON line per document: [id, quality or null, dup_count]. */
  docTable(rank: number): string {
    return join(this.workDir, 'docs', `${rankName(rank)}.jsonl`);
  }
  /** Candidate pairs found in one bucket: records [rank a, index a, rank b, index b]. */
  pairs(bucket: number): string {
    return join(this.workDir, 'pairs', `bucket-${String(bucket).padStart(4, '0')}.bin`);
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
