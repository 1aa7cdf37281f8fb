import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunStats } from '@anneal/core';
import { runCli, tempDir, writePipeline } from './support/harness.js';

const PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
const PAYLOAD_ESCAPED = '&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;';

// `anneal run` then `anneal stats <run> --html`, through the real CLI: the report carries the run's
// drop reasons step by step, the shares before and after curation, and document text only escaped.
// (Drawing in a browser is checked by packages/report's Chromium test.)
test('anneal stats <run dir> --html writes a self-contained report of that run; anneal report renders saved stats the same', async () => {
  const dir = await tempDir('report');
  const hostile = join(dir, 'hostile.jsonl');
  await writeFile(hostile, JSON.stringify({ id: 'hostile-1', text: PAYLOAD, domain: 'notes' }) + '\n');
  const out = join(dir, 'out');
  const pipeline = await writePipeline(
    dir,
    `name: report-e2e
input: { paths: ["datasets/sample/*.jsonl.gz", "${hostile}"], format: jsonl }
output: { path: ${out}, format: jsonl }
steps:
  - normalize: {}
  - gopher_quality: { when: { domain: [web] } }
  - dedup_exact: {}
`,
  );
  const run = runCli(['run', pipeline, '--no-progress']);
  assert.equal(run.code, 0, run.stderr);

  const html = join(dir, 'report.html');
  const saved = join(dir, 'stats-out.json');
  const stats = runCli(['stats', out, '--html', html, '--json', saved, '--no-progress']);
  assert.equal(stats.code, 0, stats.stderr);
  assert.match(stats.stderr, /wrote the HTML report to .*report\.html/);
  // the saved statistics render to the very same page without reading the shards again
  const again = join(dir, 'again.html');
  const report = runCli(['report', saved, '-o', again]);
  assert.equal(report.code, 0, report.stderr);
  assert.deepEqual(await readFile(again), await readFile(html));

  const page = await readFile(html, 'utf8');
  assert.ok(!page.includes(PAYLOAD), 'the document text never appears raw');
  assert.ok(page.includes(PAYLOAD_ESCAPED), 'it appears escaped, among the samples');
  assert.doesNotMatch(page, /\b(src|href)="(?!#)/, 'nothing is loaded from elsewhere');

  const data = JSON.parse(/<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(page)![1]!) as {
    charts: Array<{ id: string; labels: string[]; series: Array<{ name: string; values: number[] }> }>;
  };
  const chart = (id: string) => data.charts.find((c) => c.id === id)!;
  assert.deepEqual(chart('domain-shares').labels, ['before curation', 'after curation']);

  const ledger = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8')) as RunStats;
  const drops = ledger.steps.flatMap((s) =>
    Object.entries(s.dropped)
      .filter(([, n]) => n > 0)
      .map(([reason, n]) => ({ step: s.name, reason, n })),
  );
  assert.ok(drops.some((d) => d.step === 'gopher_quality') && drops.some((d) => d.step === 'dedup_exact'), 'the run dropped documents in two steps');
  const drawn = chart('drops-per-step');
  assert.deepEqual(new Set(drawn.labels), new Set(drops.map((d) => d.reason)), 'one bar per drop reason of the run');
  for (const d of drops) {
    const i = drawn.labels.indexOf(d.reason);
    assert.equal(drawn.series.find((s) => s.name === d.step)!.values[i], d.n, `${d.step}/${d.reason}`);
  }
});
