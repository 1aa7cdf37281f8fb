import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Checkpoints as directories `step-00000042/` holding named files plus `checkpoint.json`, which
 * lists every file's size and SHA-256. A checkpoint is written under a temporary name, each file
 * fsynced, then renamed into place in one step, so a kill -9 at any moment leaves either the whole
 * checkpoint or none of it; a checksum catches what a rename cannot (a disk or a copy that went bad).
 */
export const CHECKPOINT_MANIFEST = 'checkpoint.json';
const STEP_DIR = /^step-(\d{8,})$/;

interface ManifestFile {
  bytes: number;
  sha256: string;
}

interface CheckpointManifest {
  format: 'anneal-checkpoint';
  version: 1;
  step: number;
  files: Record<string, ManifestFile>;
}

export interface LoadedCheckpoint {
  step: number;
  path: string;
  files: Map<string, Uint8Array>;
}

export class CheckpointCorruptError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`checkpoint ${path} is corrupt: ${reason}`);
    this.name = 'CheckpointCorruptError';
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function checkpointDirName(step: number): string {
  return `step-${String(step).padStart(8, '0')}`;
}

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Reads one checkpoint directory and verifies every file against its manifest. */
export async function readCheckpoint(path: string): Promise<LoadedCheckpoint> {
  let manifest: CheckpointManifest;
  try {
    manifest = JSON.parse(await readFile(join(path, CHECKPOINT_MANIFEST), 'utf8')) as CheckpointManifest;
  } catch (err) {
    throw new CheckpointCorruptError(path, `${CHECKPOINT_MANIFEST} unreadable (${(err as Error).message.split('\n')[0]})`);
  }
  if (manifest?.format !== 'anneal-checkpoint' || manifest.version !== 1 || typeof manifest.files !== 'object') {
    throw new CheckpointCorruptError(path, `${CHECKPOINT_MANIFEST} is not an anneal checkpoint manifest (version 1)`);
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, expected] of Object.entries(manifest.files)) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(path, name));
    } catch (err) {
      throw new CheckpointCorruptError(path, `${name} missing (${(err as Error).message.split('\n')[0]})`);
    }
    if (bytes.byteLength !== expected.bytes)
      throw new CheckpointCorruptError(path, `${name} has ${bytes.byteLength} bytes, the manifest says ${expected.bytes}`);
    const actual = sha256(bytes);
    if (actual !== expected.sha256)
      throw new CheckpointCorruptError(
        path,
        `${name} SHA-256 ${actual.slice(0, 12)}… does not match the manifest's ${expected.sha256.slice(0, 12)}…`,
      );
    files.set(name, bytes);
  }
  return { step: manifest.step, path, files };
}

/** The checkpoints of one run directory: save with keep-last-K, load the newest that verifies. */
export class CheckpointStore {
  constructor(
    readonly dir: string,
    readonly keep: number,
  ) {
    if (!Number.isInteger(keep) || keep < 1) throw new Error(`checkpoint keep must be a positive integer, got ${keep}`);
  }

  /** Steps of the committed checkpoints, newest first. */
  async steps(): Promise<number[]> {
    if (!existsSync(this.dir)) return [];
    const names = await readdir(this.dir);
    return names
      .map((n) => STEP_DIR.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => b - a);
  }

  pathOf(step: number): string {
    return join(this.dir, checkpointDirName(step));
  }

  async save(step: number, files: Record<string, Uint8Array | string>): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    await this.removeTemporaries();
    const tmp = join(this.dir, `.${checkpointDirName(step)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    await mkdir(tmp);
    const manifest: CheckpointManifest = { format: 'anneal-checkpoint', version: 1, step, files: {} };
    for (const name of Object.keys(files).sort()) {
      if (name === CHECKPOINT_MANIFEST || name.includes('/')) throw new Error(`checkpoint file name ${name} is not allowed`);
      const v = files[name]!;
      const bytes = typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
      await writeFile(join(tmp, name), bytes);
      await fsyncPath(join(tmp, name));
      manifest.files[name] = { bytes: bytes.byteLength, sha256: sha256(bytes) };
    }
    await writeFile(join(tmp, CHECKPOINT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await fsyncPath(join(tmp, CHECKPOINT_MANIFEST));
    await fsyncPath(tmp);
    const final = this.pathOf(step);
    // a checkpoint of this step from an earlier, killed attempt is replaced: the new one is complete
    if (existsSync(final)) await rm(final, { recursive: true, force: true });
    await rename(tmp, final);
    await fsyncPath(this.dir);
    for (const old of (await this.steps()).slice(this.keep)) await rm(this.pathOf(old), { recursive: true, force: true });
    return final;
  }

  /**
   * The newest checkpoint whose files all verify. A corrupt one is skipped with a warning naming
   * what is wrong, and the previous one is used; undefined when there is none at all.
   */
  async loadLatest(warn: (message: string) => void = (m) => process.stderr.write(`anneal: warning: ${m}\n`)): Promise<LoadedCheckpoint | undefined> {
    for (const step of await this.steps()) {
      try {
        return await readCheckpoint(this.pathOf(step));
      } catch (err) {
        if (!(err instanceof CheckpointCorruptError)) throw err;
        warn(`${err.message}; falling back to the previous checkpoint`);
      }
    }
    return undefined;
  }

  /** Temporaries of a checkpoint a killed earlier run was writing (only one trainer writes a store). */
  private async removeTemporaries(): Promise<void> {
    for (const name of await readdir(this.dir)) {
      if (name.startsWith('.step-') && name.endsWith('.tmp')) await rm(join(this.dir, name), { recursive: true, force: true });
    }
  }
}

/**
 * Opens what a user names with `--checkpoint`: a checkpoint directory itself, or a directory of
 * them (a run's `checkpoints/`, or the run directory above it), where the newest that verifies is used.
 */
export async function openCheckpoint(path: string, warn?: (message: string) => void): Promise<LoadedCheckpoint> {
  if (existsSync(join(path, CHECKPOINT_MANIFEST))) return readCheckpoint(path);
  for (const dir of [path, join(path, 'checkpoints')]) {
    const store = new CheckpointStore(dir, 1);
    if ((await store.steps()).length === 0) continue;
    const loaded = await store.loadLatest(warn);
    if (loaded) return loaded;
    throw new Error(`${dir}: no checkpoint verifies (all are corrupt)`);
  }
  throw new Error(`${path}: not a checkpoint (no ${CHECKPOINT_MANIFEST}) and holds no step-* checkpoints`);
}
