import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SeededRng } from '@anneal/core';
import { generateInputs } from './support/generated-inputs.js';
import { runCli, snapshot, startCli, tempDir, writePipeline } from './support/harness.js';

const FINAL_NAME = /^(\d{5}\.jsonl\.gz|stats\.json|config\.yaml|errors\/\d{5}(\.stage\d+)?\.jsonl|stats\/\d{5}\.json|completions\/\d{5}|stages\/.+)$/;
/** Temporary files are dot-files next to their final name, or anything under .tmp/. */
const isTemporary = (rel: string) => rel.startsWith('.tmp') || rel.split('/').some((part) => part.startsWith('.'));

const SINGLE_STAGE = `  - normalize: {}
  - length: { min_words: 20 }
`;
const WITH_DEDUP = `  - normalize: {}
  - dedup_exact: {}
  - dedup_minhash: { threshold: 0.8, bands: 4, rows: 4 }
  - length: { min_words: 20 }
`;

for (const [label, steps, docsPerFile] of [
  ['a single-stage run', SINGLE_STAGE, 6000],
  ['a run with exact and MinHash dedup stages', WITH_DEDUP, 2500],
] as const)
  test(`${label} killed with SIGKILL at random moments and re-run gives byte-identical outputs; no partial file is ever visible`, async (t) => {
    const dir = await tempDir('crash');
    await generateInputs(dir, { seed: 11, fileCount: 8, docsPerFile, maxWords: 150, badRate: 0.01 });
    const pipeline = (out: string) =>
      writePipeline(
        dir,
        `input: { paths: ["${dir}/in-*"] }
output: { path: ${out}, format: jsonl.gz }
workers: 2
steps:
${steps}`,
      ).then((p) => ['run', p, '--no-progress']);

    const refOut = join(dir, 'reference');
    const started = Date.now();
    const ref = runCli(await pipeline(refOut));
    assert.equal(ref.code, 0, ref.stderr);
    const refMs = Date.now() - started;
    // config.yaml names the output folder, which differs between the two runs
    const reference = await snapshot(refOut, (rel) => rel === 'config.yaml');
    assert.ok(reference.has('stats.json'));

    const rng = new SeededRng(2026, 'kill-moments');
    const out = join(dir, 'killed');
    let kills = 0;
    let sawPartialShardsDone = false;
    for (let attempt = 0; attempt < 4; attempt++) {
      const args = await pipeline(out);
      const child = startCli(args);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // within the first half of the reference run's time: a resumed run has less left to do, and one
      // that finishes before its kill moment is not killed (under load, two of four were not)
      const killAt = 100 + rng.next() * refMs * 0.5;
      const t0 = Date.now();
      let running = true;
      void exited.then(() => (running = false));
      // Watch the output folder until the kill: anything under a final name must already be final.
      while (running && Date.now() - t0 < killAt) {
        for (const [name, bytes] of await snapshot(out, (rel) => isTemporary(rel) || rel === 'config.yaml')) {
          assert.match(name, FINAL_NAME, `unexpected file ${name}`);
          const want = reference.get(name);
          assert.ok(want, `${name} exists but not in the reference run`);
          assert.ok(bytes.equals(want), `${name} is visible under its final name before it is complete`);
          if (name.startsWith('completions/')) sawPartialShardsDone = true;
        }
        await new Promise((r) => setTimeout(r, 15));
      }
      if (running) {
        child.kill('SIGKILL');
        kills++;
      }
      await exited;
    }
    const resumed = runCli(await pipeline(out));
    assert.equal(resumed.code, 0, resumed.stderr);
    const final = await snapshot(out, (rel) => rel === 'config.yaml');
    assert.deepEqual([...final.keys()].sort(), [...reference.keys()].sort());
    for (const [name, bytes] of reference) assert.ok(bytes.equals(final.get(name)!), `${name} differs from the uninterrupted run`);
    t.diagnostic(`reference run ${refMs} ms; killed ${kills} times; completed tasks seen before a kill: ${sawPartialShardsDone}`);
    assert.ok(kills >= 2, `the run was killed ${kills} times (reference took ${refMs} ms)`);
  });
