import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ledgerImbalances, type RunStats } from '@anneal/core';
import { repoRoot, runCli, tempDir } from './support/harness.js';

const warcDir = join(repoRoot, '..', 'shared', 'datasets', 'web', 'warc');
const skip = existsSync(warcDir) ? false : `${warcDir} is absent (see the datasets README); web pipeline test skipped`;

test('pipelines/web.yaml runs on shared/datasets/web/warc: record kinds counted as read drops, damaged files as errors with offsets, the ledger balanced', {
  skip,
}, async () => {
  const out = await tempDir('web-pipeline');
  const run = runCli(['run', 'pipelines/web.yaml', '--set', `output.path=${out}`, '--no-progress']);
  assert.equal(run.code, 0, run.stderr);
  const stats = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8')) as {
    documents_in: number;
    errors: number;
    steps: { name: string; in: number; out: number; dropped: Record<string, number>; errors: number }[];
  };
  const read = stats.steps[0]!;
  // the HTML responses warcio reads in these files (tests/interop/warc-warcio-interop.test.ts), one per file
  assert.equal(read.out, 6);
  assert.deepEqual(read.dropped, { warc_non_html: 3, warc_request: 16, warc_resource: 1, warc_revisit: 3, warc_warcinfo: 11 });
  assert.equal(read.errors, 3, 'trunc, wrong-chunks, bad-non-chunked');
  // every step balances (in = out + dropped + errors), each takes in what the one before gave out, and so does the run
  assert.deepEqual(ledgerImbalances(stats as unknown as RunStats), []);
  assert.equal(stats.steps[1]!.name, 'extract');
  assert.deepEqual(
    stats.steps.map((s) => s.name),
    [
      'read',
      'extract',
      'url_filter',
      'language',
      'gopher_repetition',
      'gopher_quality',
      'c4',
      'fineweb',
      'normalize',
      'dedup_exact',
      'dedup_minhash',
    ],
  );
  const errorFiles = await readdir(join(out, 'errors'));
  const errors = (await Promise.all(errorFiles.map((f) => readFile(join(out, 'errors', f), 'utf8'))))
    .join('')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { file: string; offset: number; reason: string });
  assert.equal(errors.length, 3);
  for (const e of errors) {
    assert.match(e.file, /example-(trunc\.warc|wrong-chunks\.warc\.gz|bad-non-chunked\.warc\.gz)$/);
    assert.equal(typeof e.offset, 'number');
  }
});
