import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli, tempDir, writePipeline } from './support/harness.js';

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
