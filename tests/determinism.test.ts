import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUTPUT_FORMATS } from '@anneal/io';
import { runPipeline } from '@anneal/cli';
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
    assert.ok([...one!.keys()].some((k) => k.startsWith('errors/')), 'the run met bad records');
    for (const [name, bytes] of one!) assert.ok(bytes.equals(two!.get(name)!), `${format}: ${name} differs between 1 and 2 workers`);
  }
});
