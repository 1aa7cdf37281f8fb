import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRng } from '@anneal/core';
import { computeCorpusStats, formatCorpusStatsTable } from '../src/index.js';

async function shardDir(name: string, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `anneal-stats-${name}-`));
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(join(dir, rel, '..'), { recursive: true });
    await writeFile(join(dir, rel), content);
  }
  return dir;
}

const line = (o: Record<string, unknown>) => JSON.stringify(o) + '\n';

test('per-domain counts, bytes, estimated tokens and shares; quantiles from fixed bins; dup_count buckets; languages', async () => {
  const rows: string[] = [];
  // web: 1000 documents of 40 bytes (10 estimated tokens), quality i/1000 for i = 0..999
  for (let i = 0; i < 1000; i++)
    rows.push(line({ id: `w${i}`, text: 'x'.repeat(40), domain: 'web', quality: i / 1000, dup_count: (i % 5) + 1, language: i < 900 ? 'en' : 'fr' }));
  // math: 10 documents of 400 bytes (100 tokens), no quality, no dup_count
  for (let i = 0; i < 10; i++) rows.push(line({ id: `m${i}`, text: 'y'.repeat(400), domain: 'math' }));
  // unlabelled: domain absent or empty → "unknown", the name token shards use
  rows.push(line({ id: 'u0', text: 'z'.repeat(8) }), line({ id: 'u1', text: 'z'.repeat(8), domain: '' }));
  const dir = await shardDir('stats', { '00000.jsonl': rows.slice(0, 600).join(''), '00001.jsonl': rows.slice(600).join('') });

  const s = await computeCorpusStats([dir]);
  assert.deepEqual(s.totals, { documents: 1012, bytes: 40000 + 4000 + 16, tokens: 10000 + 1000 + 4, read_errors: 0 });
  assert.deepEqual(s.token_counting, { estimated: true, method: 'estimate: ceil(utf8 bytes / 4)' });
  assert.deepEqual(
    s.domains.map((d) => [d.domain, d.documents, d.tokens]),
    [
      ['web', 1000, 10000],
      ['math', 10, 1000],
      ['unknown', 2, 4],
    ],
  );
  const web = s.domains[0]!;
  assert.equal(web.token_share, 10000 / 11004);
  assert.equal(web.tokens_estimated, true);
  // nearest-rank quantiles of 0.000..0.999: p10 = 0.099, p50 = 0.499, p90 = 0.899, reported to the fine bin's centre (±0.0005)
  assert.ok(Math.abs(web.quality.p10! - 0.099) <= 0.0005 + 1e-12, String(web.quality.p10));
  assert.ok(Math.abs(web.quality.p50! - 0.499) <= 0.0005 + 1e-12, String(web.quality.p50));
  assert.ok(Math.abs(web.quality.p90! - 0.899) <= 0.0005 + 1e-12, String(web.quality.p90));
  assert.equal(web.quality.histogram.counts.length, 20);
  assert.deepEqual(web.quality.histogram.counts, new Array(20).fill(50));
  assert.equal(web.quality.histogram.edges[1], 0.05);
  assert.deepEqual(
    web.dup_count.buckets.map((b) => [b.label, b.documents]),
    [
      ['1', 200],
      ['2', 200],
      ['3-4', 400],
      ['5-8', 200],
    ],
  );
  assert.equal(web.dup_count.represented_documents, 200 * (1 + 2 + 3 + 4 + 5));
  assert.deepEqual(web.languages, [
    { language: 'en', documents: 900, share: 0.9 },
    { language: 'fr', documents: 100, share: 0.1 },
  ]);
  assert.equal(web.length_tokens.p50, 10);
  assert.deepEqual(web.length_tokens.histogram.counts.slice(0, 5), [0, 0, 0, 1000, 0]); // [8, 16)
  const math = s.domains[1]!;
  assert.equal(math.quality.documents, 0);
  assert.equal(math.quality.missing, 10);
  assert.equal(math.quality.p50, null);
  assert.equal(math.dup_count.missing, 10);
  assert.equal(math.samples.length, 3);
  assert.equal(s.run, undefined, 'no stats.json, no drop reasons');
  const table = formatCorpusStatsTable(s);
  assert.match(table, /tokens~ = estimated/);
  assert.match(table, /^web +1,000 +39\.1 KiB +10,000 +90\.9%/m);
});

test('samples per domain are the same whatever the shard layout, text is kept raw and truncated', async () => {
  const rng = new SeededRng(1, 'samples');
  const docs = Array.from({ length: 200 }, (_, i) => ({ id: `d${i}`, text: `<b>${'a'.repeat(rng.int(10, 2000))}</b>`, domain: 'web' }));
  const one = await shardDir('samples1', { 'a.jsonl': docs.map(line).join('') });
  const three = await shardDir('samples3', {
    'a.jsonl': docs.slice(0, 50).map(line).join(''),
    'b.jsonl': docs.slice(50, 120).map(line).join(''),
    'c.jsonl': docs.slice(120).map(line).join(''),
  });
  const a = await computeCorpusStats([one], { samplesPerDomain: 5 });
  const b = await computeCorpusStats([three], { samplesPerDomain: 5 });
  assert.deepEqual(
    a.domains[0]!.samples.map((x) => x.id),
    b.domains[0]!.samples.map((x) => x.id),
  );
  for (const x of a.domains[0]!.samples) {
    assert.ok(x.text.startsWith('<b>'), "stats keep raw text; escaping is the renderer's job");
    assert.equal(x.truncated, x.text.length === 1000);
  }
});

test('bad records are counted and named by file and line, never silently lost; a run directory brings its drop reasons', async () => {
  const dir = await shardDir('bad', {
    '00000.jsonl':
      line({ id: 'a', text: 'hello there', domain: 'web' }) + '{"id": "b", "text": broken\n' + line({ id: 'c', text: 'more text', domain: 'web' }),
    'stats.json': JSON.stringify({
      documents_in: 5,
      documents_out: 2,
      errors: 1,
      dropped: 2,
      steps: [
        { name: 'read', in: 5, out: 4, dropped: {}, errors: 1, bytes_in: 1, bytes_out: 1 },
        { name: 'gopher_quality', in: 4, out: 2, dropped: { gopher_short_doc: 2 }, errors: 0, bytes_in: 1, bytes_out: 1 },
      ],
    }),
  });
  const s = await computeCorpusStats([dir]);
  assert.equal(s.totals.documents, 2);
  assert.equal(s.totals.read_errors, 1);
  assert.match(s.read_errors[0]!, /00000\.jsonl, line 2: malformed JSON/);
  assert.deepEqual(s.inputs, [join(dir, '00000.jsonl')], 'stats.json beside the shards is not read as a shard');
  assert.deepEqual(
    s.run?.steps.map((x) => [x.step, x.dropped]),
    [
      ['read', {}],
      ['gopher_quality', { gopher_short_doc: 2 }],
    ],
  );
  assert.match(formatCorpusStatsTable(s), /1 bad record\(s\) skipped while reading/);
  await assert.rejects(computeCorpusStats([join(dir, 'nothing-*.jsonl')]), /matched no files/);
});

test('a run directory with config.yaml also gives the domain shares of its inputs before curation', async () => {
  const dir = await shardDir('before', {
    'raw/in.jsonl': line({ id: 'a', text: 'a'.repeat(400), domain: 'web' }) + line({ id: 'b', text: 'b'.repeat(400), domain: 'code' }),
    'out/00000.jsonl': line({ id: 'a', text: 'a'.repeat(400), domain: 'web' }),
    'out/config.yaml': 'input:\n  paths: ["raw/*.jsonl"]\n',
  });
  const s = await computeCorpusStats(['out'], { baseDir: dir });
  assert.deepEqual(s.before_curation, {
    inputs: ['raw/in.jsonl'],
    documents: 2,
    tokens: 200,
    domains: [
      { domain: 'code', tokens: 100, share: 0.5 },
      { domain: 'web', tokens: 100, share: 0.5 },
    ],
  });
  assert.equal((await computeCorpusStats(['out'], { baseDir: dir, beforeCuration: false })).before_curation, undefined);
});

test('stats are the same over JSONL, JSONL.zst, Parquet and Arrow shards of the same documents', async () => {
  const { writeDocuments } = await import('@anneal/io');
  const rng = new SeededRng(4, 'formats');
  const docs = Array.from({ length: 300 }, (_, i) => ({
    id: `f${i}`,
    text: 'word '.repeat(rng.int(1, 300)),
    metadata: { domain: rng.pick(['web', 'code', 'math']), quality: rng.next(), dup_count: rng.int(1, 9), language: rng.pick(['en', 'de']) },
  }));
  const dir = await mkdtemp(join(tmpdir(), 'anneal-stats-formats-'));
  const results = [];
  for (const format of ['jsonl', 'jsonl.zst', 'parquet', 'arrow'] as const) {
    const path = join(dir, `00000.${format}`);
    const w = writeDocuments(path, format);
    for (const d of docs) await w.write(d);
    await w.close();
    const s = await computeCorpusStats([path]);
    assert.equal(s.totals.read_errors, 0, format);
    results.push({ ...s, inputs: [] });
  }
  for (const r of results.slice(1)) {
    assert.deepEqual(
      r.domains.map((d) => ({ ...d, samples: d.samples.map((x) => ({ ...x, file: '' })) })),
      results[0]!.domains.map((d) => ({ ...d, samples: d.samples.map((x) => ({ ...x, file: '' })) })),
    );
  }
});
