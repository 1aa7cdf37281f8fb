import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempDir } from './support/harness.js';

// `input:` as a list of sources, each with its own paths, keys and metadata (datatrove's
// default_metadata, Dolma's per-source attributes): files without a domain field get their domain
// from the source that reads them, and the source's name is kept as metadata.source.

const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function outputDocs(out: string): Promise<{ id: string; text: string; [k: string]: unknown }[]> {
  const docs = [];
  for (const f of (await readdir(out)).filter((n) => /^\d{5}\.jsonl$/.test(n)).sort()) {
    for (const line of (await readFile(join(out, f), 'utf8')).split('\n')) if (line) docs.push(JSON.parse(line));
  }
  return docs;
}

test("several input sources: each its own paths, text key and metadata; the source name is kept; a document's own value wins over the source default", async () => {
  const dir = await tempDir('sources');
  await mkdir(join(dir, 'in'));
  await writeFile(
    join(dir, 'in', 'web.jsonl'),
    jsonl([
      { id: 'w1', text: 'a web page' },
      { id: 'w2', text: 'another page', domain: 'encyclopedic' },
    ]),
  );
  await writeFile(join(dir, 'in', 'math.jsonl'), jsonl([{ id: 'm1', text: '1 + 1 = 2' }]));
  await writeFile(
    join(dir, 'in', 'code.jsonl'),
    jsonl([
      { id: 'c1', content: 'def f():\n    return 1\n' },
      { id: 'c2', text: 'no content field' },
    ]),
  );
  const out = join(dir, 'out');
  await writeFile(
    join(dir, 'p.yaml'),
    [
      'input:',
      `  - { name: crawl, paths: ["${dir}/in/web.jsonl"], metadata: { domain: web, license: cc-by } }`,
      `  - { name: gsm, paths: ["${dir}/in/math.jsonl"], metadata: { domain: math } }`,
      `  - { name: stack, paths: ["${dir}/in/code.jsonl"], text_key: content, metadata: { domain: code } }`,
      `output: { path: ${out} }`,
      'workers: 1',
      'steps:',
      '  - normalize: {}',
      '',
    ].join('\n'),
  );
  const r = runCli(['run', join(dir, 'p.yaml'), '--no-progress']);
  assert.equal(r.code, 0, r.stderr);
  const docs = new Map((await outputDocs(out)).map((d) => [d.id, d]));
  assert.deepEqual([...docs.keys()].sort(), ['c1', 'm1', 'w1', 'w2']);
  assert.equal(docs.get('w1')!.domain, 'web');
  assert.equal(docs.get('w1')!.license, 'cc-by');
  assert.equal(docs.get('w1')!.source, 'crawl');
  assert.equal(docs.get('w2')!.domain, 'encyclopedic', "the document's own domain wins over the source's default");
  assert.equal(docs.get('m1')!.domain, 'math');
  assert.equal(docs.get('m1')!.source, 'gsm');
  assert.equal(docs.get('c1')!.domain, 'code');
  assert.equal(docs.get('c1')!.text, 'def f():\n    return 1\n', 'the code source reads its own text key');
  // the code source's record without its text key is an error naming the file and line, counted
  const stats = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8')) as { documents_in: number; errors: number };
  assert.equal(stats.documents_in, 5);
  assert.equal(stats.errors, 1);
  const errors = await readFile(join(out, 'errors', '00002.jsonl'), 'utf8').catch(async () =>
    (await Promise.all((await readdir(join(out, 'errors'))).map((f) => readFile(join(out, 'errors', f), 'utf8')))).join(''),
  );
  assert.match(errors, /code\.jsonl", ?"line":2/);

  // `anneal stats --by domain` sees the domains the sources gave
  const s = runCli(['stats', out, '--by', 'domain']);
  assert.equal(s.code, 0, s.stderr);
  for (const d of ['web', 'math', 'code', 'encyclopedic']) assert.match(s.stdout, new RegExp(`\\b${d}\\b`));
});

test('a file matched by two sources is refused naming both; a list source without a name is a config error', async () => {
  const dir = await tempDir('sources-bad');
  await writeFile(join(dir, 'a.jsonl'), jsonl([{ id: 'a', text: 'x' }]));
  await writeFile(
    join(dir, 'twice.yaml'),
    `input:\n  - { name: one, paths: ["${dir}/*.jsonl"] }\n  - { name: two, paths: ["${dir}/a.jsonl"] }\noutput: { path: ${dir}/out }\n`,
  );
  const twice = runCli(['run', join(dir, 'twice.yaml'), '--no-progress']);
  assert.notEqual(twice.code, 0);
  assert.match(twice.stderr, /a\.jsonl is matched by two input sources \("one" and "two"\)/);
  await writeFile(join(dir, 'unnamed.yaml'), `input:\n  - { paths: ["${dir}/a.jsonl"] }\noutput: { path: ${dir}/out2 }\n`);
  const unnamed = runCli(['validate', join(dir, 'unnamed.yaml')]);
  assert.equal(unnamed.code, 2, unnamed.stderr);
  assert.match(unnamed.stderr, /input\.0\.name/);
});
