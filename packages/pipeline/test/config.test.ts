import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, applyOverrides } from '@anneal/core';
import { inputSources, resolvePipeline } from '@anneal/pipeline';

const minimal = () => ({
  input: { paths: ['datasets/sample/*.jsonl.gz'], format: 'jsonl', text_key: 'text', id_key: 'id' },
  output: { path: 'out/sample', format: 'jsonl' },
  workers: 2,
  on_error: 'skip',
  steps: [{ normalize: {} }],
});

test('the minimal pipeline of the foundation issue resolves with defaults filled in', () => {
  const p = resolvePipeline(minimal());
  assert.deepEqual(inputSources(p)[0]!.paths, ['datasets/sample/*.jsonl.gz']);
  assert.equal(p.output.parquet_codec, 'zstd');
  assert.deepEqual(p.steps, [
    { name: 'normalize', options: { form: 'NFC', strip_control: true, trim_line_ends: true, collapse_whitespace: false, drop_empty: true } },
  ]);
});

test('a bad config lists every problem with its key path', () => {
  const raw = {
    input: { paths: [], format: 'csv', txt_key: 'x' },
    output: { format: 'xml' },
    workers: 0,
    on_error: 'ignore',
    steps: [{ normalize: { form: 'NFD' } }, { dedup_magic: {} }, { normalize: {}, length: {} }, { length: { min_chars: -1 } }],
  };
  try {
    resolvePipeline(raw);
    assert.fail('expected a ConfigError');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /^invalid pipeline config \(\d+ problems\):/);
    const text = err.problems.join('\n');
    for (const path of [
      'input.paths',
      'input.format',
      'input: Unrecognized key: "txt_key"',
      'output.path',
      'output.format',
      'workers',
      'on_error',
      'steps.0.normalize.form',
      'steps.1: unknown step "dedup_magic"',
      'steps.2: each step is a map with exactly one key',
      'steps.3.length.min_chars',
    ]) {
      assert.ok(text.includes(path), `missing "${path}" in:\n${text}`);
    }
  }
});

test('--set overrides any key, including step options by index', () => {
  const doc = applyOverrides(minimal(), [
    'workers=4',
    'steps.0.form=NFKC',
    'output.format=parquet',
    'input.paths=[a.jsonl, b.jsonl]',
    'steps.1.length.min_chars=10',
  ]);
  const p = resolvePipeline(doc);
  assert.equal(p.workers, 4);
  assert.equal(p.output.format, 'parquet');
  assert.deepEqual(inputSources(p)[0]!.paths, ['a.jsonl', 'b.jsonl']);
  assert.equal(p.steps[0]!.options.form, 'NFKC');
  assert.deepEqual(p.steps[1], { name: 'length', options: { min_chars: 10 } });
  assert.throws(() => applyOverrides(minimal(), ['workers']), /expected key.path=value/);
});

test('when: restricts a per-document step to matching metadata; others pass through counted', async () => {
  const { createStep } = await import('@anneal/pipeline');
  const { runStepsInMemory } = await import('@anneal/core');
  const p = resolvePipeline({ ...minimal(), steps: [{ length: { min_words: 3, when: { domain: ['web', null] } } }] });
  assert.deepEqual(p.steps[0]!.when, { domain: ['web', null] });
  const docs = [
    { id: 'a', text: 'too short', metadata: { domain: 'web' } },
    { id: 'b', text: 'too short', metadata: { domain: 'code' } },
    { id: 'c', text: 'too short', metadata: {} },
    { id: 'd', text: 'long enough here', metadata: { domain: 'web' } },
  ];
  const { docs: out, ledger } = await runStepsInMemory(docs, [createStep(p.steps[0]!)]);
  assert.deepEqual(
    out.map((d) => d.id),
    ['b', 'd'],
  );
  assert.deepEqual(ledger[1], { ...ledger[1]!, in: 4, out: 2, dropped: { too_few_words: 2 } });
  assert.throws(() => resolvePipeline({ ...minimal(), steps: [{ length: { when: { domain: {} } } }] }), /steps\.0\.length\.when\.domain/);
});
