import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCorpusStats } from '@anneal/stats';
import { corpusReportModel, readReportSource, renderHtmlReport, runReportModel } from '../src/index.js';
import { writeGeneratedRun } from './generated-run.js';

test('saved `anneal stats --json` output reads back as the same statistics and renders the same page', async () => {
  const root = await mkdtemp(join(tmpdir(), 'anneal-report-source-'));
  const run = await writeGeneratedRun(root);
  const stats = await computeCorpusStats([run.runDir]);
  const saved = join(root, 'stats-out.json');
  await writeFile(saved, JSON.stringify(stats, null, 2));
  const source = await readReportSource(saved);
  assert.equal(source.kind, 'corpus');
  assert.deepEqual(source.kind === 'corpus' && source.stats, stats);
  assert.equal(renderHtmlReport(corpusReportModel(source.kind === 'corpus' ? source.stats : stats)), renderHtmlReport(corpusReportModel(stats)));
});

test('a pipeline stats.json reads as drop reasons per step', async () => {
  const root = await mkdtemp(join(tmpdir(), 'anneal-report-source-'));
  const run = await writeGeneratedRun(root);
  const source = await readReportSource(join(run.runDir, 'stats.json'));
  assert.equal(source.kind, 'run');
  if (source.kind !== 'run') return;
  assert.deepEqual(
    source.run.steps.map((s) => [s.step, s.dropped]),
    [
      ['read', {}],
      ['quality_floor', run.dropped.quality_floor],
      ['dedup_exact', run.dropped.dedup_exact],
    ],
  );
  const model = runReportModel(source.run);
  const chart = model.sections[0]!.charts[0]!;
  assert.deepEqual(chart.labels.slice().sort(), ['exact_duplicate', 'no_quality', 'quality_below_floor']);
});

test('files that are not statistics are refused on one line naming the file and the key paths at fault', async () => {
  const root = await mkdtemp(join(tmpdir(), 'anneal-report-source-'));
  const write = async (name: string, text: string) => {
    const p = join(root, name);
    await writeFile(p, text);
    return p;
  };
  const truncated = await write('truncated.json', '{"version": 1, "domains": [');
  await assert.rejects(readReportSource(truncated), (e: Error) => e.message.startsWith(`${truncated}: not valid JSON (`));
  const other = await write('other.json', '[1, 2]');
  await assert.rejects(readReportSource(other), new RegExp(`${other}: neither \`anneal stats --json\` output`));
  const wrongVersion = await write(
    'v2.json',
    JSON.stringify({
      version: 2,
      domains: [],
      inputs: [],
      group_by: 'domain',
      token_counting: { estimated: true, method: 'x' },
      totals: { documents: 0, bytes: 0, tokens: 0, read_errors: 0 },
      read_errors: [],
    }),
  );
  await assert.rejects(readReportSource(wrongVersion), /v2\.json: not a valid anneal stats --json file: version: Invalid input: expected 1$/);
  const badLedger = await write(
    'stats.json',
    JSON.stringify({
      documents_in: 3,
      documents_out: 2,
      dropped: 1,
      errors: 0,
      steps: [{ name: 'read', in: 3, out: 2, errors: 0, dropped: { short: -1 } }],
    }),
  );
  await assert.rejects(readReportSource(badLedger), (e: Error) => {
    assert.match(e.message, /stats\.json: not a valid pipeline stats\.json: steps\.0\.dropped\.short: /);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
  await assert.rejects(readReportSource(join(root, 'absent.json')), /absent\.json: cannot read \(ENOENT\)/);
});
