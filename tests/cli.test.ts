import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { annealBin, repoRoot, runCli, tempDir, writePipeline } from './support/harness.js';

test('anneal --help and --help on every verb', () => {
  const top = runCli(['--help']);
  assert.equal(top.code, 0);
  for (const verb of ['run', 'validate', 'steps']) {
    assert.match(top.stdout, new RegExp(`\\b${verb}\\b`));
    const r = runCli([verb, '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Usage: anneal ${verb}`));
  }
  const unknown = runCli(['frobnicate']);
  assert.notEqual(unknown.code, 0);
});

test('a bad config stops before any work, listing every problem with its key path', async () => {
  const dir = await tempDir('badcfg');
  const cfg = await writePipeline(
    dir,
    `input: { paths: ["tests/fixtures/bad/good.jsonl"], format: csv }
output: { path: ${join(dir, 'out')}, format: xml }
workers: -1
steps:
  - normalize: { form: NFD }
  - nonsense: {}
`,
  );
  const r = runCli(['run', cfg]);
  assert.equal(r.code, 2);
  for (const key of ['input.format', 'output.format', 'workers', 'steps.0.normalize.form', 'steps.1: unknown step "nonsense"']) {
    assert.ok(r.stderr.includes(key), `stderr lacks ${key}:\n${r.stderr}`);
  }
  const after = runCli(['validate', cfg]);
  assert.equal(after.code, 2);
});

test('failures exit non-zero with a one-line reason', () => {
  const missing = runCli(['run', 'no/such/pipeline.yaml']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^anneal: invalid pipeline config \(1 problem\):\n {2}- no\/such\/pipeline\.yaml: cannot read/);
  const noMatch = runCli(['run', 'pipelines/quickstart.yaml', '--set', 'input.paths=[nothing/*.jsonl]', '--no-progress']);
  assert.equal(noMatch.code, 1);
  assert.equal(noMatch.stderr.trim().split('\n').length, 1);
  assert.match(noMatch.stderr, /input pattern "nothing\/\*\.jsonl" matched no files/);
});

test('validate prints the resolved config with defaults and overrides', () => {
  const r = runCli(['validate', 'pipelines/quickstart.yaml', '--set', 'steps.0.form=NFKC']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /form: NFKC/);
  assert.match(r.stdout, /parquet_codec: zstd/);
});

test('on a terminal anneal run draws a live bar with docs/s, MB/s and an ETA in seconds; in a pipe, plain log lines', async (t) => {
  // util-linux `script` gives the command a pseudo-terminal, as a user's shell would
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (probe.error) return t.skip('`script` (util-linux) is not installed');
  const dir = await tempDir('tty');
  const pipeline = await writePipeline(
    dir,
    `input: { paths: ["${join(repoRoot, 'datasets/sample')}/*.jsonl.gz"] }
output: { path: ${join(dir, 'out')}, format: jsonl }
workers: 1
steps:
  - normalize: {}
  - gopher_repetition: {}
`,
  );
  const typescript = join(dir, 'typescript');
  const r = spawnSync(
    'script',
    ['-q', '-e', '-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(annealBin)} run ${JSON.stringify(pipeline)}`, typescript],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  // the bar redraws in place (cursor to column 1), so each redraw is one frame
  // eslint-disable-next-line no-control-regex
  const raw = (await readFile(typescript, 'utf8')).split(/\x1b\[1G|\r/);
  // eslint-disable-next-line no-control-regex
  const frames = raw.map((f) => f.replace(/\x1b\[[0-9;?]*[a-zA-Z]|\x1b[78]/g, '')).filter((f) => f.includes('docs/s'));
  const screen = frames.join('\n');
  assert.ok(frames.length >= 2, `bar frames drawn: ${frames.length}`);
  for (const f of frames) assert.match(f, /\d+% \| [\d,]+ docs \| [\d,]+ docs\/s \| [\d.]+ MB\/s \| ETA (\?|\d+s|\d+m\d\ds|\d+h\d\dm)/);
  assert.doesNotMatch(screen, /INF|NULL|NaN/);

  const piped = runCli(['run', pipeline, '--force']);
  assert.equal(piped.code, 0, piped.stderr);
  assert.doesNotMatch(piped.stderr, /█|░/);
});
