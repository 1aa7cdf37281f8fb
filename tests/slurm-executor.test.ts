import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { annealBin, repoRoot, snapshot, tempDir, type CliResult } from './support/harness.js';
import { tokenizerTrainArgs } from './support/cli-arguments.js';
import { quickstartRunArgs, trainQuickstartClassifiers } from './support/quickstart-curation.js';
import { SlurmCluster } from './support/slurm-cluster.js';

// The Slurm executor against a real slurmctld/slurmd on this host (tests/support/slurm-cluster.ts).
// CI sets ANNEAL_REQUIRE_SLURM=1 where it installs Slurm, so a cluster that cannot start fails there.
const unavailable = SlurmCluster.unavailable();
let cluster: SlurmCluster | undefined;
let dir: string;

before(async () => {
  if (unavailable) {
    if (process.env.ANNEAL_REQUIRE_SLURM === '1') throw new Error(`ANNEAL_REQUIRE_SLURM=1 but ${unavailable}`);
    return;
  }
  dir = await tempDir('slurm');
  cluster = SlurmCluster.start(join(dir, 'cluster'));
});

after(() => {
  if (!cluster) return;
  cluster.stop();
  assert.deepEqual(cluster.running(), [], 'the test leaves no Slurm daemon running');
});

function anneal(args: string[]): CliResult {
  const r = spawnSync(process.execPath, [annealBin, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...cluster!.env, FORCE_COLOR: '0' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** pipelines/quickstart.yaml as it is, 4 tasks, the classifiers trained into `dir`, output into `out`. */
function quickstartArgs(out: string, extra: string[] = []): string[] {
  return quickstartRunArgs(dir, out, 'tasks=4', extra);
}

/** What must be byte-identical between a local run and a Slurm run: shards, stats.json, errors/. */
async function outputs(out: string): Promise<Map<string, Buffer>> {
  return snapshot(out, (rel) => !(/^\d{5}\.jsonl$/.test(rel) || rel === 'stats.json' || rel.startsWith('errors')));
}

test('the quickstart curation (filters, classifiers, exact + MinHash dedup) in 4 Slurm tasks is byte-identical to a local run; a cancelled task is named, and a re-run submits only what is missing', async (t) => {
  if (unavailable) return t.skip(unavailable);
  trainQuickstartClassifiers(dir);
  const local = anneal(quickstartArgs(join(dir, 'local'), ['--set', 'workers=2']));
  assert.equal(local.code, 0, local.stderr);
  const expected = await outputs(join(dir, 'local'));
  assert.ok([...expected.keys()].filter((k) => k.endsWith('.jsonl')).length >= 4);

  // every stage as one array job, each after the one before; --wait follows them and merges stats.json
  const slurm = anneal(quickstartArgs(join(dir, 'slurm'), ['--executor', 'slurm', '--wait', '--set', 'executor={type: slurm, poll_seconds: 1}']));
  assert.equal(slurm.code, 0, slurm.stderr);
  assert.match(slurm.stdout, /submitted \d+ Slurm job\(s\)/);
  assert.match(slurm.stdout, /quickstart: 4 task\(s\) run, 0 already complete, 4 in all/);
  assert.deepEqual(await outputs(join(dir, 'slurm')), expected, 'shards, stats.json and errors/ as a local run writes them');
  const logs = await readdir(join(dir, 'slurm', 'logs', 'stage-0'));
  assert.deepEqual(logs.filter((f) => f.endsWith('.out')).sort(), ['0.out', '1.out', '2.out', '3.out'], 'one log per task');

  // a second submission of a complete run submits nothing
  const again = anneal(quickstartArgs(join(dir, 'slurm'), ['--executor', 'slurm', '--wait']));
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /stage\(s\) already complete: not submitted/);
  assert.doesNotMatch(again.stdout, /submitted/);

  // the MinHash signatures stage (the segment that observes dedup_minhash), one task at a time; its
  // rank 2 is cancelled while the stage is in the queue
  const out = join(dir, 'cancelled');
  const args = quickstartArgs(out, ['--executor', 'slurm', '--wait', '--set', 'executor={type: slurm, poll_seconds: 1, max_parallel: 1}']);
  const child = spawn(process.execPath, [annealBin, ...args], { cwd: repoRoot, env: { ...process.env, ...cluster!.env, FORCE_COLOR: '0' } });
  let stderr = '';
  let stdout = '';
  let cancelled: string | undefined;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const job = /stage (\d+) \([^\n]*dedup_minhash \(observe\)[^\n]*\): job (\d+), 4 of 4 task/.exec(stderr);
    if (job && !cancelled) {
      cancelled = `${job[2]}_2`;
      const r = spawnSync('scancel', [cancelled], { env: { ...process.env, ...cluster!.env }, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.ok(cancelled, `the signatures stage was submitted:\n${stderr}`);
  assert.notEqual(code, 0, 'a cancelled task fails the run');
  assert.match(
    stderr,
    /Slurm task\(s\) did not complete:\n {2}stage \d+ \([^\n]*dedup_minhash \(observe\)[^\n]*\), rank 2: CANCELLED[^\n]*; log: .*logs\/stage-\d+\/2\.out/,
  );
  assert.match(stderr, /not run, a stage before it failed/);
  assert.doesNotMatch(stdout, /documents:/, 'no summary for an incomplete run');

  const rerun = anneal(quickstartArgs(out, ['--executor', 'slurm', '--wait', '--set', 'executor={type: slurm, poll_seconds: 1}']));
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.match(rerun.stderr, /dedup_minhash \(observe\)[^\n]*\): job \d+, 1 of 4 task/, 'only the cancelled task of the signatures stage');
  assert.match(rerun.stderr, /stage\(s\) already complete: not submitted/);
  assert.deepEqual(await outputs(out), expected, 'the re-run ends byte-identical to a local run');
});

test('anneal tokenize through Slurm: each rank encodes its share; token shards and index.json identical to a local run; --rank/--world-size by hand too', async (t) => {
  if (unavailable) return t.skip(unavailable);
  const train = anneal(tokenizerTrainArgs([`output=${join(dir, 'tok')}`, 'vocab_size=1200'], '--quiet'));
  assert.equal(train.code, 0, train.stderr);
  const common = ['tokenize', '--tokenizer', join(dir, 'tok', 'tokenizer.json'), '--input', 'datasets/sample/*.jsonl.gz', '--batch-rows', '64'];
  const local = anneal([...common, '--out', join(dir, 'tokens-local'), '--workers', '2']);
  assert.equal(local.code, 0, local.stderr);
  const tokenOutputs = (out: string) => snapshot(out, (rel) => !(/^\d{5}\.arrow$/.test(rel) || rel === 'index.json'));
  const expected = await tokenOutputs(join(dir, 'tokens-local'));
  assert.equal([...expected.keys()].filter((k) => k.endsWith('.arrow')).length, 4);

  const slurm = anneal([
    ...common,
    '--out',
    join(dir, 'tokens-slurm'),
    '--executor',
    'slurm',
    '--world-size',
    '3',
    '--wait',
    '--slurm',
    '{poll_seconds: 1}',
  ]);
  assert.equal(slurm.code, 0, slurm.stderr);
  assert.match(slurm.stderr, /tokenize \(4 shard\(s\), 3 rank\(s\)\): job \d+, 3 of 3 rank/);
  assert.deepEqual(await tokenOutputs(join(dir, 'tokens-slurm')), expected, 'token shards and index.json as a local run writes them');
  const again = anneal([...common, '--out', join(dir, 'tokens-slurm'), '--executor', 'slurm', '--world-size', '3', '--wait']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /all 3 rank\(s\) complete: nothing submitted/);

  // the same ranks started by hand, in any order: the one that finishes the last shard writes index.json
  const byHand = join(dir, 'tokens-ranks');
  const r1 = anneal([...common, '--out', byHand, '--rank', '1', '--world-size', '2']);
  assert.equal(r1.code, 0, r1.stderr);
  assert.match(r1.stdout, /index\.json is written by the rank that finishes the last shard/);
  const r0 = anneal([...common, '--out', byHand, '--rank', '0', '--world-size', '2']);
  assert.equal(r0.code, 0, r0.stderr);
  assert.deepEqual(await tokenOutputs(byHand), expected);
});
