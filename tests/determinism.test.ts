import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUTPUT_FORMATS } from '@anneal/io';
import { loadPipeline, planRunStages, runPipeline } from '@anneal/pipeline';
import { generateInputs } from './support/generated-inputs.js';
import { snapshot, tempDir, writePipeline } from './support/harness.js';

test('same config and input give byte-identical outputs with 1 and with 2 workers, in every format', async () => {
  const dir = await tempDir('determinism');
  await generateInputs(dir, { seed: 7, fileCount: 5, docsPerFile: 400, maxWords: 60, badRate: 0.02, parquet: true });
  for (const format of OUTPUT_FORMATS) {
    const outputs = [];
    for (const workers of [1, 2]) {
      const out = join(dir, `out-${format}-${workers}`);
      const cfg = await writePipeline(
        dir,
        `input: { paths: ["${dir}/in-*"] }
output: { path: ${out}, format: ${format}, row_group_rows: 300 }
workers: ${workers}
steps:
  - normalize: {}
  - length: { min_words: 5 }
`,
      );
      const outcome = await runPipeline({ configPath: cfg, progress: false, logErrors: false });
      assert.equal(outcome.ranRanks.length, 5);
      outputs.push(await snapshot(out, (rel) => rel === 'config.yaml'));
    }
    const [one, two] = outputs;
    assert.deepEqual([...one!.keys()], [...two!.keys()], format);
    assert.ok(
      [...one!.keys()].some((k) => k.startsWith('errors/')),
      'the run met bad records',
    );
    for (const [name, bytes] of one!) assert.ok(bytes.equals(two!.get(name)!), `${format}: ${name} differs between 1 and 2 workers`);
  }
});

test('running each rank on its own (--rank R --world-size W, as Slurm array jobs do) gives the same outputs as one local run', async () => {
  const dir = await tempDir('ranks');
  await generateInputs(dir, { seed: 3, fileCount: 5, docsPerFile: 200, maxWords: 40, badRate: 0.02 });
  const cfg = (out: string) =>
    writePipeline(dir, `input: { paths: ["${dir}/in-*"] }\noutput: { path: ${out}, format: jsonl.zst }\nsteps:\n  - normalize: {}\n`);
  const local = join(dir, 'local');
  await runPipeline({ configPath: await cfg(local), worldSize: 3, progress: false, logErrors: false });
  const ranked = join(dir, 'ranked');
  const path = await cfg(ranked);
  for (const rank of [2, 0, 1]) {
    const outcome = await runPipeline({ configPath: path, rank, worldSize: 3, progress: false, logErrors: false });
    assert.deepEqual(outcome.ranRanks, [rank]);
    assert.equal(outcome.stats === undefined, rank !== 1, 'stats.json appears when the last rank completes');
  }
  const a = await snapshot(local, (rel) => rel === 'config.yaml');
  const b = await snapshot(ranked, (rel) => rel === 'config.yaml');
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name)!), name);
  // a re-run skips every completed task
  const again = await runPipeline({ configPath: path, worldSize: 3, progress: false, logErrors: false });
  assert.deepEqual(again.ranRanks, []);
  assert.deepEqual(again.skippedRanks, [0, 1, 2]);
});

test('a multi-stage pipeline run stage by stage and unit by unit (--stage S --rank R, as dependent Slurm arrays) equals one local run', async () => {
  const dir = await tempDir('stages');
  await generateInputs(dir, { seed: 5, fileCount: 3, docsPerFile: 300, maxWords: 40, badRate: 0.02 });
  const cfg = (out: string) =>
    writePipeline(
      dir,
      `input: { paths: ["${dir}/in-*"] }\noutput: { path: ${out}, format: jsonl }\nsteps:\n  - normalize: {}\n  - dedup_exact: {}\n  - dedup_minhash: { bands: 4, rows: 4, threshold: 0.7 }\n`,
    );
  const local = join(dir, 'local');
  await runPipeline({ configPath: await cfg(local), worldSize: 3, progress: false, logErrors: false });
  const staged = join(dir, 'staged');
  const path = await cfg(staged);
  const stages = planRunStages({ ...(await loadPipeline(path)), tasks: 3 }, 3);
  assert.equal(stages.length, 7);
  await assert.rejects(runPipeline({ configPath: path, rank: 0, worldSize: 3, progress: false }), /give --stage with --rank/);
  for (const stage of stages) {
    for (let unit = stage.units - 1; unit >= 0; unit--) {
      await runPipeline({ configPath: path, stage: stage.index, rank: unit, worldSize: 3, progress: false, logErrors: false });
    }
  }
  const a = await snapshot(local, (rel) => rel === 'config.yaml');
  const b = await snapshot(staged, (rel) => rel === 'config.yaml');
  assert.deepEqual([...b.keys()], [...a.keys()]);
  for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name)!), name);
});
