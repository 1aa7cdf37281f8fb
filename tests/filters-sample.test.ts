import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ledgerImbalances, type RunStats } from '@anneal/core';
import { runPipeline } from '@anneal/pipeline';
import { repoRoot, tempDir, writePipeline } from './support/harness.js';
import { readSampleRecords, sampleGlob } from './support/sample-corpus.js';

interface SampleRecord {
  id: string;
  true_domain: string;
  intended_quality: 'high' | 'medium' | 'low';
  language: string;
}
const sample = await readSampleRecords<SampleRecord>();
// The heuristics are English rules (datatrove runs them after a language filter), so they are
// scored on the English web pages; the generator's own labels are the ground truth.
const englishWeb = sample.filter((d) => d.true_domain === 'web' && d.language === 'en');

function keptIds(out: string): Set<string> {
  const ids = new Set<string>();
  for (const f of readdirSync(out).filter((f) => /^\d{5}\.jsonl$/.test(f))) {
    for (const line of readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean)) ids.add((JSON.parse(line) as { id: string }).id);
  }
  return ids;
}

/** Share of English web pages of each intended quality that the run dropped. */
function droppedShares(kept: Set<string>): Record<'high' | 'medium' | 'low', { dropped: number; of: number; share: number }> {
  const shares = { high: { dropped: 0, of: 0, share: 0 }, medium: { dropped: 0, of: 0, share: 0 }, low: { dropped: 0, of: 0, share: 0 } };
  for (const d of englishWeb) {
    const s = shares[d.intended_quality];
    s.of++;
    if (!kept.has(d.id)) s.dropped++;
  }
  for (const s of Object.values(shares)) s.share = s.dropped / s.of;
  return shares;
}

const describe = (s: ReturnType<typeof droppedShares>) =>
  (['low', 'medium', 'high'] as const).map((q) => `${q} ${s[q].dropped}/${s[q].of} (${(100 * s[q].share).toFixed(1)} %)`).join(', ');

function reasons(stats: RunStats): string {
  return stats.steps.flatMap((s) => Object.entries(s.dropped).map(([r, n]) => `${r} ${n}`)).join(', ');
}

test('pipelines/filters.yaml drops >= 90 % of low-quality and <= 5 % of high-quality English web pages of the sample', async (t) => {
  const out = join(await tempDir('filters-sample'), 'out');
  const outcome = await runPipeline({
    configPath: join(repoRoot, 'pipelines', 'filters.yaml'),
    overrides: [`input.paths=["${sampleGlob}"]`, `output.path=${out}`, 'workers=2'],
    progress: false,
    logErrors: false,
  });
  const stats = outcome.stats!;
  assert.deepEqual(ledgerImbalances(stats), []);
  assert.equal(stats.documents_in, sample.length);
  const shares = droppedShares(keptIds(out));
  t.diagnostic(`dropped, English web pages by intended quality: ${describe(shares)}`);
  t.diagnostic(`drop reasons: ${reasons(stats)}`);
  assert.ok(shares.low.share >= 0.9, `low-quality pages dropped: ${shares.low.share}`);
  assert.ok(shares.high.share <= 0.05, `high-quality pages dropped: ${shares.high.share}`);
  // code, math and articles are not web pages: the `when:` restriction lets them through
  const nonWeb = sample.filter((d) => d.true_domain !== 'web').length;
  assert.ok(stats.documents_out > nonWeb * 0.9, 'most non-web documents pass');
});

test('the same chain with every published default: figures for comparison, ledger balanced', async (t) => {
  const dir = await tempDir('filters-defaults');
  const out = join(dir, 'out');
  const web = 'when: { domain: [web, "", null] }';
  const cfg = await writePipeline(
    dir,
    `input: { paths: ["${sampleGlob}"] }\noutput: { path: ${out}, format: jsonl }\nworkers: 2\nsteps:\n  - normalize: {}\n` +
      ['gopher_quality', 'gopher_repetition', 'c4', 'fineweb'].map((s) => `  - ${s}: { ${web} }\n`).join(''),
  );
  const outcome = await runPipeline({ configPath: cfg, progress: false, logErrors: false });
  assert.deepEqual(ledgerImbalances(outcome.stats!), []);
  const shares = droppedShares(keptIds(out));
  t.diagnostic(`published defaults, dropped: ${describe(shares)}`);
  t.diagnostic(`drop reasons: ${reasons(outcome.stats!)}`);
  assert.ok(shares.low.share >= 0.9, `low-quality pages dropped: ${shares.low.share}`);
  const names = new Set(outcome.stats!.steps.flatMap((s) => Object.keys(s.dropped)));
  for (const reason of ['gopher_short_doc', 'gopher_stop_words', 'gopher_dup_line_frac', 'c4_too_few_sentences', 'fineweb_char_dup_ratio']) {
    assert.ok(names.has(reason), `${reason} among the recorded drop reasons`);
  }
});
