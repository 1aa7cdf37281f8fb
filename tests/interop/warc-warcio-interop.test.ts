import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDocuments } from '@anneal/io';
import { repoRoot } from '../support/harness.js';

// Python's warcio (webrecorder) is the independent reader the WARC reader is checked against.
const warcDir = join(repoRoot, '..', 'shared', 'datasets', 'web', 'warc');
const oracle = fileURLToPath(new URL('../../interop/warcio_html_responses.py', import.meta.url));
const probe = spawnSync('python3', ['-c', 'import warcio'], { encoding: 'utf8' });
const skip = !existsSync(warcDir)
  ? `${warcDir} is absent (see the datasets README); WARC interop test skipped`
  : probe.status !== 0
    ? 'python3 with warcio is not installed (pip install warcio); WARC interop test skipped'
    : false;

test('every WARC in shared/datasets/web/warc: the HTML responses warcio reads, the damaged ones as errors with file and offset', {
  skip,
}, async (t) => {
  const files = readdirSync(warcDir)
    .filter((f) => /\.(warc|arc)(\.gz)?$/.test(f))
    .sort();
  const run = spawnSync('python3', [oracle, ...files.map((f) => join(warcDir, f))], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const expected = JSON.parse(run.stdout) as Record<string, { ids: string[]; failed: string | null }>;
  for (const name of files) {
    const ids: string[] = [];
    const errors: string[] = [];
    const source = readDocuments(join(warcDir, name), { displayPath: name });
    for await (const item of source.records) {
      if (item.error) {
        errors.push(item.error.message);
        assert.equal(item.error.location.file, name);
        assert.equal(typeof item.error.location.offset, 'number', `${name}: the error gives a byte offset: ${item.error.message}`);
      } else ids.push(item.doc.id);
    }
    const want = expected[name]!;
    t.diagnostic(
      `${name}: warcio ${want.ids.length} HTML response(s)${want.failed ? ' then gave up' : ''}; anneal ${ids.length} document(s), ${errors.length} error(s), skipped ${JSON.stringify(source.skipped?.())}`,
    );
    if (want.failed === null) {
      // ARC records have no id; warcio's arc2warc makes up a random one, so ARC files compare by count
      if (name.includes('.arc')) assert.equal(ids.length, want.ids.length, name);
      else assert.deepEqual(ids, want.ids, `${name}: the same HTML responses as warcio`);
    } else {
      // A file warcio gives up on: every response it could read is kept, and the damage is an error.
      for (const id of want.ids) assert.ok(ids.includes(id), `${name}: keeps ${id}, which warcio read`);
      assert.ok(errors.length > 0, `${name}: damage reported (warcio: ${want.failed})`);
    }
  }
});
