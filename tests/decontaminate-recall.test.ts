import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildBenchmarkIndex, decontaminateStep, matchWords } from '@anneal/filters';
import { repoRoot } from './support/harness.js';
import { benchmarkFiles, buildContaminationSet, type PlantKind } from './support/contamination-set.js';

const real = join(repoRoot, '..', 'shared', 'datasets', 'real');
const skip = existsSync(real) ? false : `real text not found at ${real}; skipped (see ../shared/datasets/real/README.md)`;

/**
 * Recall and precision of `decontaminate` with its defaults (13-grams, 80 % of a field covered)
 * against GSM8K test + HumanEval, on real documents with items planted in them. Prints the figures
 * the README quotes.
 */
test('decontaminate: recall on planted GSM8K-test / HumanEval items, no false positive on GSM8K-train or clean real text', { skip }, async () => {
  const files = benchmarkFiles(real);
  const index = await buildBenchmarkIndex({
    ngram: 13,
    min_item_words: 8,
    sets: [
      { name: 'gsm8k_test', path: files.gsm8kTest, fields: ['question', 'answer'], if_missing: 'fail' },
      { name: 'humaneval', path: files.humaneval, fields: ['prompt', 'canonical_solution'], id_field: 'task_id', if_missing: 'fail' },
    ],
  });
  // remove_spans with no minimum keeps every document, so the test sees what was found and what is left
  const step = decontaminateStep(index, { action: 'remove_spans', min_remaining_words: 0 });
  const docs = buildContaminationSet(real);
  const tally = new Map<PlantKind, { docs: number; flagged: number; rightItem: number; cleaned: number }>();
  const misses: string[] = [];
  for (const doc of docs) {
    const result = step.apply({ id: doc.id, text: doc.text, metadata: {} });
    assert.ok(!('dropped' in result), `${doc.id} dropped with min_remaining_words 0`);
    const found = result.metadata.contamination as { set: string; item: string }[] | undefined;
    const t = tally.get(doc.kind) ?? { docs: 0, flagged: 0, rightItem: 0, cleaned: 0 };
    t.docs++;
    if (found) t.flagged++;
    if (found && doc.sameAs && found.some((f) => doc.sameAs!.includes(f.item))) {
      t.rightItem++;
      // what remains must not hold a run of 13 of the planted passage's words
      const left = ` ${matchWords(result.text).join(' ')} `;
      const planted = matchWords(doc.planted!);
      let intact = false;
      for (let i = 0; i + 13 <= planted.length && !intact; i++) intact = left.includes(` ${planted.slice(i, i + 13).join(' ')} `);
      if (!intact) t.cleaned++;
    } else if (doc.item && misses.length < 5) misses.push(`${doc.kind} ${doc.item}: ${JSON.stringify(doc.planted!.slice(0, 160))}`);
    tally.set(doc.kind, t);
  }
  const rate = (k: PlantKind) => tally.get(k)!.rightItem / tally.get(k)!.docs;
  const flaggedShare = (k: PlantKind) => tally.get(k)!.flagged / tally.get(k)!.docs;
  const planted = ['verbatim', 'reformatted', 'partial'] as const;
  const truePositives = planted.reduce((s, k) => s + tally.get(k)!.rightItem, 0);
  const falsePositives = tally.get('near_miss')!.flagged + tally.get('clean')!.flagged;
  console.log('decontaminate on the planted set (n = 13, min_coverage 0.8):');
  for (const [kind, t] of tally) {
    console.log(
      `  ${kind.padEnd(12)} docs ${String(t.docs).padStart(5)}  flagged ${String(t.flagged).padStart(5)}  right item ${String(t.rightItem).padStart(5)}  passage cut ${t.cleaned}`,
    );
  }
  console.log(
    `  recall verbatim ${rate('verbatim').toFixed(4)}, reformatted ${rate('reformatted').toFixed(4)}, partial ${rate('partial').toFixed(4)}`,
  );
  console.log(`  precision ${(truePositives / (truePositives + falsePositives)).toFixed(4)} (${falsePositives} false positives)`);
  if (misses.length > 0) console.log(`  first misses:\n    ${misses.join('\n    ')}`);
  // how close the near misses come: their best coverage of a test item's field, against the 0.8 default
  const probe = decontaminateStep(index, { action: 'remove_spans', min_remaining_words: 0, min_coverage: 0 });
  let closest = 0;
  for (const doc of docs.filter((d) => d.kind === 'near_miss')) {
    const found = probe.apply({ id: doc.id, text: doc.text, metadata: {} });
    const best = ('dropped' in found ? [] : ((found.metadata.contamination as { coverage: number }[] | undefined) ?? []))[0];
    if (best) closest = Math.max(closest, best.coverage);
  }
  console.log(`  closest GSM8K-train item: ${(closest * 100).toFixed(1)} % of a test item's field covered (flagged from ${0.8 * 100} %)`);
  assert.ok(closest < 0.8);

  assert.ok(rate('verbatim') >= 0.99, `verbatim recall ${rate('verbatim')}`);
  assert.ok(rate('reformatted') >= 0.95, `reformatted recall ${rate('reformatted')}`);
  assert.ok(rate('partial') >= 0.95, `partial recall ${rate('partial')}`);
  assert.equal(flaggedShare('near_miss'), 0, 'a GSM8K-train item was taken for a test item');
  assert.equal(flaggedShare('clean'), 0, 'clean real text was flagged');
  // remove_spans cut the passages it found (a reformatted answer's unmatched tail may stay, rarely)
  for (const k of planted) assert.ok(tally.get(k)!.cleaned >= 0.99 * tally.get(k)!.rightItem, `${k}: found passages left in place`);
});
