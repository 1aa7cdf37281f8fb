import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runCli, startCli, repoRoot } from './support/harness.js';
import { prepareTinyPretrainData } from './support/tiny-pretrain.js';

// `anneal mix search` through the real CLI on the sample corpus: six proxies of 4,096 tokens, two
// searched stages. Killed with SIGKILL after two proxies finished, it resumes without retraining
// them; the answer is a mixture YAML `anneal mix` accepts; and the search is deterministic: the
// killed-and-resumed search finds exactly what an uninterrupted one with the same seed finds.

const PROXIES = 6;

/** The search YAML: on token shards, or (`{ tokenizer }`) on the mixture's own inputs, tokenized by the search. */
async function writeSearch(dir: string, input: { shards: string } | { tokenizer: string }, output: string): Promise<string> {
  const sample = (n: number) => join(repoRoot, 'datasets', 'sample', `sample-0000${n}.jsonl.gz`);
  const mixture = join(dir, 'mixture.yaml');
  await writeFile(
    mixture,
    `name: tiny-two-stage
inputs: [${sample(0)}, ${sample(1)}]
output: ${join(dir, 'unused')}
seed: 7
max_epochs: 4
stages:
  - { name: broad, tokens: 300k, strategy: unimax, trainer: { seq_len: 64 } }
  - { name: anneal, tokens: 60k, strategy: natural, upweight: { math: 3 }, trainer: { seq_len: 64 } }
`,
  );
  const search = join(dir, `${output.split('/').pop()}.search.yaml`);
  await writeFile(
    search,
    `name: tiny
${'shards' in input ? `shards: ${input.shards}` : `tokenizer: ${input.tokenizer}`}
mixture: ${mixture}
output: ${output}
target: [{ all_domains: true }]
stage_targets: { anneal: [{ domain: math }, { domain: code }] }
proxy: { d_model: 16, n_layers: 1, n_heads: 2, seq_len: 32, batch_size: 4, tokens: 4096, eval_windows: 4, trajectory_points: 4 }
proxies: ${PROXIES}
candidates: 5000
top_k: 20
seed: 3
workers: 2
`,
  );
  return search;
}

function finished(output: string): string[] {
  const dir = join(output, 'proxies');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((p) => existsSync(join(dir, p, 'result.json')));
}

/** A proxy's result without its timings. */
function resultOf(output: string, proxy: string): unknown {
  const { seconds: _s, tokens_per_s: _t, ...rest } = JSON.parse(readFileSync(join(output, 'proxies', proxy, 'result.json'), 'utf8'));
  return rest;
}

function stagesOf(output: string): unknown {
  return JSON.parse(readFileSync(join(output, 'search.json'), 'utf8')).stages;
}

test('anneal mix search: killed, it resumes without retraining finished proxies; writes a mixture anneal mix runs; the same answer as an uninterrupted search', async () => {
  const data = await prepareTinyPretrainData();
  const killed = join(data.dir, 'search-killed');
  const args = ['mix', 'search', await writeSearch(data.dir, { shards: data.shards }, killed)];

  const child = startCli(args);
  const exited = once(child, 'exit');
  while (child.exitCode === null && finished(killed).length < 2) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  assert.equal(signal, 'SIGKILL', `the search ended (code ${code}) before it could be killed`);
  const before = finished(killed);
  assert.ok(before.length >= 2 && before.length < PROXIES, `killed with ${before.length} of ${PROXIES} proxies done`);
  const stamps = new Map(before.map((p) => [p, statSync(join(killed, 'proxies', p, 'result.json')).mtimeMs]));

  const resumed = runCli(args);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, new RegExp(`${before.length} of ${PROXIES} proxies already trained; training the other ${PROXIES - before.length}`));
  for (const [p, mtime] of stamps) assert.equal(statSync(join(killed, 'proxies', p, 'result.json')).mtimeMs, mtime, `${p} was trained again`);
  assert.deepEqual(finished(killed).length, PROXIES);
  assert.match(resumed.stdout, /stage broad: .*\n {2}cross-validated Spearman ρ: /);
  assert.ok(existsSync(join(killed, 'report.html')));

  // the answer: manual proportions per searched stage, which anneal mix plans as they are
  const yamlPath = join(killed, 'mixture.yaml');
  const answer = parseYaml(readFileSync(yamlPath, 'utf8')) as {
    stages: Array<{ name: string; strategy: string; proportions: Record<string, number>; upweight?: unknown }>;
  };
  for (const s of answer.stages) {
    assert.equal(s.strategy, 'manual', s.name);
    assert.equal(s.upweight, undefined);
    const total = Object.values(s.proportions).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total - 1) < 0.01, `${s.name} proportions sum to ${total}`);
  }
  const mix = runCli(['mix', yamlPath, '--no-progress']);
  assert.equal(mix.code, 0, mix.stderr);
  assert.ok(existsSync(join(killed, 'manifests', 'broad.manifest.json')) && existsSync(join(killed, 'manifests', 'anneal.manifest.json')));

  // deterministic for a seed: an uninterrupted search finds the same proxies' losses and the same answer
  const straight = join(data.dir, 'search-straight');
  const again = runCli(['mix', 'search', await writeSearch(data.dir, { shards: data.shards }, straight), '--workers', '1']);
  assert.equal(again.code, 0, again.stderr);
  for (const p of finished(straight)) assert.deepEqual(resultOf(straight, p), resultOf(killed, p), p);
  assert.deepEqual(stagesOf(straight), stagesOf(killed));

  // a second run over a finished search trains nothing and gives the same answer
  const rerun = runCli(args);
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.match(rerun.stderr, new RegExp(`${PROXIES} of ${PROXIES} proxies already trained; training the other 0`));
  assert.deepEqual(stagesOf(killed), stagesOf(straight));

  // given no token shards, the search tokenizes the mixture's own inputs (the curated shards) with the
  // same tokenizer: the same tokens as anneal tokenize made, so the same answer
  const curated = join(data.dir, 'search-curated');
  const fromDocuments = runCli(['mix', 'search', await writeSearch(data.dir, { tokenizer: data.tokenizer }, curated)]);
  assert.equal(fromDocuments.code, 0, fromDocuments.stderr);
  assert.match(fromDocuments.stderr, /tokenizing the mixture's 2 input shard\(s\)/);
  assert.deepEqual(stagesOf(curated), stagesOf(straight));
});

test('anneal mix search refuses a bad search YAML with every problem and its key path', async () => {
  const data = await prepareTinyPretrainData();
  const search = await writeSearch(data.dir, { shards: data.shards }, join(data.dir, 'bad'));
  const bad = runCli(['mix', 'search', search, '--set', 'proxies=0', '--set', 'regression=xgboost', '--set', 'target.0.file=x.jsonl']);
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /proxies: /);
  assert.match(bad.stderr, /regression: /);
  assert.match(bad.stderr, /target\.0: give exactly one of domain, all_domains or file/);
});
