import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planRunStages, resolvePipeline, runPipeline } from '@anneal/pipeline';

// A library user runs a pipeline through @anneal/pipeline alone: no CLI, no child process.
test('a pipeline runs through the package API: plan, run, outputs and stats.json', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-pipeline-api-'));
  const docs = [
    { id: 'a', text: 'The cat sat on the mat and looked at the door of the house.' },
    { id: 'b', text: 'The cat sat on the mat and looked at the door of the house.' },
    { id: 'c', text: 'short' },
  ];
  await writeFile(join(dir, 'in.jsonl'), docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const config = {
    input: { paths: [join(dir, 'in.jsonl')] },
    output: { path: join(dir, 'out') },
    workers: 1,
    steps: [{ normalize: {} }, { length: { min_words: 3 } }, { dedup_exact: {} }],
  };
  await writeFile(join(dir, 'p.yaml'), JSON.stringify(config));

  const stages = planRunStages({ ...resolvePipeline(config), tasks: 1 }, 1);
  assert.ok(stages.length > 1, 'dedup_exact splits the run into stages');
  const outcome = await runPipeline({ configPath: join(dir, 'p.yaml'), progress: false, logErrors: false });
  assert.equal(outcome.tasks, 1);
  assert.ok(outcome.stats);
  assert.equal(outcome.stats.documents_in, 3);
  assert.equal(outcome.stats.documents_out, 1);
  const written = (await readFile(join(dir, 'out', '00000.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string });
  assert.deepEqual(
    written.map((d) => d.id),
    ['a'],
  );
  const stats = JSON.parse(await readFile(join(dir, 'out', 'stats.json'), 'utf8')) as { documents_out: number };
  assert.equal(stats.documents_out, 1);
});
