import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCorpusStats, contaminationRows, corpusStatsSchema } from '../src/index.js';

// CorpusStats is inferred from corpusStatsSchema, so what `anneal stats --json` writes must parse back
// unchanged: a field the schema did not know would be stripped here (the report once lost a run's
// decontamination counts this way, and with them its contamination table).
test("saved stats JSON parses back through the schema unchanged, a run step's counts and distinct included", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-stats-schema-'));
  const doc = (id: string, domain: string) =>
    JSON.stringify({ id, text: `${id} `.repeat(50), domain, quality: 0.5, dup_count: 2, language: 'en' }) + '\n';
  await writeFile(join(dir, '00000.jsonl'), doc('a', 'web') + doc('b', 'code') + '{oops\n');
  await writeFile(
    join(dir, 'stats.json'),
    JSON.stringify({
      documents_in: 4,
      documents_out: 2,
      errors: 1,
      dropped: 1,
      steps: [
        { name: 'read', in: 4, out: 3, dropped: {}, errors: 1 },
        {
          name: 'decontaminate',
          in: 3,
          out: 2,
          errors: 0,
          dropped: { contaminated_gsm8k: 1 },
          counts: { 'gsm8k.documents': 2 },
          distinct: { 'gsm8k.items': 3 },
        },
      ],
    }),
  );
  const stats = await computeCorpusStats([dir]);
  assert.deepEqual(contaminationRows(stats.run), [{ set: 'gsm8k', documents: 2, items: 3, dropped: 1 }]);

  const saved: unknown = JSON.parse(JSON.stringify(stats));
  const parsed = corpusStatsSchema.parse(saved);
  assert.deepEqual(parsed, saved);
  assert.deepEqual(contaminationRows(parsed.run), [{ set: 'gsm8k', documents: 2, items: 3, dropped: 1 }]);
  assert.deepEqual(
    corpusStatsSchema.parse({ ...(saved as object), added_later: { x: 1 } }).added_later,
    { x: 1 },
    'unknown top-level keys pass through',
  );
  assert.throws(() => corpusStatsSchema.parse({ ...(saved as object), domains: [{ ...stats.domains[0]!, documents: -1 }] }), /domains/);
});
