import { link, mkdir, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { temporaryPathFor, writeFileAtomic } from '@anneal/core';
import { RefusedError } from './refused-error.js';

/**
 * The file that makes a folder an anneal output (docs/output-folder.md). anneal writes into, sweeps
 * temporaries in, and removes with `--force` only what lies in a folder carrying it, and there only
 * the entries it lists: a folder anneal did not create is never touched.
 */
export const OWNERSHIP_MARKER = '.anneal-run.json';

/** No timestamp or host in it: the marker is part of the output, which is byte-identical across runs (Invariant 3). */
export interface OwnershipMarker {
  anneal_output: 1;
  /** Set when the folder was written by an anneal from before the marker existed and adopted. */
  adopted_older_output?: true;
  /**
   * Every name a run wrote or may write here, relative to the output folder with "/" separators; a
   * name ending in "/" is a folder anneal created and owns whole (a global step's work folder, .tmp/).
   */
  entries: string[];
}

export type OutputClaim = 'created' | 'owned' | 'adopted';

/**
 * Makes sure `root` is an output anneal may write: a missing or empty folder is created and marked;
 * a marked folder is anneal's; an output of an older anneal (see `isOlderAnnealOutput`) is adopted
 * with an inventory of the names it wrote; anything else is refused before a byte is written.
 */
export async function claimOutput(root: string, log: (message: string) => void): Promise<OutputClaim> {
  const info = await stat(root).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (info && !info.isDirectory()) throw new RefusedError(`output.path ${root} is a file, not a folder; anneal writes a folder of shards there`);
  if (info && (await readMarker(root))) return 'owned';
  const names = info ? await readdir(root) : [];
  if (names.length === 0) {
    await mkdir(root, { recursive: true });
    await createMarkerOnce(root, { anneal_output: 1, entries: [] });
    return 'created';
  }
  if (await isOlderAnnealOutput(root)) {
    const entries = await inventoryOfOlderOutput(root);
    await createMarkerOnce(root, { anneal_output: 1, adopted_older_output: true, entries });
    log(`${root} was written by an earlier anneal (no ${OWNERSHIP_MARKER}); adopting it: ${entries.length} name(s) recorded as anneal's`);
    return 'adopted';
  }
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? `, … (${names.length} entries)` : '');
  throw new RefusedError(
    `output.path ${root} is a non-empty folder that anneal did not write (no ${OWNERSHIP_MARKER}; it holds ${shown}); ` +
      'anneal writes only into a new or empty folder or its own output, so nothing there was touched: choose another output.path',
  );
}

export async function readMarker(root: string): Promise<OwnershipMarker | undefined> {
  let text: string;
  try {
    text = await readFile(join(root, OWNERSHIP_MARKER), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const marker = JSON.parse(text) as OwnershipMarker;
    if (marker.anneal_output === 1 && Array.isArray(marker.entries)) return marker;
  } catch {
    // fall through: a damaged marker is refused below, never guessed at
  }
  throw new RefusedError(`${join(root, OWNERSHIP_MARKER)} is damaged (not an anneal output marker); anneal will not write into ${root} until it is repaired or removed`);
}

/**
 * Records `entries` in the marker: added to those already there, or replacing them (after `--force`
 * removed them). Ranks of one run add the same names, so concurrent rewrites agree.
 */
export async function recordEntries(root: string, entries: readonly string[], mode: 'add' | 'replace'): Promise<OwnershipMarker> {
  const marker = await readMarker(root);
  if (!marker) throw new Error(`${root} has no ${OWNERSHIP_MARKER}: claimOutput must run first`);
  const names = mode === 'add' ? new Set([...marker.entries, ...entries]) : new Set(entries);
  const updated: OwnershipMarker = { ...marker, entries: [...names].sort() };
  await writeFileAtomic(join(root, OWNERSHIP_MARKER), JSON.stringify(updated, null, 1) + '\n');
  return updated;
}

/**
 * `--force`: removes exactly the names the marker lists, then the folders that leaves empty. A
 * user's own file (errors/notes.txt) is not listed, so it stays, and so does its folder. The marker
 * and the lock folder are never listed: they outlive a --force.
 */
export async function removeRecordedEntries(root: string, marker: OwnershipMarker): Promise<number> {
  let removed = 0;
  const parents = new Set<string>();
  for (const entry of marker.entries) {
    const path = entryPath(root, entry);
    const existed = await stat(path).then(
      () => true,
      () => false,
    );
    if (!existed) continue;
    await rm(path, { recursive: entry.endsWith('/'), force: true });
    removed++;
    for (let dir = dirname(path); dir.startsWith(root + '/') || dir.startsWith(root + '\\'); dir = dirname(dir)) parents.add(dir);
  }
  // deepest first, so stages/3-x/ goes before stages/
  for (const dir of [...parents].sort((a, b) => b.length - a.length)) await rmdir(dir).catch(() => undefined);
  return removed;
}

/** The recorded folders anneal owns whole (.tmp/ and global steps' work folders), as paths. */
export function ownedFolders(root: string, marker: OwnershipMarker): string[] {
  return marker.entries.filter((e) => e.endsWith('/')).map((e) => entryPath(root, e));
}

export function entryPath(root: string, entry: string): string {
  return join(root, ...entry.split('/').filter((p) => p.length > 0));
}

/** Writes the marker only if none exists (link is atomic and fails on an existing name). */
async function createMarkerOnce(root: string, marker: OwnershipMarker): Promise<void> {
  const final = join(root, OWNERSHIP_MARKER);
  const tmp = temporaryPathFor(final);
  await writeFile(tmp, JSON.stringify(marker, null, 1) + '\n');
  try {
    await link(tmp, final);
  } catch (err) {
    // another process (a rank of the same run) claimed it first: its marker stands
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await rm(tmp, { force: true });
  }
}

/**
 * An anneal from before the marker left `config.yaml` (its resolved config: input.paths,
 * output.path naming this folder, steps) beside its shards. A user's own config.yaml does not name
 * this folder as its output, so this signature does not adopt a foreign folder by accident.
 */
async function isOlderAnnealOutput(root: string): Promise<boolean> {
  let config: unknown;
  try {
    config = parseYaml(await readFile(join(root, 'config.yaml'), 'utf8'));
  } catch {
    return false;
  }
  if (config === null || typeof config !== 'object') return false;
  const { input, output, steps } = config as { input?: { paths?: unknown }; output?: { path?: unknown }; steps?: unknown };
  if (!input || !Array.isArray(input.paths) || !Array.isArray(steps) || typeof output?.path !== 'string') return false;
  return resolve(output.path) === resolve(root) || basename(resolve(output.path)) === basename(resolve(root));
}

/** The names an older anneal wrote, found by its fixed naming scheme (DESIGN.md, "Formats on disk"). */
async function inventoryOfOlderOutput(root: string): Promise<string[]> {
  const entries: string[] = [];
  const list = async (dir: string): Promise<Dirent[]> => readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
  for (const e of await list('.')) {
    if (e.isFile() && (/^\d{5}\.(jsonl|jsonl\.gz|jsonl\.zst|parquet|arrow)$/.test(e.name) || e.name === 'stats.json' || e.name === 'config.yaml')) entries.push(e.name);
    if (e.isDirectory() && e.name === '.tmp') entries.push('.tmp/');
  }
  for (const e of await list('errors')) if (e.isFile() && /^\d{5}(\.stage\d+)?\.jsonl$/.test(e.name)) entries.push(`errors/${e.name}`);
  for (const e of await list('stats')) if (e.isFile() && /^\d{5}\.json$/.test(e.name)) entries.push(`stats/${e.name}`);
  for (const e of await list('completions')) if (e.isFile() && /^\d{5}$/.test(e.name)) entries.push(`completions/${e.name}`);
  for (const e of await list('stages')) if (e.isDirectory() && /^\d+-[a-z0-9_]+$/.test(e.name)) entries.push(`stages/${e.name}/`);
  return entries.sort();
}
