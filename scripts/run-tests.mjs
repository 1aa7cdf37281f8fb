#!/usr/bin/env node
// Runs every compiled test file (unit tests in packages/*/dist/test, cross-package tests in
// tests/dist) with node's test runner, then prints one closing summary line with counts.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesBelow } from './lib/files-below.mjs';

const findTests = (dir) => filesBelow(dir, '.test.js');

const filter = process.argv.slice(2);
let files = [...readdirSync('packages').flatMap((p) => findTests(join('packages', p, 'dist', 'test'))), ...findTests(join('tests', 'dist'))].sort();
if (filter.length > 0) files = files.filter((f) => filter.some((x) => f.includes(x)));

// tokenize runs keep compiled tokenizers in a cache (packages/tokenizer/src/tokenizer-cache.ts): the
// tests' go to a folder of this run, not the user's ~/.cache
const testCache = process.env.ANNEAL_CACHE_DIR ? undefined : mkdtempSync(join(tmpdir(), 'anneal-test-cache-'));
if (testCache) process.env.ANNEAL_CACHE_DIR = testCache;

const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output += chunk.toString();
});
child.on('close', (code) => {
  // the runner's own totals ("ℹ pass 12"); failure details may follow them, so take the last match
  const count = (label) => {
    const all = [...output.matchAll(new RegExp(`^ℹ ${label} (\\d+)$`, 'gm'))];
    return all.length > 0 ? Number(all[all.length - 1][1]) : 0;
  };
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const skipped = count('skipped') + count('todo');
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (testCache) rmSync(testCache, { recursive: true, force: true });
  process.exit(code ?? 1);
});
