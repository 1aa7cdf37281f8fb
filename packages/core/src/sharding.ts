/**
 * datatrove-style sharding: task `rank` of `worldSize` takes files rank, rank + worldSize, ...
 * Files are sorted first so the assignment does not depend on glob order.
 */
export function filesForRank<T extends string>(files: readonly T[], rank: number, worldSize: number): T[] {
  if (!Number.isInteger(worldSize) || worldSize < 1) throw new Error(`world size must be a positive integer, got ${worldSize}`);
  if (!Number.isInteger(rank) || rank < 0 || rank >= worldSize) throw new Error(`rank must be in [0, ${worldSize - 1}], got ${rank}`);
  const sorted = [...files].sort();
  return sorted.filter((_, i) => i % worldSize === rank);
}

/** `<rank:05d>` as docs/architecture.md names shards. */
export function rankName(rank: number): string {
  return String(rank).padStart(5, '0');
}
