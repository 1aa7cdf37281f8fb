import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ledgerImbalances, type Doc } from '@anneal/core';
import { runPipeline } from '@anneal/pipeline';
import { dedupText, wordShingles } from '@anneal/dedup';
import { readDocuments } from '@anneal/io';
import { snapshot, tempDir, writePipeline } from './support/harness.js';
import { readSampleRecords, sampleGlob } from './support/sample-corpus.js';

const sample = await readSampleRecords<{ id: string; text: string; dup_cluster: string | null }>();

async function dedupRun(dir: string, name: string, steps: string, tasks: number, workers = 2) {
  const out = join(dir, name);
  const cfg = await writePipeline(
    dir,
    `input: { paths: ["${sampleGlob}"] }\noutput: { path: ${out}, format: jsonl }\ntasks: ${tasks}\nworkers: ${workers}\nsteps:\n${steps}`,
  );
  const outcome = await runPipeline({ configPath: cfg, progress: false, logErrors: false });
  const kept: Doc[] = [];
  for (const f of readdirSync(out)
    .filter((f) => /^\d{5}\.jsonl$/.test(f))
    .sort()) {
    for await (const item of readDocuments(join(out, f), { emptyFileIsError: false }).records) kept.push(item.doc!);
  }
  return { out, outcome, kept };
}

/** Groups of documents by the key a kept document stands for: its dup_cluster_id, or itself. */
function predictedClusters(kept: Doc[], all: { id: string }[], decisionsOf: Map<string, string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const d of all) {
    const key = decisionsOf.get(d.id) ?? d.id;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(d.id);
  }
  void kept;
  return groups;
}

test('MinHash dedup on the sample: cluster precision ≥ 0.95 and recall ≥ 0.90 against brute-force Jaccard ≥ 0.8', async (t) => {
  const dir = await tempDir('dedup-pr');
  const { out, outcome, kept } = await dedupRun(dir, 'out', '  - dedup_minhash: { threshold: 0.8 }\n', 4);
  assert.deepEqual(ledgerImbalances(outcome.stats!), []);
  assert.equal(
    kept.reduce((s, d) => s + (d.metadata.dup_count as number), 0),
    sample.length,
    'dup_count over kept documents sums to the input documents',
  );

  // Which cluster the run put each input document in: from the stage's decisions and doc tables.
  const stage = join(out, 'stages', '0-dedup_minhash');
  const clusterOf = new Map<string, string>();
  for (const f of readdirSync(join(stage, 'docs')).sort()) {
    const ids = readFileSync(join(stage, 'docs', f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as [string])[0]);
    for (const l of readFileSync(join(stage, 'decisions', f), 'utf8')
      .split('\n')
      .filter(Boolean)) {
      const [index, , , cluster] = JSON.parse(l) as [number, number, number, string];
      clusterOf.set(ids[index]!, cluster);
    }
  }
  const predicted = predictedClusters(kept, sample, clusterOf);

  // Brute force: exact Jaccard of word 5-gram sets over every pair that shares a shingle.
  const sets = sample.map((d) => new Set(wordShingles(dedupText(d.text), 5)));
  const postings = new Map<string, number[]>();
  sets.forEach((s, i) => s.forEach((sh) => (postings.get(sh) ?? postings.set(sh, []).get(sh)!).push(i)));
  const shared = new Map<number, number>();
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++) {
        const k = list[a]! * 100_000 + list[b]!;
        shared.set(k, (shared.get(k) ?? 0) + 1);
      }
  }
  const parent = sample.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (const [k, c] of shared) {
    const a = Math.floor(k / 100_000);
    const b = k % 100_000;
    if (c / (sets[a]!.size + sets[b]!.size - c) >= 0.8) parent[Math.max(find(a), find(b))] = Math.min(find(a), find(b));
  }
  // Pairs in one cluster, on each side (clusters are transitive, so compare clusterings pairwise).
  const truthKey = sample.map((_, i) => find(i));
  const predKey = new Map<string, string>();
  for (const [key, ids] of predicted) for (const id of ids) predKey.set(id, key);
  let truePairs = 0;
  let predictedPairs = 0;
  let both = 0;
  for (let a = 0; a < sample.length; a++) {
    for (let b = a + 1; b < sample.length; b++) {
      const inTruth = truthKey[a] === truthKey[b];
      const inPred = predKey.get(sample[a]!.id) === predKey.get(sample[b]!.id);
      if (inTruth) truePairs++;
      if (inPred) predictedPairs++;
      if (inTruth && inPred) both++;
    }
  }
  const precision = both / predictedPairs;
  const recall = both / truePairs;
  t.diagnostic(
    `duplicate pairs: ${truePairs} by brute force (Jaccard ≥ 0.8, transitively), ${predictedPairs} by MinHash-LSH 14×8 + verification at 0.8`,
  );
  t.diagnostic(`precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; ${sample.length - kept.length} documents removed`);
  assert.ok(precision >= 0.95, `precision ${precision}`);
  assert.ok(recall >= 0.9, `recall ${recall}`);
});

test('dedup results are identical for 1, 2 and 4 tasks and across re-runs; exact copies of the generator are found', async () => {
  const dir = await tempDir('dedup-tasks');
  const steps = '  - normalize: {}\n  - dedup_exact: {}\n  - dedup_minhash: { threshold: 0.8 }\n';
  const views: string[] = [];
  for (const tasks of [1, 2, 4]) {
    const { kept, outcome } = await dedupRun(dir, `t${tasks}`, steps, tasks);
    assert.deepEqual(ledgerImbalances(outcome.stats!), []);
    views.push(
      JSON.stringify(
        kept.map((d) => [d.id, d.metadata.dup_count, d.metadata.dup_cluster_id ?? null]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
      ),
    );
  }
  // compare without dumping 3,000 rows on failure
  assert.ok(views[1] === views[0], 'kept documents, dup_count and cluster ids differ between 1 and 2 tasks');
  assert.ok(views[2] === views[0], 'kept documents, dup_count and cluster ids differ between 1 and 4 tasks');

  const first = await snapshot(join(dir, 't2'), (rel) => rel.startsWith('stages') || rel === 'config.yaml');
  await dedupRun(dir, 't2-again', steps, 2, 1);
  const again = await snapshot(join(dir, 't2-again'), (rel) => rel.startsWith('stages') || rel === 'config.yaml');
  for (const [name, bytes] of first) assert.ok(bytes.equals(again.get(name)!), `${name} differs on a re-run with 1 worker`);

  // Documents with the same simplified text: exact dedup alone keeps exactly one of each group,
  // with dup_count = the group's size; after MinHash too, at most one survives.
  const byText = new Map<string, string[]>();
  for (const d of sample) (byText.get(dedupText(d.text)) ?? byText.set(dedupText(d.text), []).get(dedupText(d.text))!).push(d.id);
  const groups = [...byText.values()].filter((ids) => ids.length > 1);
  assert.ok(groups.length >= 10, `the sample has exact copies (${groups.length} groups)`);
  const exactOnly = await dedupRun(dir, 'exact', '  - dedup_exact: {}\n', 3);
  const keptExact = new Map(exactOnly.kept.map((d) => [d.id, d.metadata.dup_count]));
  for (const ids of groups) {
    const survivors = ids.filter((id) => keptExact.has(id));
    assert.equal(survivors.length, 1, `exact dedup keeps one of ${ids.join(', ')}`);
    assert.equal(survivors[0], [...ids].sort()[0], 'the representative is the smallest id (keep: first_id)');
    assert.equal(keptExact.get(survivors[0]!), ids.length, 'dup_count is the cluster size');
  }
  assert.equal(
    exactOnly.outcome.stats!.steps[1]!.dropped.exact_duplicate,
    groups.reduce((s, ids) => s + ids.length - 1, 0),
  );
  const kept = new Set((JSON.parse(views[0]!) as [string][]).map((r) => r[0]));
  for (const ids of groups) assert.ok(ids.filter((id) => kept.has(id)).length <= 1, `at most one of ${ids.join(', ')} kept`);
});

test('splitting each band into key-range buckets (bucket_shards) changes memory per unit, not the result', async () => {
  const dir = await tempDir('dedup-shards');
  const one = await dedupRun(dir, 's1', '  - dedup_minhash: { threshold: 0.8 }\n', 2);
  const eight = await dedupRun(dir, 's8', '  - dedup_minhash: { threshold: 0.8, bucket_shards: 8 }\n', 2);
  const view = (docs: Doc[]) => JSON.stringify(docs.map((d) => [d.id, d.metadata.dup_count, d.metadata.dup_cluster_id ?? null]).sort());
  assert.ok(view(one.kept) === view(eight.kept), 'same kept documents and dup_counts');
  assert.equal(readdirSync(join(eight.out, 'stages', '0-dedup_minhash', 'pairs')).length, 14 * 8);
});
