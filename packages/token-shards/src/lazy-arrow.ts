/**
 * apache-arrow (~150 modules, 0.1 s) is loaded when the first shard is opened for reading or
 * writing, not when @anneal/token-shards is imported: `anneal tokenize --help`, the index readers
 * and the constants the CLI needs never touch Arrow data. The promise is cached, so it loads once.
 */
let arrow: Promise<typeof import('apache-arrow')> | undefined;

export function loadArrow(): Promise<typeof import('apache-arrow')> {
  return (arrow ??= import('apache-arrow'));
}
