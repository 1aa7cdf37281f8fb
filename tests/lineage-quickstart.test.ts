import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { repoRoot, runCli, runCliOk, tempDir } from './support/harness.js';
import { tokenizerTrainArgs } from './support/cli-arguments.js';
import { runQuickstartCuration, trainQuickstartClassifiers } from './support/quickstart-curation.js';

/**
 * `anneal why` and `anneal trace` through the real CLI on the quickstart: the sample curated by
 * pipelines/quickstart.yaml with keep_dropped, mixed by pipelines/mixture-xgen.yaml, tokenized;
 * then a drop is explained and a token-shard row is walked back to its input file and line.
 */
test('quickstart lineage: why names the rule and value of a drop; trace walks a token-shard row back to its file, steps and mixture stages', async (t) => {
  const dir = await tempDir('lineage-quickstart');
  trainQuickstartClassifiers(dir);
  const { out } = runQuickstartCuration(dir, ['--set', 'keep_dropped=true']);

  // a web page the Gopher rules dropped: why gives rule and value
  const gopherDir = join(out, 'dropped', 'gopher_quality');
  const dropped = readdirSync(gopherDir).flatMap((f) =>
    readFileSync(join(gopherDir, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; source_location: string; dropped: { reason: string; detail: string } }),
  );
  const d = dropped[0]!;
  const why = runCli(['why', d.id, '--run', out]);
  assert.equal(why.code, 0, why.stderr);
  t.diagnostic(why.stdout.trim());
  assert.match(why.stdout, new RegExp(`^${d.id}: dropped by step 4 of 13, gopher_quality\\n  rule: ${d.dropped.reason}: `));
  assert.ok(why.stdout.includes(d.dropped.detail) && /\d/.test(d.dropped.detail));
  assert.match(why.stdout, /from: datasets\/sample\/sample-0000\d\.jsonl\.gz, line \d+/);
  // the source location points at the document itself
  const [, file, line] = d.source_location.match(/^(.*), line (\d+)$/)!;
  const original = JSON.parse(
    gunzipSync(readFileSync(join(repoRoot, file!)))
      .toString('utf8')
      .split('\n')[Number(line) - 1]!,
  ) as { id: string };
  assert.equal(original.id, d.id);

  // a near-duplicate: why names dedup and the cluster
  const near = readdirSync(join(out, 'dropped', 'dedup_exact')).flatMap((f) =>
    readFileSync(join(out, 'dropped', 'dedup_exact', f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string }),
  );
  assert.match(
    runCli(['why', near[0]!.id, '--run', out]).stdout,
    /dropped by step 12 of 13, dedup_exact\n {2}rule: exact_duplicate: in duplicate cluster /,
  );

  // mixture and token shards of the curated output
  const mix = join(dir, 'mix');
  assert.equal(runCli(['mix', 'pipelines/mixture-xgen.yaml', '--set', `inputs=[${out}]`, '--set', `output=${mix}`]).code, 0);
  const tok = join(dir, 'tokenizer');
  runCliOk(tokenizerTrainArgs([`output=${tok}`, 'vocab_size=400', 'sample.bytes=300000', 'workers=1', `input.paths=[${out}/*.jsonl]`]));
  const tokens = join(dir, 'tokens');
  const tokenize = runCli(['tokenize', '--tokenizer', join(tok, 'tokenizer.json'), '--input', out, '--out', tokens]);
  assert.equal(tokenize.code, 0, tokenize.stderr);

  const trace = runCli(['trace', tokens, '--row', '5', '--run', out, '--mixture', mix]);
  assert.equal(trace.code, 0, trace.stderr);
  t.diagnostic(trace.stdout.trim());
  const id = trace.stdout.split('\n')[0]!;
  const kept = readFileSync(join(out, '00000.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; source_location: string; language?: string; quality: number });
  const doc = kept[5]!;
  assert.equal(id, doc.id, 'row 5 of the token shards is the sixth document of the first output shard');
  assert.ok(trace.stdout.includes(`  source: ${doc.source_location}`));
  assert.match(trace.stdout, /token shard: .*00000\.arrow, row 5/);
  assert.match(trace.stdout, / 8 classify: domain="\w+" domain_score=[\d.]+ quality_fasttext=[\d.]+/);
  assert.match(trace.stdout, / 9 quality_ensemble: quality=[\d.]+/);
  assert.match(trace.stdout, /dedup_exact: dup_count=\d+/);
  assert.match(
    trace.stdout,
    /mixture \(.*\):\n {2}stage 0 broad: (repeated \d+× \(record \d+ of .*\)|not selected)\n {2}stage 1 anneal: .*\n {2}stage 2 long_context: /,
  );
});
