import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STEP_CATALOG, createStep, resolvePipeline, stepDefinition, unregisteredStepNames } from '@anneal/pipeline';

// The catalog (names, summaries, options schemas) and the registry (factories) are two files so that
// checking a config loads no step's code; these keep them naming the same steps.

test('every step of the catalog has a factory, and every factory a catalog entry', () => {
  assert.deepEqual(unregisteredStepNames(), []);
  assert.ok(STEP_CATALOG.length >= 15, `${STEP_CATALOG.length} steps`);
  assert.equal(new Set(STEP_CATALOG.map((e) => e.name)).size, STEP_CATALOG.length, 'no name twice');
  assert.equal(stepDefinition('no_such_step'), undefined);
});

test('a step resolved from the catalog is built by its factory with the options its schema parsed', () => {
  const pipeline = resolvePipeline({
    input: { paths: ['in/*.jsonl'] },
    output: { path: 'out' },
    steps: [{ length: { min_chars: 3 } }, { normalize: { collapse_whitespace: true } }],
  });
  const [length, normalize] = pipeline.steps.map((s) => createStep(s));
  assert.equal(length!.name, 'length');
  assert.equal(normalize!.name, 'normalize');
  assert.equal(stepDefinition('dedup_exact')?.global, true);
  assert.equal(stepDefinition('classify')?.perDocument, false);
});
