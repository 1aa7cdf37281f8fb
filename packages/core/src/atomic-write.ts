import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { namingWrittenFile } from './write-error.js';

/**
 * A temporary name beside (or under `tmpDir` on the same filesystem as) the final name. It never
 * matches a final shard name, so a partial file is never visible under a final name (Invariant 4).
 */
export function temporaryPathFor(finalPath: string, tmpDir?: string): string {
  // keep in step with TEMPORARY_NAME, which the sweeps below recognise these names by
  const dir = tmpDir ?? dirname(finalPath);
  return join(dir, `.${basename(finalPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** The names `temporaryPathFor` gives: `.<final name>.<pid>.<8 hex>.tmp`. */
const TEMPORARY_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/** fsync a file so that a rename after it cannot expose an empty or partial file after a crash. */
export async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Moves a finished temporary file into its final name (atomic on one filesystem). */
export async function commitFile(tmpPath: string, finalPath: string): Promise<void> {
  // a full disk can surface only at fsync, when delayed blocks are allocated
  await fsyncFile(tmpPath).catch((err: unknown) => {
    throw namingWrittenFile(err, finalPath, tmpPath);
  });
  await mkdir(dirname(finalPath), { recursive: true });
  await rename(tmpPath, finalPath);
}

/** Writes `data` to `finalPath` through a temporary file and a rename. */
export async function writeFileAtomic(finalPath: string, data: string | Uint8Array, tmpDir?: string): Promise<void> {
  await mkdir(dirname(finalPath), { recursive: true });
  if (tmpDir) await mkdir(tmpDir, { recursive: true });
  else removeStaleTemporariesSync(finalPath);
  const tmp = temporaryPathFor(finalPath, tmpDir);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw namingWrittenFile(err, finalPath, tmp);
  }
  await fh.close();
  await rename(tmp, finalPath);
}

/**
 * Removes temporaries a killed earlier attempt left beside `finalPath` (same final name, another
 * process). Only the one task that owns a final name writes its temporaries, so this never races.
 */
export function removeStaleTemporariesSync(finalPath: string): void {
  const dir = dirname(finalPath);
  const prefix = `.${basename(finalPath)}.`;
  const own = `${prefix}${process.pid}.`;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name.startsWith(prefix) && !name.startsWith(own) && TEMPORARY_NAME.test(name)) rmSync(join(dir, name), { force: true });
  }
}

/**
 * Removes every temporary file a killed earlier attempt left anywhere under `root` (a run's output
 * directory). Only for a caller that owns the whole directory, e.g. a full local run before and
 * after its tasks: per-task writers already clear their own names, this also catches a temporary
 * whose writer never runs again (a task that a later attempt found complete).
 */
export async function removeStaleTemporariesUnder(root: string): Promise<number> {
  let removed = 0;
  let entries: Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) removed += await removeStaleTemporariesUnder(path);
    else if (TEMPORARY_NAME.test(entry.name)) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
