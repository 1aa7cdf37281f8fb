import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ledgerImbalances, type RunStats } from '@anneal/core';
import { annealBin, repoRoot, tempDir, writePipeline } from './support/harness.js';

// One valid 20 MB document through every per-document filter step, in a child `anneal run` whose
// peak RSS GNU time reports. Before the steps' memory was bounded, gopher_repetition alone took
// 1.7-2.5 GB on such a document (a string per n-gram); the whole run now peaks near 500 MB.
// docs/memory-bounds-steps.md states each step's bound.
const TIME = '/usr/bin/time';
const skip = existsSync(TIME) ? false : `${TIME} not found (GNU time reports the child's peak RSS); skipped`;

const DOC_BYTES = 20_000_000;
/**
 * The whole run: Node, the reader and writer with the 20 MB line (~240 MB with no step at all), eld's
 * model (~150 MB), and the largest step's tables (gopher_repetition, ~190 MB); with room for the GC.
 */
const MAX_RSS_MB = 900;

/** Seeded words in lines of 12: no line or paragraph repeats, so every rule has to count n-grams. */
function generatedDocument(): string {
  const vocabulary =
    'the of and to a in that is was he for it with as his on be at by had not are but from or have an they which one you were all her she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(
      ' ',
    );
  let seed = 20;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const lines: string[] = [];
  let bytes = 0;
  while (bytes < DOC_BYTES) {
    const line = Array.from({ length: 12 }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ') + '.';
    lines.push(line);
    bytes += line.length + 1;
  }
  return lines.join('\n');
}

test(`a 20 MB document through every filter step: exit 0, stats balance, peak RSS under ${MAX_RSS_MB} MB`, { skip }, async (t) => {
  const dir = await tempDir('hostile-steps');
  const input = join(dir, 'big.jsonl');
  writeFileSync(input, JSON.stringify({ id: 'big', text: generatedDocument() }) + '\n');
  // score_into: every filter sees the document (none drops it before the next one looks)
  const cfg = await writePipeline(
    dir,
    `input: { paths: ["${input}"] }
output: { path: ${dir}/out, format: jsonl }
workers: 1
steps:
  - normalize: { collapse_whitespace: true }
  - length: { min_words: 1 }
  - language: { annotate_only: true }
  - gopher_quality: { score_into: gopher_quality_pass }
  - gopher_repetition: { score_into: gopher_repetition_pass }
  - c4: { score_into: c4_pass }
  - fineweb: { score_into: fineweb_pass }
`,
  );
  const r = spawnSync(TIME, ['-f', 'maxrss_kb=%M', process.execPath, annealBin, 'run', cfg, '--no-progress'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const peakMb = Number(/maxrss_kb=(\d+)/.exec(r.stderr)![1]) / 1024;
  const stats = JSON.parse(await readFile(join(dir, 'out', 'stats.json'), 'utf8')) as RunStats;
  assert.deepEqual(ledgerImbalances(stats), []);
  assert.equal(stats.documents_in, 1);
  assert.equal(stats.documents_out, 1, 'score_into steps drop nothing');
  assert.equal(stats.errors, 0);
  const out = JSON.parse((await readFile(join(dir, 'out', '00000.jsonl'), 'utf8')).trim()) as Record<string, unknown>;
  for (const key of ['gopher_quality_pass', 'gopher_repetition_pass', 'c4_pass', 'fineweb_pass']) assert.ok(out[key] === 0 || out[key] === 1, key);
  t.diagnostic(
    `peak RSS ${peakMb.toFixed(0)} MB for a ${DOC_BYTES / 1e6} MB document; verdicts: ${['gopher_quality_pass', 'gopher_repetition_pass', 'c4_pass', 'fineweb_pass'].map((k) => `${k}=${String(out[k])}`).join(' ')}`,
  );
  assert.ok(peakMb < MAX_RSS_MB, `peak RSS ${peakMb.toFixed(0)} MB, bound ${MAX_RSS_MB} MB`);
});
