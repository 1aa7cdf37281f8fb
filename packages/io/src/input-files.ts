import { glob } from 'tinyglobby';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

export interface InputFile {
  /** The path as the user wrote it (relative to the base directory), used in errors and derived ids. */
  displayPath: string;
  /** Absolute path. */
  path: string;
  bytes: number;
}

/**
 * Expands input globs against `baseDir`, sorted and deduplicated, so task assignment never depends on
 * directory listing order. A pattern that matches nothing is an error: a typo must not run on nothing.
 */
export async function expandInputs(patterns: readonly string[], baseDir: string): Promise<InputFile[]> {
  const seen = new Map<string, InputFile>();
  for (const pattern of patterns) {
    // Absolute patterns give absolute display paths; relative ones stay relative to baseDir.
    const matches = await glob(pattern, { cwd: baseDir, onlyFiles: true, dot: false, expandDirectories: false, absolute: isAbsolute(pattern) });
    if (matches.length === 0) throw new Error(`input pattern "${pattern}" matched no files (relative to ${baseDir})`);
    for (const m of matches) {
      const path = isAbsolute(m) ? m : resolve(baseDir, m);
      if (seen.has(path)) continue;
      seen.set(path, { displayPath: m, path, bytes: (await stat(path)).size });
    }
  }
  return [...seen.values()].sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
}
