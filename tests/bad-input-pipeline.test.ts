import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ledgerImbalances, type RunStats } from '@anneal/core';
import { repoRoot, runCli, tempDir } from './support/harness.js';
import { setFlags } from './support/cli-arguments.js';

/** `anneal run` of tests/fixtures/bad-input.yaml into `out`, with more `--set` overrides. */
function badInputRunArgs(out: string, ...overrides: string[]): string[] {
  return ['run', 'tests/fixtures/bad-input.yaml', ...setFlags(`output.path=${out}`, ...overrides), '--no-progress'];
}

const expected = JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/bad/expected.json'), 'utf8')) as {
  files: { file: string; good: number; errors: { line?: number; row_group?: number; row?: number }[] }[];
};

test('anneal run over the bad-input corpus with on_error: skip exits 0, balances, and lists every bad record', async () => {
  const out = join(await tempDir('bad'), 'out');
  const r = runCli(badInputRunArgs(out));
  assert.equal(r.code, 0, r.stderr);

  const stats = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8')) as RunStats;
  assert.deepEqual(ledgerImbalances(stats), []);
  const wantGood = expected.files.reduce((s, f) => s + f.good, 0);
  const wantErrors = expected.files.reduce((s, f) => s + f.errors.length, 0);
  assert.equal(stats.documents_out, wantGood);
  assert.equal(stats.errors, wantErrors);
  assert.equal(stats.documents_in, wantGood + wantErrors);

  const errorLines: Record<string, unknown>[] = [];
  for (const name of (await readdir(join(out, 'errors'))).sort()) {
    for (const line of (await readFile(join(out, 'errors', name), 'utf8')).split('\n')) if (line) errorLines.push(JSON.parse(line));
  }
  const got = errorLines.map((e) => `${e.file}|${e.line ?? ''}|${e.row_group ?? ''}|${e.row ?? ''}`).sort();
  const want = expected.files
    .flatMap((f) => f.errors.map((e) => `tests/fixtures/bad/${f.file}|${e.line ?? ''}|${e.row_group ?? ''}|${e.row ?? ''}`))
    .sort();
  assert.deepEqual(got, want);
  for (const e of errorLines) assert.match(String(e.message), /^tests\/fixtures\/bad\/[^:]+(, (line|row group) \d+)?(, row \d+)?: /);

  let shardDocs = 0;
  for (const name of (await readdir(out)).filter((n) => /^\d{5}\.jsonl$/.test(n))) {
    shardDocs += (await readFile(join(out, name), 'utf8')).split('\n').filter(Boolean).length;
  }
  assert.equal(shardDocs, wantGood);
});

test('with on_error: fail the run stops non-zero with the same message the errors file would hold', async () => {
  const out = join(await tempDir('fail'), 'out');
  const r = runCli(badInputRunArgs(out, 'on_error=fail', 'input.paths=[tests/fixtures/bad/malformed-json.jsonl]'));
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'anneal: tests/fixtures/bad/malformed-json.jsonl, line 4: malformed JSON: Unterminated string in JSON at position 43\n');
  // the ownership marker (docs/output-folder.md) and the config; no shard, no stats, no lock left behind
  assert.deepEqual((await readdir(out)).sort(), ['.anneal-run.json', 'config.yaml']);

  const skip = join(await tempDir('skip'), 'out');
  runCli(badInputRunArgs(skip, 'input.paths=[tests/fixtures/bad/malformed-json.jsonl]'));
  const logged = JSON.parse((await readFile(join(skip, 'errors', '00000.jsonl'), 'utf8')).trim()) as { message: string };
  assert.equal(`anneal: ${logged.message}\n`, r.stderr);
});

test('a plain glob over the whole folder (tests/fixtures/bad/*) also exits 0: its README and script are bad input, named and counted', async () => {
  const out = join(await tempDir('bad-glob'), 'out');
  const r = runCli(badInputRunArgs(out, 'input.paths=[tests/fixtures/bad/*]'));
  assert.equal(r.code, 0, r.stderr);
  const stats = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8')) as RunStats;
  assert.deepEqual(ledgerImbalances(stats), []);
  const messages: string[] = [];
  for (const name of await readdir(join(out, 'errors'))) {
    for (const line of (await readFile(join(out, 'errors', name), 'utf8')).split('\n'))
      if (line) messages.push((JSON.parse(line) as { message: string }).message);
  }
  assert.equal(messages.length, stats.errors);
  // every error the corpus is meant to produce is there, plus the files no reader applies to
  for (const f of expected.files)
    for (const e of f.errors) {
      const where =
        e.line !== undefined
          ? `, line ${e.line}`
          : e.row_group !== undefined
            ? `, row group ${e.row_group}${e.row !== undefined ? `, row ${e.row}` : ''}`
            : '';
      assert.ok(
        messages.some((m) => m.startsWith(`tests/fixtures/bad/${f.file}${where}:`)),
        `${f.file}${where} reported`,
      );
    }
  for (const file of ['README.md', 'make-fixtures.py']) {
    assert.ok(
      messages.includes(
        `tests/fixtures/bad/${file}: cannot tell the format from the file name; set input.format (jsonl, parquet, arrow, warc, wet or arc)`,
      ),
      file,
    );
  }
  assert.equal(
    stats.documents_out,
    expected.files.reduce((s, f) => s + f.good, 0),
  );
});
