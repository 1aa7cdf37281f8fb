import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { RunStats } from '@anneal/core';
import { repoRoot, runCli, tempDir, writePipeline } from './support/harness.js';

/**
 * keep_dropped, `anneal why` and `anneal trace` through the real CLI, on two files of the bundled
 * sample with a benchmark made of three of its own documents (so decontaminate must drop them),
 * two worker threads sharing the benchmark index.
 */
test('keep_dropped + anneal why / trace: every drop explained with its rule and value, every kept document traced to its file and line', async () => {
  const dir = await tempDir('lineage');
  const inputs = ['sample-00000.jsonl.gz', 'sample-00001.jsonl.gz'].map((f) => join(repoRoot, 'datasets', 'sample', f));
  const firstFile = gunzipSync(readFileSync(inputs[0]!))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; text: string; domain?: string });
  // three long encyclopedic documents become the "benchmark": the run must drop them as contaminated
  const planted = firstFile.filter((d) => d.text.split(/\s+/).length > 120 && d.domain === 'encyclopedic').slice(0, 3);
  assert.equal(planted.length, 3);
  const bench = join(dir, 'bench.jsonl');
  await writeFile(bench, planted.map((d) => JSON.stringify({ name: d.id, problem: d.text.slice(0, 600) })).join('\n') + '\n');
  const out = join(dir, 'out');
  const cfg = await writePipeline(
    dir,
    [
      `input: { paths: ${JSON.stringify(inputs)}, format: jsonl }`,
      `output: { path: ${JSON.stringify(out)}, format: jsonl }`,
      'workers: 2',
      'keep_dropped: true',
      'steps:',
      '  - normalize: {}',
      `  - decontaminate: { sets: [{ name: sample_bench, path: ${JSON.stringify(bench)}, fields: [problem], id_field: name }] }`,
      '  - gopher_quality: { when: { domain: [web] } }',
      '  - pii: {}',
    ].join('\n') + '\n',
  );
  const run = runCli(['run', cfg, '--no-progress']);
  assert.equal(run.code, 0, run.stderr);

  const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8')) as RunStats;
  const decon = stats.steps.find((s) => s.name === 'decontaminate')!;
  // the three, and the sample's near-copies of them (the same article with a date changed)
  const contaminated = decon.dropped.contaminated_sample_bench!;
  assert.ok(contaminated >= 3, `${contaminated} contaminated`);
  assert.deepEqual(decon.counts, { 'sample_bench.documents': contaminated });
  assert.deepEqual(decon.distinct, { 'sample_bench.items': planted.map((d) => d.id).sort() });

  // conservation with the dropped files counted: each step's dropped/ lines = its dropped counts
  for (const step of stats.steps.slice(1)) {
    const total = Object.values(step.dropped).reduce((a, b) => a + b, 0);
    let lines = 0;
    try {
      for (const f of readdirSync(join(out, 'dropped', step.name)))
        lines += readFileSync(join(out, 'dropped', step.name, f), 'utf8')
          .split('\n')
          .filter(Boolean).length;
    } catch {
      // no folder: the step dropped nothing
    }
    assert.equal(lines, total, `step ${step.name}: ${lines} dropped records for ${total} drops`);
    assert.equal(step.in, step.out + total + step.errors);
  }
  assert.equal(stats.documents_in, stats.documents_out + stats.dropped + stats.errors);

  // why: a contaminated document, and one the Gopher rules dropped, each with rule and value
  const why = runCli(['why', planted[0]!.id, '--run', out]);
  assert.equal(why.code, 0, why.stderr);
  assert.match(
    why.stdout,
    new RegExp(`dropped by step 2 of 4, decontaminate\\n  rule: contaminated_sample_bench: sample_bench item ${planted[0]!.id}: \\d+ % of a field`),
  );
  assert.match(why.stdout, /from: .*sample-00000\.jsonl\.gz, line \d+/);
  const gopherDropped = readdirSync(join(out, 'dropped', 'gopher_quality')).flatMap((f) =>
    readFileSync(join(out, 'dropped', 'gopher_quality', f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; dropped: { reason: string; detail: string } }),
  );
  assert.ok(gopherDropped.length > 0);
  const g = gopherDropped[0]!;
  const whyGopher = runCli(['why', g.id, '--run', out]);
  assert.ok(whyGopher.stdout.includes(`rule: ${g.dropped.reason}: ${g.dropped.detail}`), whyGopher.stdout);
  assert.match(g.dropped.detail, /\d/);

  // trace: a kept document back to its input file and line, with the values steps wrote
  const firstOut = JSON.parse(readFileSync(join(out, '00000.jsonl'), 'utf8').split('\n')[0]!) as { id: string; source_location: string };
  const line = firstFile.findIndex((d) => d.id === firstOut.id) + 1;
  assert.equal(firstOut.source_location, `${inputs[0]}, line ${line}`);
  const trace = runCli(['trace', firstOut.id, '--run', out]);
  assert.equal(trace.code, 0, trace.stderr);
  assert.ok(trace.stdout.includes(`source: ${inputs[0]}, line ${line}`), trace.stdout);
  assert.match(trace.stdout, / 3 gopher_quality \(when domain in \["web"\]\)/);

  // anneal stats and its HTML report show contamination per benchmark
  const html = join(dir, 'report.html');
  const stats2 = runCli(['stats', out, '--no-progress', '--html', html]);
  assert.equal(stats2.code, 0, stats2.stderr);
  assert.match(
    stats2.stdout,
    new RegExp(`contamination per benchmark \\(decontaminate\\):\\n.*\\n.*\\n *sample_bench +${contaminated} +3 +${contaminated}`),
  );
  const page = readFileSync(html, 'utf8');
  assert.ok(page.includes('Contamination per benchmark'));

  // a document no one has heard of: exit 1 and a plain answer
  const unknown = runCli(['why', 'no-such-document', '--run', out]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stdout, /not in .*: neither kept, nor among its dropped documents/);
});

test('decontaminate with its benchmark files absent and if_missing: skip (a clone without ../shared): a note, and every document passes', async () => {
  const dir = await tempDir('decon-missing');
  const input = join(repoRoot, 'datasets', 'sample', 'sample-00000.jsonl.gz');
  const out = join(dir, 'out');
  const cfg = await writePipeline(
    dir,
    `input: { paths: ["${input}"] }\noutput: { path: ${out} }\nsteps:\n  - decontaminate: { sets: [{ name: gone, path: ${join(dir, 'absent.jsonl')}, fields: [question], if_missing: skip }] }\n`,
  );
  const run = runCli(['run', cfg, '--no-progress']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /decontaminate: benchmark set gone skipped \(.*absent\.jsonl not found; if_missing: skip\)/);
  const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8')) as RunStats;
  assert.equal(stats.documents_out, stats.documents_in);
  // without if_missing: skip, the run stops before any task, naming the file
  const strict = await writePipeline(
    dir,
    `input: { paths: ["${input}"] }\noutput: { path: ${join(dir, 'out2')} }\nsteps:\n  - decontaminate: { sets: [{ name: gone, path: ${join(dir, 'absent.jsonl')}, fields: [question] }] }\n`,
  );
  const refused = runCli(['run', strict, '--no-progress']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /benchmark set gone: .*absent\.jsonl does not exist/);
});
