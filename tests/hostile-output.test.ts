// Hostile places to write and read (issue 11, "Reliability"): a foreign folder as output, the input
// folder as output, two runs on one output, symlinked input folders, a full disk, a FIFO as input,
// an alias bomb, an unknown verb. Every input is generated here in a temporary folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FileWriteError, namingWrittenFile } from '@anneal/core';
import { runCli, snapshot, startCli, tempDir } from './support/harness.js';

interface Stats {
  documents_in: number;
  documents_out: number;
  dropped: number;
  errors: number;
}

/** `n` small JSONL documents of `words` words each. */
function documents(prefix: string, n: number, words = 8): string {
  return Array.from({ length: n }, (_, i) => JSON.stringify({ id: `${prefix}-${i}`, text: `doc ${i} ${'word '.repeat(words).trim()}` }) + '\n').join(
    '',
  );
}

async function pipelineFile(dir: string, input: string, output: string, extra = ''): Promise<string> {
  const path = join(dir, `pipeline-${Math.random().toString(16).slice(2)}.yaml`);
  await writeFile(
    path,
    `input: { paths: ["${input}"] }\noutput: { path: "${output}", format: jsonl }\nworkers: 1\n${extra}steps:\n  - length: { min_words: 5 }\n`,
  );
  return path;
}

async function readStats(out: string): Promise<Stats> {
  return JSON.parse(await readFile(join(out, 'stats.json'), 'utf8')) as Stats;
}

function assertBalances(stats: Stats): void {
  assert.equal(stats.documents_in, stats.documents_out + stats.dropped + stats.errors, `stats do not balance: ${JSON.stringify(stats)}`);
}

/** A folder that anneal did not write, with names that look like anneal's own and like its temporaries. */
async function foreignFolder(dir: string): Promise<string> {
  const folder = join(dir, 'my-notes');
  await mkdir(join(folder, '.tmp'), { recursive: true });
  await mkdir(join(folder, 'errors'), { recursive: true });
  await mkdir(join(folder, 'stats'), { recursive: true });
  await mkdir(join(folder, 'completions'), { recursive: true });
  await mkdir(join(folder, 'stages'), { recursive: true });
  await writeFile(join(folder, '00000.jsonl'), 'my own lines\n');
  await writeFile(join(folder, 'stats.json'), '{"mine": true}\n');
  await writeFile(join(folder, 'config.yaml'), 'my: own config\n');
  await writeFile(join(folder, '.tmp', 'precious.txt'), 'do not delete\n');
  await writeFile(join(folder, '.draft.txt.4242.0123abcd.tmp'), "looks like a temporary, is not anneal's\n");
  for (const sub of ['errors', 'stats', 'completions', 'stages']) await writeFile(join(folder, sub, 'mine.txt'), `user file in ${sub}\n`);
  return folder;
}

function sameFiles(before: Map<string, Buffer>, after: Map<string, Buffer>, what: string): void {
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), `${what}: files were added or removed`);
  for (const [name, bytes] of before) assert.ok(bytes.equals(after.get(name)!), `${what}: ${name} was changed`);
}

test('a non-empty folder anneal did not write is refused (exit 2), with and without --force, and nothing in it changes', async () => {
  const dir = await tempDir('hostile-foreign');
  await mkdir(join(dir, 'in'));
  await writeFile(join(dir, 'in', 'a.jsonl'), documents('a', 20));
  const folder = await foreignFolder(dir);
  const before = await snapshot(folder);
  const pipeline = await pipelineFile(dir, `${dir}/in/*.jsonl`, folder);
  for (const extra of [[], ['--force']]) {
    const r = runCli(['run', pipeline, '--no-progress', ...extra]);
    assert.equal(r.code, 2, `${extra.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`output.path ${folder} is a non-empty folder that anneal did not write`));
    assert.match(r.stderr, /\.anneal-run\.json/);
    sameFiles(before, await snapshot(folder), `after run ${extra.join(' ')}`);
  }
});

test('the input folder as output, an input inside the output and a ** pattern reaching the output are refused (exit 2); the input is untouched', async () => {
  const dir = await tempDir('hostile-overlap');
  const input = join(dir, 'in');
  await mkdir(input);
  await writeFile(join(input, '00000.jsonl'), documents('a', 20));
  const before = await snapshot(dir);

  const same = runCli(['run', await pipelineFile(dir, `${input}/*.jsonl`, input), '--no-progress']);
  assert.equal(same.code, 2, same.stderr);
  assert.match(same.stderr, new RegExp(`output.path ${input} is the folder of input ${input}/00000.jsonl`));

  const parent = runCli(['run', await pipelineFile(dir, `${input}/*.jsonl`, dir), '--no-progress']);
  assert.equal(parent.code, 2, parent.stderr);
  assert.match(parent.stderr, /lies inside output.path/);

  const recursive = runCli(['run', await pipelineFile(dir, `${dir}/**/*.jsonl`, join(dir, 'out')), '--no-progress']);
  assert.equal(recursive.code, 2, recursive.stderr);
  assert.match(recursive.stderr, new RegExp(`input pattern "${dir}/\\*\\*/\\*\\.jsonl" reaches into output.path ${dir}/out`));

  const after = await snapshot(dir, (rel) => rel.startsWith('pipeline-'));
  sameFiles(new Map([...before].filter(([rel]) => !rel.startsWith('pipeline-'))), after, 'input folder');
});

test('--force removes exactly the files earlier runs wrote; a user file in errors/ and beside the shards survives', async () => {
  const dir = await tempDir('hostile-force');
  await mkdir(join(dir, 'in'));
  await writeFile(join(dir, 'in', 'a.jsonl'), documents('a', 20) + '{"id": "broken", "text": \n');
  await writeFile(join(dir, 'in', 'b.jsonl'), documents('b', 20, 2));
  const out = join(dir, 'out');
  const pipeline = await pipelineFile(dir, `${dir}/in/*.jsonl`, out);
  const first = runCli(['run', pipeline, '--no-progress']);
  assert.equal(first.code, 0, first.stderr);
  assert.ok(existsSync(join(out, '00001.jsonl')) && existsSync(join(out, 'errors', '00000.jsonl')));
  const marker = JSON.parse(await readFile(join(out, '.anneal-run.json'), 'utf8')) as { entries: string[] };
  assert.ok(marker.entries.includes('00001.jsonl') && marker.entries.includes('errors/00000.jsonl'));
  await writeFile(join(out, 'errors', 'triage-notes.txt'), 'my notes on the bad records\n');
  await writeFile(join(out, 'README.txt'), 'what this output is\n');

  // a different task count: the old 00001.* names are not this run's, --force must still remove them
  const forced = runCli(['run', pipeline, '--no-progress', '--force', '--set', 'tasks=1']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stderr, /--force: removed \d+ file\(s\)\/folder\(s\) earlier runs wrote/);
  const files = [...(await snapshot(out)).keys()].sort();
  assert.deepEqual(files, [
    '.anneal-run.json',
    '00000.jsonl',
    'README.txt',
    'completions/00000',
    'config.yaml',
    'errors/00000.jsonl',
    'errors/triage-notes.txt',
    'stats.json',
    'stats/00000.json',
  ]);
  assert.equal(await readFile(join(out, 'errors', 'triage-notes.txt'), 'utf8'), 'my notes on the bad records\n');
  assert.equal(await readFile(join(out, 'README.txt'), 'utf8'), 'what this output is\n');
  const stats = await readStats(out);
  assert.equal(stats.documents_in, 41);
  assertBalances(stats);
});

test('an output written by an anneal from before the marker is adopted and resumed, not refused', async () => {
  const dir = await tempDir('hostile-legacy');
  await mkdir(join(dir, 'in'));
  await writeFile(join(dir, 'in', 'a.jsonl'), documents('a', 20));
  const out = join(dir, 'out');
  const pipeline = await pipelineFile(dir, `${dir}/in/*.jsonl`, out);
  assert.equal(runCli(['run', pipeline, '--no-progress']).code, 0);
  // what an older version leaves: the same layout, without the marker
  execFileSync('rm', [join(out, '.anneal-run.json')]);
  const again = runCli(['run', pipeline, '--no-progress']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /written by an earlier anneal .*adopting it/);
  assert.match(again.stdout, /0 task\(s\) run, 1 already complete/);
  const marker = JSON.parse(await readFile(join(out, '.anneal-run.json'), 'utf8')) as { adopted_older_output?: boolean; entries: string[] };
  assert.equal(marker.adopted_older_output, true);
  assert.ok(marker.entries.includes('00000.jsonl'));
});

/** Input big enough that a run lasts a few seconds on a busy 2-core machine. */
async function longInput(dir: string): Promise<void> {
  await mkdir(join(dir, 'in'));
  await writeFile(join(dir, 'in', 'a.jsonl'), documents('big', 150_000, 30));
  await writeFile(join(dir, 'in', 'b.jsonl'), documents('small', 20));
}

async function waitForLockHolder(out: string, child: { exitCode: number | null }): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const holders = await readdir(join(out, '.anneal-lock')).catch(() => [] as string[]);
    const file = holders.find((n) => n.endsWith('.json') && !n.startsWith('.'));
    if (file) return file;
    assert.equal(child.exitCode, null, 'the first run ended before it took the lock');
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no lock holder appeared');
}

test('a second run on an output in use is refused at once naming pid, host and since; the first completes; a dead holder is taken over', async () => {
  const dir = await tempDir('hostile-lock');
  await longInput(dir);
  const out = join(dir, 'out');
  const pipeline = await pipelineFile(dir, `${dir}/in/*.jsonl`, out);
  const first = startCli(['run', pipeline, '--no-progress']);
  const exited = new Promise<number | null>((resolve) => first.on('exit', (code) => resolve(code)));
  await waitForLockHolder(out, first);
  const second = runCli(['run', pipeline, '--no-progress']);
  assert.equal(second.code, 2, second.stderr);
  assert.match(
    second.stderr,
    new RegExp(`${out} is in use by another anneal run: pid ${first.pid} on host ${hostname()}, since \\d{4}-\\d\\d-\\d\\dT`),
  );
  assert.doesNotMatch(second.stderr, /ENOENT/);
  assert.equal(await exited, 0);
  const stats = await readStats(out);
  assert.equal(stats.documents_in, 150_020);
  assertBalances(stats);
  assert.equal(existsSync(join(out, '.anneal-lock')), false, 'the lock is released');

  // a holder whose process is gone (killed with SIGKILL) is stale on this host
  await mkdir(join(out, '.anneal-lock'));
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const stale = {
    pid: Number(dead.stdout),
    host: hostname(),
    since: '2020-01-01T00:00:00.000Z',
    run: 'x',
    mode: 'exclusive',
    command: 'anneal run old.yaml',
  };
  await writeFile(join(out, '.anneal-lock', `${hostname()}.${stale.pid}.json`), JSON.stringify(stale));
  const third = runCli(['run', pipeline, '--no-progress']);
  assert.equal(third.code, 0, third.stderr);
  assert.match(third.stderr, new RegExp(`taking over the lock of ${out}: pid ${stale.pid} on ${hostname()} .* is no longer running`));

  // a holder whose pid is alive but belongs to another process than the one that took the lock
  // (the pid reused after the holder died): stale too. This test's own pid plays the reused one.
  await mkdir(join(out, '.anneal-lock'), { recursive: true });
  const reused = { ...stale, pid: process.pid, process_start: 'another-boot:12345' };
  await writeFile(join(out, '.anneal-lock', `${hostname()}.${process.pid}.json`), JSON.stringify(reused));
  const fourth = runCli(['run', pipeline, '--no-progress']);
  assert.equal(fourth.code, 0, fourth.stderr);
  assert.match(
    fourth.stderr,
    new RegExp(
      `taking over the lock of ${out}: pid ${process.pid} on ${hostname()} .* is no longer running \\(the pid now belongs to another process\\)`,
    ),
  );
  assert.equal(existsSync(join(out, '.anneal-lock')), false, 'the stale holder is gone with the lock');
});

test('ranks of one run share the output; a full run or a different run beside them is refused', async (t) => {
  const dir = await tempDir('hostile-ranks');
  await longInput(dir);
  const out = join(dir, 'out');
  const pipeline = await pipelineFile(dir, `${dir}/in/*.jsonl`, out);
  // rank 0 reads the big file (files go to ranks i % world size), rank 1 the small one
  const rank0 = startCli(['run', pipeline, '--no-progress', '--rank', '0', '--world-size', '2']);
  const exited = new Promise<number | null>((resolve) => rank0.on('exit', (code) => resolve(code)));
  const holder = join(out, '.anneal-lock', await waitForLockHolder(out, rank0));
  const runId = (JSON.parse(await readFile(holder, 'utf8')) as { run: string }).run;
  // rank 0's holder file exists before and after these, so rank 0 held the lock throughout
  const full = runCli(['run', pipeline, '--no-progress']);
  const otherRun = runCli(['run', pipeline, '--no-progress', '--rank', '1', '--world-size', '2', '--set', 'seed=7']);
  const heldDuringRefusals = existsSync(holder);
  assert.equal(await exited, 0);
  t.diagnostic(`rank 0 held the lock during the refused runs: ${heldDuringRefusals}`);
  if (heldDuringRefusals) {
    assert.equal(full.code, 2, full.stderr);
    assert.match(full.stderr, new RegExp(`in use by another anneal run: pid ${rank0.pid} on host ${hostname()}.*ranks of a run`));
    assert.equal(otherRun.code, 2, otherRun.stderr);
    assert.match(otherRun.stderr, new RegExp(`in use by another anneal run: pid ${rank0.pid} .*ranks of a different run`));
  }

  // Sharing, without depending on timing: a live holder (this test process) that is a rank of the
  // same run, as another array task on this node would be; rank 1 joins it, a full run does not.
  await mkdir(join(out, '.anneal-lock'), { recursive: true });
  const sibling = join(out, '.anneal-lock', `${hostname()}.${process.pid}.json`);
  const since = new Date().toISOString();
  await writeFile(sibling, JSON.stringify({ pid: process.pid, host: hostname(), since, run: runId, mode: 'shared', command: 'anneal run --rank 0' }));
  const rank1 = runCli(['run', pipeline, '--no-progress', '--rank', '1', '--world-size', '2']);
  assert.equal(rank1.code, 0, rank1.stderr);
  const fullBeside = runCli(['run', pipeline, '--no-progress']);
  assert.equal(fullBeside.code, 2, fullBeside.stderr);
  assert.match(
    fullBeside.stderr,
    new RegExp(`in use by another anneal run: pid ${process.pid} on host ${hostname()}, since ${since.replace(/\./g, '\\.')}`),
  );
  assert.equal(existsSync(sibling), true, 'a run never removes a live holder');
  execFileSync('rm', [sibling]);

  const stats = await readStats(out);
  assert.equal(stats.documents_in, 150_020);
  assertBalances(stats);
});

test('a glob through symlinked folders (self -> ., up -> ..) reads each file once and says so', async () => {
  const dir = await tempDir('hostile-symlink');
  const input = join(dir, 'in');
  await mkdir(join(input, 'sub'), { recursive: true });
  await writeFile(join(input, 'a.jsonl'), documents('a', 20));
  await symlink('.', join(input, 'self'));
  await symlink('..', join(input, 'sub', 'up'));
  const out = join(dir, 'out');
  const r = runCli(['run', await pipelineFile(dir, `${input}/**/*.jsonl`, out), '--no-progress']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(`${input}/a.jsonl is also reached as ${input}/self/a.jsonl, ${input}/sub/up/a.jsonl \\(symlinked folders\\); reading it once`),
  );
  const stats = await readStats(out);
  assert.equal(stats.documents_in, 20);
  assertBalances(stats);
  assert.deepEqual(
    (await readdir(out)).filter((n) => n.endsWith('.jsonl')),
    ['00000.jsonl'],
  );
});

test('a FIFO or a folder named like a shard, given explicitly, is "not a regular file"', async () => {
  const dir = await tempDir('hostile-special');
  await mkdir(join(dir, 'shard.jsonl'));
  execFileSync('mkfifo', [join(dir, 'pipe.jsonl')]);
  for (const [name, kind] of [
    ['pipe.jsonl', 'a FIFO'],
    ['shard.jsonl', 'a folder'],
  ] as const) {
    const out = join(dir, `out-${name}`);
    const r = runCli(['run', await pipelineFile(dir, join(dir, name), out), '--no-progress']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, new RegExp(`input "${dir}/${name}" is not a regular file: ${dir}/${name} is ${kind}`));
    assert.equal(existsSync(out), false, 'nothing is written for a run that cannot start');
  }
});

test('a YAML alias bomb is a config error (exit 2) before any work, in run and validate', async () => {
  const dir = await tempDir('hostile-bomb');
  await writeFile(join(dir, 'a.jsonl'), documents('a', 5));
  const big = 'x'.repeat(1024 * 1024);
  const aliases = Array.from({ length: 40 }, () => '*s').join(', ');
  const path = join(dir, 'bomb.yaml');
  await writeFile(
    path,
    `input: { paths: ["${dir}/a.jsonl"] }\noutput: { path: "${dir}/out" }\nsteps:\n  - length: { min_words: 1, when: { domain: [&s "${big}", ${aliases}] } }\n`,
  );
  for (const verb of ['run', 'validate']) {
    const r = runCli([verb, path]);
    assert.equal(r.code, 2, `${verb}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`${path}: expands to more than 16 MiB once YAML aliases`));
  }
  assert.equal(existsSync(join(dir, 'out')), false);
});

test('an unknown verb is an error (exit 2) naming the verbs, with or without --help', () => {
  for (const args of [['frobnicate'], ['frobnicate', '--help']]) {
    const r = runCli(args);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^anneal: unknown command 'frobnicate' \(commands: run, validate, .*tokenize.*\)\n$/);
    assert.equal(r.stdout, '');
  }
});

test('a write error names the file being written and keeps its code', () => {
  const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  const named = namingWrittenFile(enospc, '/data/out/00003.jsonl', '/data/out/.tmp/.00003.jsonl.77.0123abcd.tmp');
  assert.ok(named instanceof FileWriteError);
  assert.equal(
    named.message,
    'cannot write /data/out/00003.jsonl (through temporary /data/out/.tmp/.00003.jsonl.77.0123abcd.tmp): ENOSPC: no space left on device, write',
  );
  assert.equal((named as FileWriteError).code, 'ENOSPC');
  // an error that already names its path (open, rename) is kept as it is
  const open = Object.assign(new Error("EACCES: permission denied, open '/x/y'"), { code: 'EACCES', path: '/x/y' });
  assert.equal(namingWrittenFile(open, '/x/y'), open);
});

test('a full disk during a run names the file being written', async (t) => {
  const dir = await tempDir('hostile-enospc');
  const disk = join(dir, 'small-disk');
  await mkdir(disk);
  // a real full disk needs a small tmpfs, which needs root and a mount that the sandbox allows
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk]);
  if (mounted.status !== 0) {
    t.skip('cannot mount a small tmpfs here (needs root); the wrapping is covered by the test above');
    return;
  }
  try {
    await writeFile(join(dir, 'a.jsonl'), documents('a', 20_000, 20));
    const out = join(disk, 'out');
    const r = runCli(['run', await pipelineFile(dir, `${dir}/a.jsonl`, out), '--no-progress']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(
        `^anneal: cannot write ${out}/00000.jsonl \\(through temporary ${out}/.tmp/.00000.jsonl.\\d+.[0-9a-f]{8}.tmp\\): ENOSPC: no space left on device`,
      ),
    );
    assert.equal(existsSync(join(out, '00000.jsonl')), false, 'no partial shard under its final name');
  } finally {
    spawnSync('umount', [disk]);
  }
});
