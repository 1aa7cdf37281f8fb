import { pathExists } from './path-exists.js';
import { link, mkdir, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { temporaryPathFor, writeFileAtomic } from './atomic-write.js';
import { RefusedError } from './refused-error.js';

/**
 * The file that makes a folder an anneal output (docs/output-folder.md). Every verb that writes a
 * folder (run, tokenize, mix, tokenizer train, classify train, export, train) writes into, sweeps
 * temporaries in, and removes only what lies in a folder carrying it, and there only the entries it
 * lists: a folder anneal did not create is never touched. The name says "run" for history: `anneal
 * run` had it first and its outputs carry it already.
 */
export const OWNERSHIP_MARKER = '.anneal-run.json';

/** No timestamp or host in it: the marker is part of the output, which is byte-identical across runs (Invariant 3). */
export interface OwnershipMarker {
  anneal_output: 1;
  /**
   * The verb whose output this is ("run", "tokenize", ...). Absent in markers written before other
   * verbs had one, which only `anneal run` wrote. One verb never writes into another's folder: their
   * names overlap (`00000.arrow` is a run shard and a token shard).
   */
  verb?: string;
  /** Set when the folder was written by an anneal from before the marker existed and adopted. */
  adopted_older_output?: true;
  /**
   * Every name the verb wrote or may write here, relative to the output folder with "/" separators;
   * a name ending in "/" is a folder anneal created and owns whole (a global step's work folder, .tmp/).
   */
  entries: string[];
}

export type OutputClaim = 'created' | 'owned' | 'adopted';

export interface ClaimOptions {
  /** the verb writing, as recorded in the marker ("run", "tokenize", "mix", ...) */
  verb: string;
  /** how the user named the folder, for messages ("output.path", "--out", "run_dir") */
  label: string;
  /**
   * Recognises an output this verb wrote before the marker existed, by its layout: returns the names
   * it holds that the verb wrote (to record as anneal's), or undefined when the folder is not one.
   */
  recogniseOlder?: (root: string) => Promise<string[] | undefined>;
  log: (message: string) => void;
}

/**
 * Makes sure `root` is an output `verb` may write: a missing or empty folder is created and marked;
 * a folder with this verb's marker is its own; an output of an older anneal (`recogniseOlder`) is
 * adopted with an inventory of the names it wrote; anything else, including another verb's output,
 * is refused before a byte is written.
 */
export async function claimOutput(root: string, options: ClaimOptions): Promise<{ claim: OutputClaim; marker: OwnershipMarker }> {
  const { verb, label } = options;
  const info = await stat(root).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (info && !info.isDirectory()) throw new RefusedError(`${label} ${root} is a file, not a folder; anneal ${verb} writes a folder there`);
  const existing = info ? await readMarker(root) : undefined;
  if (existing) {
    const owner = markerVerb(existing);
    if (owner !== verb) {
      throw new RefusedError(
        `${label} ${root} is the output of anneal ${owner} (see its ${OWNERSHIP_MARKER}), not of anneal ${verb}; their file names overlap, so nothing there was touched: choose another ${label}`,
      );
    }
    return { claim: 'owned', marker: existing };
  }
  const names = info ? await readdir(root) : [];
  if (names.length === 0) {
    await mkdir(root, { recursive: true });
    await createMarkerOnce(root, { anneal_output: 1, verb, entries: [] });
    return { claim: 'created', marker: await markerOf(root, verb, label) };
  }
  const older = options.recogniseOlder ? await options.recogniseOlder(root) : undefined;
  if (older) {
    const entries = [...new Set(older)].sort();
    await createMarkerOnce(root, { anneal_output: 1, verb, adopted_older_output: true, entries });
    options.log(
      `${root} was written by an earlier anneal ${verb} (no ${OWNERSHIP_MARKER}); adopting it: ${entries.length} name(s) recorded as anneal's`,
    );
    return { claim: 'adopted', marker: await markerOf(root, verb, label) };
  }
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? `, … (${names.length} entries)` : '');
  throw new RefusedError(
    `${label} ${root} is a non-empty folder that anneal did not write (no ${OWNERSHIP_MARKER}; it holds ${shown}); ` +
      `anneal ${verb} writes only into a new or empty folder or its own output, so nothing there was touched: choose another ${label}`,
  );
}

/** The marker just created, unless another verb's process created its own first (then refused). */
async function markerOf(root: string, verb: string, label: string): Promise<OwnershipMarker> {
  const marker = (await readMarker(root))!;
  if (markerVerb(marker) !== verb)
    throw new RefusedError(
      `${label} ${root} was claimed at the same moment by anneal ${markerVerb(marker)}; nothing was written: choose another ${label}`,
    );
  return marker;
}

/** The verb of a marker; markers from before other verbs had one were written by `anneal run`. */
export function markerVerb(marker: OwnershipMarker): string {
  return marker.verb ?? 'run';
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
    if (marker.anneal_output === 1 && Array.isArray(marker.entries) && (marker.verb === undefined || typeof marker.verb === 'string')) return marker;
  } catch {
    // fall through: a damaged marker is refused below, never guessed at
  }
  throw new RefusedError(
    `${join(root, OWNERSHIP_MARKER)} is damaged (not an anneal output marker); anneal will not write into ${root} until it is repaired or removed`,
  );
}

/**
 * Refuses when a name the verb is about to write already exists in `root` but the marker does not
 * list it (nor a folder it lies in): a file of the user's, dropped into anneal's folder, that the
 * write would replace. Names are recorded before they are written, so one that exists unlisted was
 * not written by anneal; the marker is read again before refusing, in case another process of the
 * same run (a Slurm rank) recorded and wrote it since `marker` was read.
 */
export async function refuseUnrecordedNames(root: string, marker: OwnershipMarker, planned: readonly string[], label: string): Promise<void> {
  let current = marker;
  let reread = false;
  for (const entry of planned) {
    if (isRecorded(current, entry)) continue;
    if (!(await pathExists(entryPath(root, entry)))) continue;
    if (!reread) {
      current = (await readMarker(root)) ?? current;
      reread = true;
      if (isRecorded(current, entry)) continue;
    }
    throw new RefusedError(
      `${entryPath(root, entry)} is in ${label} ${root} but anneal did not write it (${OWNERSHIP_MARKER} does not list it), and this run would write that name; nothing was touched: move that file away or choose another ${label}`,
    );
  }
}

function isRecorded(marker: OwnershipMarker, entry: string): boolean {
  const name = entry.endsWith('/') ? entry.slice(0, -1) : entry;
  return marker.entries.some((e) => e === entry || e === name || (e.endsWith('/') && name.startsWith(e)));
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
  // Ranks of one run (Slurm array tasks) record the same names into the same marker at once: a marker
  // that already lists them is left alone, and a write never sweeps another process's temporary of
  // it (the sweep assumes one writer per final name; here a live rank's temporary would be deleted
  // under it, failing its rename with ENOENT).
  if (JSON.stringify(updated.entries) === JSON.stringify([...marker.entries].sort())) return marker;
  await writeFileAtomic(join(root, OWNERSHIP_MARKER), JSON.stringify(updated, null, 1) + '\n', root);
  return updated;
}

/**
 * Removes those of `names` that the marker lists (a name it does not list is left alone, whatever
 * it is called) and drops them from the marker: stale outputs of an earlier run, such as token
 * shards of a run with more inputs. Returns the names removed.
 */
export async function removeRecordedNames(root: string, names: readonly string[]): Promise<string[]> {
  const marker = await readMarker(root);
  if (!marker) throw new Error(`${root} has no ${OWNERSHIP_MARKER}: claimOutput must run first`);
  const listed = new Set(marker.entries);
  const removed = names.filter((n) => listed.has(n));
  for (const name of removed) await rm(entryPath(root, name), { recursive: name.endsWith('/'), force: true });
  if (removed.length > 0)
    await recordEntries(
      root,
      marker.entries.filter((e) => !removed.includes(e)),
      'replace',
    );
  return removed;
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
    if (!(await pathExists(path))) continue;
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
