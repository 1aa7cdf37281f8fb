import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file runs as tests/dist/support/harness.js). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const annealBin = join(repoRoot, 'packages', 'cli', 'bin', 'anneal.js');

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `anneal-${prefix}-`));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `anneal` command from the repository root. */
export function runCli(args: string[], cwd = repoRoot, env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [annealBin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `anneal` and fails the test, with its stderr, unless it exits 0. */
export function runCliOk(args: string[], cwd = repoRoot): CliResult {
  const r = runCli(args, cwd);
  assert.equal(r.code, 0, r.stderr);
  return r;
}

export function startCli(args: string[], cwd = repoRoot): ChildProcess {
  return spawn(process.execPath, [annealBin, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Every file under `dir` (relative path → bytes), for byte-for-byte comparisons of run outputs. */
export async function snapshot(dir: string, skip: (rel: string) => boolean = () => false): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  async function walk(d: string): Promise<void> {
    let entries: string[];
    try {
      entries = await readdir(d);
    } catch {
      return;
    }
    for (const name of entries.sort()) {
      const p = join(d, name);
      const rel = relative(dir, p);
      if (skip(rel)) continue;
      if ((await stat(p)).isDirectory()) await walk(p);
      else out.set(rel, await readFile(p));
    }
  }
  await walk(dir);
  return out;
}

export async function writePipeline(dir: string, yaml: string): Promise<string> {
  const path = join(dir, 'pipeline.yaml');
  await writeFile(path, yaml);
  return path;
}
