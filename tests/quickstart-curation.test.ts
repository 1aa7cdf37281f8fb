import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ledgerImbalances, type RunStats } from '@anneal/core';
import { tempDir } from './support/harness.js';
import { curateSampleLikeQuickstart } from './support/quickstart-curation.js';

// The quickstart's curation chain end to end, through the real CLI (see support/quickstart-curation):
// both classifiers trained from the sample, then every filter, the classifiers, the ensemble and both
// dedup stages in one run.
test('the quickstart chain (filters, classify, quality_ensemble, exact + MinHash dedup) balances stats.json step by step; dup_count sums to the documents deduped', async (t) => {
  const dir = await tempDir('quickstart');
  const { out, run } = curateSampleLikeQuickstart(dir);
  for (const line of run.stdout.trim().split('\n')) t.diagnostic(line);

  const stats = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8')) as RunStats;
  assert.deepEqual(ledgerImbalances(stats), []);
  assert.deepEqual(
    stats.steps.map((s) => s.name),
    [
      'read',
      'normalize',
      'normalize',
      'language',
      'gopher_quality',
      'gopher_repetition',
      'c4',
      'fineweb',
      'classify',
      'quality_ensemble',
      'decontaminate',
      'pii',
      'dedup_exact',
      'dedup_minhash',
    ],
  );
  const step = (name: string) => stats.steps.find((s) => s.name === name)!;
  // every drop is named by its rule, never a catch-all
  for (const s of stats.steps)
    for (const reason of Object.keys(s.dropped))
      assert.match(reason, /^(language|gopher|c4|fineweb|contaminated|exact|near)_/, `${s.name}: ${reason}`);
  assert.ok(step('gopher_quality').out < step('gopher_quality').in, 'the web filters drop spam pages');
  assert.equal(Object.keys(step('fineweb').dropped).length, 0, 'score_into: fineweb votes, it does not drop');

  const docs: Record<string, unknown>[] = [];
  for (const f of (await readdir(out)).filter((x) => /^\d{5}\.jsonl$/.test(x)).sort()) {
    for (const line of (await readFile(join(out, f), 'utf8')).split('\n')) if (line) docs.push(JSON.parse(line));
  }
  assert.equal(docs.length, stats.documents_out);
  const dupSum = docs.reduce((s, d) => s + (d.dup_count as number), 0);
  assert.equal(dupSum, step('dedup_exact').in, 'each kept document stands for dup_count of the documents that entered dedup');
  for (const d of docs) {
    assert.ok(['web', 'math', 'code', 'encyclopedic'].includes(d.domain as string), `domain ${String(d.domain)}`);
    assert.ok(typeof d.quality === 'number' && d.quality >= 0 && d.quality <= 1, `quality ${String(d.quality)}`);
  }
  t.diagnostic(`kept ${docs.length} of ${stats.documents_in}; dup_count sums to ${dupSum} = documents into dedup_exact`);
});
