import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@anneal/core';
import { arraySpec, resolvePipeline } from '@anneal/pipeline';

const pipeline = (executor: unknown) => ({ input: { paths: ['in/*.jsonl'] }, output: { path: 'out' }, executor });

test('sbatch --array lists compress runs of task indices', () => {
  assert.equal(arraySpec([0, 1, 2, 3]), '0-3');
  assert.equal(arraySpec([2]), '2');
  assert.equal(arraySpec([7, 1, 3, 5, 6, 0]), '0-1,3,5-7');
});

test('an executor block resolves with defaults, and its mistakes are config errors naming the key', () => {
  const p = resolvePipeline(pipeline({ type: 'slurm', partition: 'cpu', max_parallel: 8 }));
  assert.deepEqual(p.executor, { type: 'slurm', partition: 'cpu', max_parallel: 8, cpus_per_task: 1, sbatch_lines: [], env: {}, poll_seconds: 5 });
  assert.equal(resolvePipeline(pipeline(undefined)).executor, undefined, 'absent: local, and config.yaml stays as before');
  assert.throws(
    () => resolvePipeline(pipeline({ type: 'kubernetes' })),
    (e: unknown) => e instanceof ConfigError && /executor\.type/.test(e.message),
  );
  assert.throws(
    () => resolvePipeline(pipeline({ type: 'slurm', max_parallel: 0 })),
    (e: unknown) => e instanceof ConfigError && /executor\.max_parallel/.test(e.message),
  );
  assert.throws(
    () => resolvePipeline(pipeline({ type: 'slurm', env: { 'BAD-NAME': 'x' } })),
    (e: unknown) => e instanceof ConfigError && /executor\.env/.test(e.message),
  );
  assert.throws(
    () => resolvePipeline(pipeline({ type: 'slurm', nodes: 4 })),
    (e: unknown) => e instanceof ConfigError && /executor/.test(e.message),
  );
});
