import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunStats } from '@anneal/core';
import { readManifestDocuments, readStageManifest, type StageManifest } from '@anneal/mixture';
import type { CorpusStats } from '@anneal/stats';
import { runCli, runCliOk, tempDir } from './support/harness.js';
import { tokenizerTrainArgs } from './support/cli-arguments.js';
import { curateSampleLikeQuickstart } from './support/quickstart-curation.js';

// anneal stats and anneal mix on the quickstart's outputs: the sample corpus curated by
// pipelines/quickstart.yaml (filters, classifiers with quality, exact + MinHash dedup with dup_count),
// built here into a temporary directory exactly as `npm start` builds out/quickstart.
let dir = '';
let out = '';

before(async () => {
  dir = await tempDir('mixture-quickstart');
  out = curateSampleLikeQuickstart(dir).out;
});

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

test("anneal stats on the quickstart output: a per-domain table, JSON that adds up, the run's drop reasons, shares before curation", async (t) => {
  const json = join(dir, 'stats.json');
  const r = runCli(['stats', out, '--json', json, '--no-progress']);
  assert.equal(r.code, 0, r.stderr);
  for (const line of r.stdout.trimEnd().split('\n').slice(0, 10)) t.diagnostic(line);
  assert.match(r.stdout, /^domain +docs +bytes +tokens~ +share +quality p10\/p50\/p90/m);
  assert.match(r.stdout, /tokens~ = estimated/);
  assert.match(r.stdout, /^dedup_minhash .*near_duplicate \d+/m);

  const stats = await readJson<CorpusStats>(json);
  const run = await readJson<RunStats>(join(out, 'stats.json'));
  assert.equal(stats.totals.documents, run.documents_out);
  assert.equal(stats.totals.read_errors, 0);
  assert.deepEqual(stats.domains.map((d) => d.domain).sort(), ['code', 'encyclopedic', 'math', 'web']);
  assert.equal(
    stats.domains.reduce((n, d) => n + d.documents, 0),
    stats.totals.documents,
  );
  assert.equal(
    stats.domains.reduce((n, d) => n + d.tokens, 0),
    stats.totals.tokens,
  );
  assert.ok(Math.abs(stats.domains.reduce((n, d) => n + d.token_share, 0) - 1) < 1e-9);
  for (const d of stats.domains) {
    assert.equal(d.quality.missing, 0, 'the quickstart scores every document');
    assert.ok(d.quality.p10! <= d.quality.p50! && d.quality.p50! <= d.quality.p90!);
    assert.equal(
      d.quality.histogram.counts.reduce((a, b) => a + b, 0),
      d.documents,
    );
    assert.equal(
      d.length_tokens.histogram.counts.reduce((a, b) => a + b, 0) + d.length_tokens.histogram.underflow + d.length_tokens.histogram.overflow,
      d.documents,
    );
    // dup_count: every kept document stands for its cluster
    assert.equal(
      d.dup_count.buckets.reduce((n, b) => n + b.documents, 0),
      d.documents,
    );
    assert.equal(d.samples.length, 3);
  }
  const represented = stats.domains.reduce((n, d) => n + d.dup_count.represented_documents, 0);
  assert.equal(represented, run.steps.find((s) => s.name === 'dedup_exact')!.in, 'Σ dup_count = documents that entered dedup');
  assert.deepEqual(
    stats.run!.steps.map((s) => [s.step, s.dropped]),
    run.steps.map((s) => [s.name, s.dropped]),
  );
  assert.equal(stats.before_curation!.documents, run.documents_in);
});

test('anneal stats --tokenizer counts tokens exactly with a trained tokenizer and says so', async () => {
  const tok = join(dir, 'tokenizer');
  runCliOk(tokenizerTrainArgs([`output=${tok}`, 'vocab_size=400', 'sample.bytes=300000', 'workers=1']));
  const json = join(dir, 'stats-exact.json');
  const r = runCli(['stats', out, '--tokenizer', join(tok, 'tokenizer.json'), '--json', json, '--no-before', '--no-progress']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /tokens~|estimated/);
  const exact = await readJson<CorpusStats>(json);
  assert.equal(exact.token_counting.estimated, false);
  assert.match(exact.token_counting.method, /vocab 400/);
  for (const d of exact.domains) assert.equal(d.tokens_estimated, false);
  // a 400-token vocabulary needs far more tokens than the 4-bytes-per-token estimate
  assert.ok(exact.totals.tokens > exact.totals.bytes / 4);
});

async function manifests(mixDir: string): Promise<StageManifest[]> {
  const files = (await readdir(mixDir)).filter((f) => f.endsWith('.manifest.json')).sort();
  return Promise.all(files.map((f) => readStageManifest(join(mixDir, f))));
}

test('anneal mix pipelines/mixture-xgen.yaml on the quickstart output: three manifests, each domain within 0.5 % of its target, deterministic', async (t) => {
  const mixA = join(dir, 'mix-a');
  const a = runCli(['mix', 'pipelines/mixture-xgen.yaml', '--set', `inputs=[${out}]`, '--set', `output=${mixA}`]);
  assert.equal(a.code, 0, a.stderr);
  for (const line of a.stdout.trimEnd().split('\n')) t.diagnostic(line);
  const stages = await manifests(mixA);
  assert.deepEqual(stages.map((m) => m.stage).sort(), ['anneal', 'broad', 'long_context']);
  for (const m of stages) {
    for (const d of m.domains) {
      if (d.target_tokens === 0) continue;
      const off = Math.abs(d.tokens - d.target_tokens) / d.target_tokens;
      assert.ok(off < 0.005, `${m.stage}/${d.domain}: ${d.tokens} vs target ${d.target_tokens}`);
    }
    let docs = 0;
    let repeats = 0;
    for await (const x of readManifestDocuments(m)) {
      docs++;
      repeats += x.repeats;
      assert.equal(x.domain, x.doc.metadata.domain);
    }
    assert.equal(
      docs,
      m.domains.reduce((n, d) => n + d.documents, 0),
    );
    assert.equal(
      repeats,
      m.domains.reduce((n, d) => n + d.repeats, 0),
    );
  }
  const anneal = stages.find((m) => m.stage === 'anneal')!;
  assert.equal(anneal.balance.strategy, 'natural');
  assert.deepEqual(anneal.balance.upweight, { math: 3, code: 2 });

  // the same config and inputs give byte-identical manifests
  const mixB = join(dir, 'mix-b');
  assert.equal(runCli(['mix', 'pipelines/mixture-xgen.yaml', '--set', `inputs=[${out}]`, '--set', `output=${mixB}`]).code, 0);
  for (const f of (await readdir(mixA)).filter((x) => x.endsWith('.manifest.json'))) {
    assert.ok((await readFile(join(mixA, f))).equals(await readFile(join(mixB, f))), f);
  }

  // the stages' shares join the statistics
  const json = join(dir, 'stats-with-stages.json');
  const s = runCli(['stats', out, '--mixture', mixA, '--json', json, '--no-before', '--no-progress']);
  assert.equal(s.code, 0, s.stderr);
  const stats = await readJson<CorpusStats>(json);
  assert.deepEqual(
    stats.stages!.map((x) => x.stage),
    ['broad', 'anneal', 'long_context'],
  );
  assert.match(s.stdout, /^stage broad: /m);
});

test('anneal mix: an impossible budget and a bad config fail with clear messages; both verbs have --help', () => {
  for (const verb of ['stats', 'mix']) {
    const help = runCli([verb, '--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, new RegExp(`Usage: anneal ${verb}`));
  }
  const missing = runCli(['stats', 'no/such/shards-*.jsonl', '--no-progress']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^anneal: input pattern "no\/such\/shards-\*\.jsonl" matched no files/);

  const impossible = runCli(['mix', 'pipelines/mixture-xgen.yaml', '--set', `inputs=[${out}]`, '--set', 'stages.0.tokens=100M', '--dry-run']);
  assert.equal(impossible.code, 1);
  assert.match(impossible.stderr, /^anneal: stage broad: the budget of 100,000,000 tokens exceeds what the caps allow: at most [\d,]+ tokens/);
  assert.equal(impossible.stderr.trim().split('\n').length, 1);

  const bad = runCli(['mix', 'pipelines/mixture-xgen.yaml', '--set', 'stages.1.strategy=temperature', '--set', 'stages.2.tokens=-5']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /invalid mixture config \(2 problems\)/);
  assert.match(bad.stderr, /stages\.1\.temperature: strategy temperature needs temperature/);
  assert.match(bad.stderr, /stages\.2\.tokens: a positive token count/);
});

test('every strategy lands within 0.5 % per domain on the raw sample corpus too (no quality or dup_count: neutral weights)', async () => {
  const mix = join(dir, 'mix-raw');
  const yaml = join(dir, 'raw.yaml');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(
    yaml,
    `name: raw
inputs: ["datasets/sample/*.jsonl.gz"]
output: ${mix}
seed: 3
stages:
  - { name: manual, tokens: 600k, strategy: manual, proportions: { web: 0.5, code: 0.2, math: 0.1, encyclopedic: 0.15, unknown: 0.05 } }
  - { name: natural, tokens: 2M, strategy: natural }
  - { name: temperature, tokens: 800k, strategy: temperature, temperature: 3 }
  - { name: unimax, tokens: 1.5M, strategy: unimax, max_epochs: { default: 4, math: 6 } }
`,
  );
  const r = runCli(['mix', yaml]);
  assert.equal(r.code, 0, r.stderr);
  for (const m of await manifests(mix)) {
    for (const d of m.domains) {
      const off = Math.abs(d.tokens - d.target_tokens) / d.target_tokens;
      assert.ok(off < 0.005, `${m.stage}/${d.domain}: ${d.tokens} vs ${d.target_tokens}`);
    }
  }
});
