import { loadOnce } from '@anneal/core';

/**
 * apache-arrow (~150 modules, 0.1 s) is loaded when the first shard is opened for reading or
 * writing, not when @anneal/token-shards is imported: `anneal tokenize --help`, the index readers
 * and the constants the CLI needs never touch Arrow data.
 */
export const loadArrow: () => Promise<typeof import('apache-arrow')> = loadOnce(() => import('apache-arrow'));
