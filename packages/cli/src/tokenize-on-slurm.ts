import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { hash64Hex, pathExists } from '@anneal/core';
import { SHARD_RESULTS_DIR, type TokenizeStats } from '@anneal/tokenizer';
import { TOKEN_SHARD_INDEX_FILE } from '@anneal/token-shards';
import { openVerbOutput } from './verb-output.js';

export interface TokenizeCliOptions {
  tokenizer: string;
  input: string[];
  out: string;
  workers?: number;
  batchRows: number;
  textKey: string;
  idKey: string;
  domainKey: string;
  format?: string;
  eos?: string;
  bos?: string;
  /** false with --no-tokenizer-cache */
  tokenizerCache: boolean;
  rank?: number;
  worldSize?: number;
  executor?: string;
  slurm?: string;
  wait: boolean;
}

/**
 * Every name `anneal tokenize` may write in its --out folder (the ownership marker records them);
 * a run split over ranks also writes shard-results/ and, on Slurm, logs/.
 */
export function tokenizePlannedEntries(shards: string[], split: boolean): string[] {
  return [...shards, TOKEN_SHARD_INDEX_FILE, 'stats.json', 'errors.jsonl', ...(split ? [`${SHARD_RESULTS_DIR}/`, 'logs/'] : [])];
}

/**
 * `anneal tokenize … --executor slurm [--wait]`: one array job whose task R runs this same command
 * with `--rank R --world-size W` (tokenizeShardsForRank). Only ranks with a shard not yet done are
 * submitted; the rank that finishes the last shard writes index.json, as a local run would.
 */
export async function tokenizeOnSlurm(opts: TokenizeCliOptions, shardCount: number, shards: string[]): Promise<void> {
  // the Slurm executor (and the pipeline package with its steps) loads only when a run goes to Slurm
  const { SlurmExecutorSchema, followArrayJobs, submitArrayJob, queuedJobsNamed } = await import('@anneal/pipeline');
  const log = (m: string) => process.stderr.write(`anneal: ${m}\n`);
  const executor = SlurmExecutorSchema.parse({ type: 'slurm', ...((opts.slurm ? parseYaml(opts.slurm) : {}) as object) });
  const worldSize = Math.min(opts.worldSize ?? shardCount, shardCount);
  const out = resolve(opts.out);
  const runId = hash64Hex(JSON.stringify({ out, worldSize, args: replayArgs() }));
  const name = `anneal-tok-${runId.slice(0, 8)}`;
  const output = await openVerbOutput(opts.out, {
    verb: 'tokenize',
    label: '--out',
    planned: tokenizePlannedEntries(shards, true),
    sharedLock: { run: `${worldSize}` },
    command: `anneal tokenize --out ${opts.out} --executor slurm`,
    log,
  });
  const done = (s: number) => pathExists(join(out, SHARD_RESULTS_DIR, `${shards[s]}.json`));
  const rankDone = async (r: number) => {
    for (let s = r; s < shardCount; s += worldSize) if (!(await done(s))) return false;
    return true;
  };
  let job: string | undefined;
  let units: number[] = [];
  try {
    const live = await queuedJobsNamed([name]);
    if (live.length > 0)
      throw new Error(`a job of this tokenize run is still queued or running (${live.map((j) => j.job).join(', ')}); wait for it or scancel it`);
    for (let r = 0; r < worldSize; r++) if (!(await rankDone(r))) units.push(r);
    // every shard done but no index.json (its writer was killed): any one rank finishes the run
    if (units.length === 0 && !(await pathExists(join(out, TOKEN_SHARD_INDEX_FILE)))) units = [0];
    if (units.length > 0) {
      const spec = {
        name,
        label: `tokenize (${shardCount} shard(s), ${worldSize} rank(s))`,
        units,
        logDir: join(out, 'logs', 'tokenize'),
        annealArgs: ['tokenize', ...replayArgs(), '--world-size', String(worldSize)],
      };
      job = await submitArrayJob(executor, spec, out);
      log(`${spec.label}: job ${job}, ${units.length} of ${worldSize} rank(s); logs in ${spec.logDir}`);
      process.stdout.write(`submitted 1 Slurm job(s): ${job}\n`);
    } else {
      log(`all ${worldSize} rank(s) complete: nothing submitted`);
    }
  } finally {
    await output.release();
  }
  if (job && !opts.wait) {
    process.stdout.write(`follow it with: squeue -j ${job}  (or run again with --wait)\n`);
    return;
  }
  if (job) {
    const spec = {
      name,
      label: `tokenize (${shardCount} shard(s), ${worldSize} rank(s))`,
      units,
      logDir: join(out, 'logs', 'tokenize'),
      annealArgs: [],
    };
    const { failed } = await followArrayJobs([{ spec, job, isDone: rankDone }], executor, log);
    if (failed.length > 0) {
      process.stderr.write(
        `anneal: ${failed.length} Slurm task(s) did not complete:\n${failed.map((f) => `  ${f.label}, rank ${f.unit}: ${f.state}; log: ${f.log}`).join('\n')}\n`,
      );
      throw new Error(
        `${failed.length} Slurm task(s) failed (ranks ${failed.map((f) => f.unit).join(', ')}); run the same command again to submit only what is missing`,
      );
    }
  }
  const stats = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8')) as TokenizeStats;
  process.stdout.write(
    `tokenized → ${opts.out}: ${shardCount} shard(s) in ${worldSize} Slurm rank(s); ${stats.documents_out} documents, ${stats.tokens} tokens, ${stats.errors} bad record(s)\n`,
  );
}

/** This command's arguments after `tokenize`, without the submission's own options, for the ranks to run. */
function replayArgs(): string[] {
  const args = process.argv.slice(process.argv.indexOf('tokenize') + 1);
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--wait') continue;
    if (['--executor', '--slurm', '--world-size', '--workers'].includes(a)) {
      i++;
      continue;
    }
    if (/^--(executor|slurm|world-size|workers)=/.test(a)) continue;
    kept.push(a);
  }
  return kept;
}
