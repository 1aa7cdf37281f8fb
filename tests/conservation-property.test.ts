import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { ledgerImbalances, type RunStats } from '@anneal/core';
import { runPipeline } from '@anneal/pipeline';
import { countWords, normalizeText } from '@anneal/filters';
import { generateInputs } from './support/generated-inputs.js';
import { tempDir, writePipeline } from './support/harness.js';

test('stats balance exactly for every step and the run, over random inputs, filters and worker counts', async () => {
  const root = await tempDir('conservation');
  let n = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        seed: fc.integer({ min: 0, max: 1_000_000 }),
        fileCount: fc.integer({ min: 1, max: 4 }),
        docsPerFile: fc.integer({ min: 0, max: 120 }),
        badRate: fc.constantFrom(0, 0.05, 0.3),
        minWords: fc.integer({ min: 0, max: 30 }),
        maxWords: fc.integer({ min: 10, max: 80 }),
        workers: fc.integer({ min: 1, max: 3 }),
        tasks: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      }),
      async (p) => {
        const dir = join(root, String(n++));
        await mkdir(dir, { recursive: true });
        const inputs = await generateInputs(dir, { ...p, maxWords: 60, parquet: true });
        const out = join(dir, 'out');
        const cfg = await writePipeline(
          dir,
          `input: { paths: ["${dir}/in-*"] }
output: { path: ${out}, format: jsonl }
workers: ${p.workers}
${p.tasks ? `tasks: ${p.tasks}` : ''}
steps:
  - normalize: {}
  - length: { min_words: ${p.minWords}, max_words: ${p.maxWords} }
`,
        );
        const outcome = await runPipeline({ configPath: cfg, progress: false, logErrors: false });
        const stats = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8')) as RunStats;
        assert.deepEqual(ledgerImbalances(stats), []);
        assert.deepEqual(outcome.stats, stats);

        // Independent expectation, computed from what was generated.
        const all = [...inputs.docs.values()].flat();
        const bad = [...inputs.bad.values()].reduce((s, b) => s + b, 0);
        const kept = all.filter((d) => {
          const text = normalizeText(d.text);
          const words = countWords(text);
          return text.trim().length > 0 && words >= p.minWords && words <= p.maxWords;
        });
        assert.equal(stats.documents_in, all.length + bad);
        assert.equal(stats.errors, bad);
        assert.equal(stats.documents_out, kept.length);
        let lines = 0;
        for (const f of (await readdir(out)).filter((x) => /^\d{5}\.jsonl$/.test(x))) {
          lines += (await readFile(join(out, f), 'utf8')).split('\n').filter(Boolean).length;
        }
        assert.equal(lines, kept.length);
        await rm(dir, { recursive: true, force: true });
      },
    ),
    { numRuns: 12 },
  );
});
