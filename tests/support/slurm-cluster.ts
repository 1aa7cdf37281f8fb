import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { cpus, hostname, totalmem } from 'node:os';
import { join } from 'node:path';

/**
 * A real single-node Slurm cluster for the executor's tests: Debian's slurm-wlm and munge (.ci/run
 * installs them), a slurm.conf of its own in a temporary folder, and munged, slurmctld and slurmd
 * started as root (as CI runs here). `stop()` stops every daemon it started; nothing is left running.
 */
export class SlurmCluster {
  private constructor(
    readonly dir: string,
    readonly conf: string,
    private readonly startedMunge: boolean,
  ) {}

  /** The environment the Slurm client commands (and anneal's executor) need to find this cluster. */
  get env(): Record<string, string> {
    return { SLURM_CONF: this.conf };
  }

  /** Why a cluster cannot start here, or undefined when it can. */
  static unavailable(): string | undefined {
    if (process.getuid?.() !== 0) return 'the Slurm tests start slurmctld and slurmd as root, and this is not root';
    const missing = ['/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/sbin/munged', '/usr/bin/sbatch', '/usr/bin/munge'].filter(
      (p) => !existsSync(p),
    );
    return missing.length > 0 ? `Slurm is not installed (missing ${missing.join(', ')}; .ci/run installs slurm-wlm and munge)` : undefined;
  }

  static start(dir: string): SlurmCluster {
    const startedMunge = ensureMunge();
    for (const sub of ['state', 'spool', 'log']) mkdirSync(join(dir, sub), { recursive: true });
    const host = hostname();
    // ports of its own, so a cluster already running on this host (or another test's) is not disturbed
    const port = 20000 + (randomBytes(2).readUInt16BE(0) % 20000);
    const conf = join(dir, 'slurm.conf');
    writeFileSync(
      conf,
      [
        'ClusterName=anneal-test',
        `SlurmctldHost=${host}`,
        'SlurmUser=root',
        'AuthType=auth/munge',
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_Core',
        'ReturnToService=2',
        'MpiDefault=none',
        `SlurmctldPort=${port}`,
        `SlurmdPort=${port + 1}`,
        `StateSaveLocation=${join(dir, 'state')}`,
        `SlurmdSpoolDir=${join(dir, 'spool')}`,
        `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
        `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
        `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
        `NodeName=${host} CPUs=${cpus().length} RealMemory=${Math.floor(totalmem() / 2 ** 20) - 1024} State=UNKNOWN`,
        `PartitionName=anneal Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
        '',
      ].join('\n'),
    );
    const cluster = new SlurmCluster(dir, conf, startedMunge);
    const env = { ...process.env, SLURM_CONF: conf };
    execFileSync('/usr/sbin/slurmctld', ['-f', conf], { env });
    execFileSync('/usr/sbin/slurmd', ['-f', conf], { env });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const state = spawnSync('sinfo', ['-h', '-o', '%T'], { env, encoding: 'utf8' }).stdout.trim();
      if (state === 'idle') return cluster;
      if (Date.now() > deadline) {
        cluster.stop();
        throw new Error(`the test's Slurm node did not become idle in 30 s (sinfo says "${state}"); logs in ${join(dir, 'log')}`);
      }
      spawnSync('sleep', ['0.5']);
    }
  }

  /** Stops slurmd, slurmctld and (when this started it) munged, and waits until they are gone. */
  stop(): void {
    const pids = [join(this.dir, 'slurmd.pid'), join(this.dir, 'slurmctld.pid'), ...(this.startedMunge ? [MUNGE_PID] : [])]
      .filter((f) => existsSync(f))
      .map((f) => Number(readFileSync(f, 'utf8').trim()))
      .filter((pid) => Number.isInteger(pid) && pid > 0);
    for (const pid of pids) signal(pid, 'SIGTERM');
    const deadline = Date.now() + 15_000;
    while (pids.some(alive) && Date.now() < deadline) spawnSync('sleep', ['0.2']);
    for (const pid of pids.filter(alive)) signal(pid, 'SIGKILL');
  }

  /** Daemons this cluster started that still run (for the test's "leaves nothing running"). */
  running(): number[] {
    return [join(this.dir, 'slurmd.pid'), join(this.dir, 'slurmctld.pid'), ...(this.startedMunge ? [MUNGE_PID] : [])]
      .filter((f) => existsSync(f))
      .map((f) => Number(readFileSync(f, 'utf8').trim()))
      .filter(alive);
  }
}

const MUNGE_PID = '/run/munge/munged.pid';

/** Starts munged (with a key written here if there is none) unless one already answers; true if it started one. */
function ensureMunge(): boolean {
  if (spawnSync('munge', ['-n'], { stdio: 'ignore' }).status === 0) return false;
  const key = '/etc/munge/munge.key';
  if (!existsSync(key) || readFileSync(key).length < 32) {
    mkdirSync('/etc/munge', { recursive: true });
    writeFileSync(key, randomBytes(1024));
  }
  const munge = Number(execFileSync('id', ['-u', 'munge'], { encoding: 'utf8' }).trim());
  const group = Number(execFileSync('id', ['-g', 'munge'], { encoding: 'utf8' }).trim());
  chownSync(key, munge, group);
  chmodSync(key, 0o400);
  for (const d of ['/run/munge', '/var/lib/munge', '/var/log/munge']) {
    mkdirSync(d, { recursive: true });
    chownSync(d, munge, group);
  }
  execFileSync('runuser', ['-u', 'munge', '--', '/usr/sbin/munged']);
  if (spawnSync('munge', ['-n'], { stdio: 'ignore' }).status !== 0) throw new Error('munged started but munge -n fails');
  return true;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}
