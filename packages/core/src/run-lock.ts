import { mkdir, readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { RefusedError } from './refused-error.js';

/**
 * The lock of an output folder: `<output>/.anneal-lock/<host>.<pid>.json`, one file per process
 * that holds it. A full local run holds it alone ("exclusive"); Slurm ranks and stages of one run
 * (`--rank R --world-size W`, `--stage S`) hold it together ("shared"), as long as they carry the
 * same run id (a hash of the resolved config that decides the output bytes). datatrove has no lock
 * and relies on per-rank completion files; anneal keeps those and adds this so two *different* runs,
 * or two full runs, cannot delete each other's temporaries. One file per holder, never a shared
 * file rewritten by many, so holders on a shared filesystem never race on one name.
 */
export const RUN_LOCK_DIR = '.anneal-lock';

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  run: string;
  mode: 'exclusive' | 'shared';
  command: string;
  /** The holder process's boot id and start time (Linux); a live pid with another start is a reused pid. */
  process_start?: string;
}

export class RunLock {
  private released = false;
  private readonly onExit = () => {
    try {
      unlinkSync(this.path);
    } catch {
      // already gone
    }
  };

  constructor(readonly path: string) {
    // a plain process.exit() skips finally blocks; a SIGKILL skips this too and leaves a stale
    // holder that the next run on this host detects by its dead pid
    process.once('exit', this.onExit);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.onExit);
    await rm(this.path, { force: true });
    // the last holder leaves no trace; a holder arriving meanwhile recreates the folder (see acquire)
    await rmdir(dirname(this.path)).catch(() => undefined);
  }
}

/**
 * Takes the output's lock or refuses at once, naming who holds it. A holder on this host whose pid
 * is gone is stale and taken over (with a message); a holder on another host cannot be checked and
 * counts as live, so the message says which file to remove if that run is known to be dead.
 */
export async function acquireRunLock(
  root: string,
  want: { run: string; mode: 'exclusive' | 'shared'; command: string },
  log: (message: string) => void,
): Promise<RunLock> {
  const dir = join(root, RUN_LOCK_DIR);
  const started = processStart(process.pid);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    ...want,
    ...(started ? { process_start: started } : {}),
  };
  const mine = join(dir, holderFileName(me.host, me.pid));
  // written before looking at the others: of two runs starting together, each sees the other and
  // both refuse, rather than both seeing nothing and both proceeding
  for (let attempt = 1; ; attempt++) {
    try {
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(mine, JSON.stringify(me, null, 1) + '\n');
      break;
    } catch (err) {
      // the last holder of another run removed the empty folder between our mkdir and our write
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 3) throw err;
    }
  }
  const lock = new RunLock(mine);
  try {
    const conflicts: { holder: LockHolder; file: string }[] = [];
    for (const name of await readdir(dir)) {
      const file = join(dir, name);
      if (file === mine || name.startsWith('.') || !name.endsWith('.json')) continue;
      const holder = await readHolder(file);
      if (!holder) continue;
      const gone = holder.host === me.host ? holderGone(holder) : undefined;
      if (gone) {
        log(
          `taking over the lock of ${root}: pid ${holder.pid} on ${holder.host} (since ${holder.since}, ${holder.command}) is no longer running${gone === 'reused' ? ' (the pid now belongs to another process)' : ''}`,
        );
        await rm(file, { force: true });
        continue;
      }
      const compatible = want.mode === 'shared' && holder.mode === 'shared' && holder.run === want.run;
      if (!compatible) conflicts.push({ holder, file });
    }
    if (conflicts.length > 0) {
      const { holder, file } = conflicts[0]!;
      const more = conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : '';
      const why =
        holder.mode === 'shared' && want.mode === 'shared'
          ? 'ranks of a different run (another config or world size)'
          : holder.mode === 'exclusive'
            ? 'a full run'
            : 'ranks of a run';
      throw new RefusedError(
        `${root} is in use by another anneal run: pid ${holder.pid} on host ${holder.host}, since ${holder.since}${more} ` +
          `(${why}: ${holder.command}). Wait for it to finish; if that process is dead on another host, remove ${file}`,
      );
    }
    return lock;
  } catch (err) {
    await lock.release();
    throw err;
  }
}

function holderFileName(host: string, pid: number): string {
  return `${host.replace(/[^A-Za-z0-9._-]/g, '_')}.${pid}.json`;
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const holder = JSON.parse(await readFile(file, 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? holder : undefined;
  } catch {
    // removed between listing and reading: its holder released it
    return undefined;
  }
}

/**
 * Whether a holder on this host is gone: its pid is not running ('dead'), or runs a process that
 * started after the holder's (a pid reused after the holder was killed, or after a reboot: 'reused').
 */
function holderGone(holder: LockHolder): 'dead' | 'reused' | undefined {
  if (!isAlive(holder.pid)) return 'dead';
  if (holder.process_start === undefined) return undefined;
  const now = processStart(holder.pid);
  return now !== undefined && now !== holder.process_start ? 'reused' : undefined;
}

/**
 * A process's identity beyond its pid, from Linux's /proc: the boot id and the start time in clock
 * ticks since boot (field 22 of /proc/<pid>/stat, counted after the command name, which may hold
 * spaces and parentheses). Undefined where /proc is not there; the lock then checks the pid alone.
 */
function processStart(pid: number): string | undefined {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19];
    return ticks && /^\d+$/.test(ticks) ? `${boot}:${ticks}` : undefined;
  } catch {
    return undefined;
  }
}

/** Signal 0 checks that a process exists without touching it; EPERM means it exists as another user. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
