import { join } from 'node:path';
import { rankName } from './sharding.js';

/**
 * Where a pipeline puts things under its output folder (DESIGN.md, "Formats on disk"):
 * final shards `<rank:05d>.<ext>`, `errors/`, per-task `stats/`, `completions/` markers, `.tmp/`.
 */
export class OutputLayout {
  constructor(
    readonly root: string,
    readonly extension: string,
  ) {}

  shardPath(rank: number): string {
    return join(this.root, `${rankName(rank)}.${this.extension}`);
  }
  errorsPath(rank: number): string {
    return join(this.root, 'errors', `${rankName(rank)}.jsonl`);
  }
  taskStatsPath(rank: number): string {
    return join(this.root, 'stats', `${rankName(rank)}.json`);
  }
  completionPath(rank: number): string {
    return join(this.root, 'completions', rankName(rank));
  }
  get tmpDir(): string {
    return join(this.root, '.tmp');
  }
  get runStatsPath(): string {
    return join(this.root, 'stats.json');
  }
  get configPath(): string {
    return join(this.root, 'config.yaml');
  }
}
