import { glob } from 'tinyglobby';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

export interface InputFile {
  /** The path as the user wrote it (relative to the base directory), used in errors and derived ids. */
  displayPath: string;
  /** Absolute path. */
  path: string;
  bytes: number;
}

export interface ExpandOptions {
  /**
   * Told once per file reached by more than one path (symlinked folders such as `self -> .`), with
   * the path kept and the paths skipped, so a caller can say so in its log.
   */
  onAliases?: (kept: string, skipped: string[]) => void;
}

const GLOB_CHARS = /[*?[\]{}()!]/;

/**
 * Expands input globs against `baseDir`, sorted and deduplicated, so task assignment never depends on
 * directory listing order. A pattern that matches nothing is an error: a typo must not run on nothing.
 * Files are deduplicated by their real path: a glob through a symlinked folder would otherwise read
 * one file several times and count its documents as many times. Of the paths to one file, the first
 * in sorted order is kept, so the choice (and the ids derived from it) is deterministic.
 */
export async function expandInputs(patterns: readonly string[], baseDir: string, options: ExpandOptions = {}): Promise<InputFile[]> {
  const seen = new Map<string, InputFile>();
  for (const pattern of patterns) {
    // Absolute patterns give absolute display paths; relative ones stay relative to baseDir.
    const matches = await glob(pattern, { cwd: baseDir, onlyFiles: true, dot: false, expandDirectories: false, absolute: isAbsolute(pattern) });
    if (matches.length === 0) throw new Error(await noMatchReason(pattern, baseDir));
    for (const m of matches) {
      const path = isAbsolute(m) ? m : resolve(baseDir, m);
      if (seen.has(path)) continue;
      seen.set(path, { displayPath: m, path, bytes: (await stat(path)).size });
    }
  }
  const sorted = [...seen.values()].sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  const byRealPath = new Map<string, { kept: InputFile; skipped: string[] }>();
  for (const file of sorted) {
    const real = await realpath(file.path);
    const entry = byRealPath.get(real);
    if (entry) entry.skipped.push(file.displayPath);
    else byRealPath.set(real, { kept: file, skipped: [] });
  }
  for (const { kept, skipped } of byRealPath.values()) if (skipped.length > 0) options.onAliases?.(kept.displayPath, skipped);
  return [...byRealPath.values()].map((e) => e.kept);
}

/** Why a pattern matched nothing: a literal path that exists but is not a file says what it is. */
async function noMatchReason(pattern: string, baseDir: string): Promise<string> {
  if (!GLOB_CHARS.test(pattern)) {
    const path = resolve(baseDir, pattern);
    const info = await stat(path).catch(() => undefined);
    if (info && !info.isFile()) {
      const kind = info.isDirectory()
        ? 'a folder'
        : info.isFIFO()
          ? 'a FIFO (named pipe)'
          : info.isSocket()
            ? 'a socket'
            : 'a device or special file';
      return `input "${pattern}" is not a regular file: ${path} is ${kind}; anneal reads regular files only (a folder of shards takes a glob, e.g. "${pattern}/*.jsonl")`;
    }
  }
  return `input pattern "${pattern}" matched no files (relative to ${baseDir})`;
}
