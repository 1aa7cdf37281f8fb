import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annealBin, repoRoot, runCliOk, tempDir } from './support/harness.js';

// The CLI runs an esbuild bundle of the compiled packages (scripts/bundle-cli.mjs; `npm test`
// builds it before the tests, so every CLI test here runs the bundle). These hold the bundle to
// what the packages expect of it and bin/anneal.js to running it only while it is current.

const bundleDir = join(repoRoot, 'packages', 'cli', 'dist', 'bundle');

test('every module a package starts as a worker or child process is an entry of the bundle, beside its chunks', () => {
  assert.ok(existsSync(join(bundleDir, 'built-from.json')), 'npm test bundles the CLI before the tests');
  const spawned: string[] = [];
  for (const pkg of readdirSync(join(repoRoot, 'packages'))) {
    const src = join(repoRoot, 'packages', pkg, 'src');
    for (const file of readdirSync(src, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts')) continue;
      for (const m of readFileSync(join(src, file), 'utf8').matchAll(/new URL\('\.\/([\w-]+)\.js', import\.meta\.url\)/g)) spawned.push(m[1]!);
    }
  }
  assert.ok(spawned.includes('encode-worker') && spawned.includes('pipeline-task-worker'), `found: ${spawned.join(', ')}`);
  for (const name of spawned) assert.ok(existsSync(join(bundleDir, `${name}.js`)), `${name}.js is in the bundle`);
});

test('the bundle and dist/src give the same help and the same resolved config', () => {
  const noBundle = { ...process.env, ANNEAL_NO_BUNDLE: '1', FORCE_COLOR: '0' };
  for (const args of [['--help'], ['tokenize', '--help'], ['validate', 'pipelines/quickstart.yaml']]) {
    const bundled = runCliOk(args);
    const plain = spawnSync(process.execPath, [annealBin, ...args], { cwd: repoRoot, encoding: 'utf8', env: noBundle });
    assert.equal(plain.status, 0, plain.stderr);
    assert.equal(bundled.stdout, plain.stdout, `anneal ${args.join(' ')}`);
  }
});

test('bin/anneal.js runs the bundle only while every package is as the bundling saw it', async () => {
  // a copy of bin/anneal.js with a stand-in bundle and dist/src that say which one ran
  const root = await tempDir('bundle-choice');
  for (const d of ['bin', 'dist/bundle', 'dist/src', 'dist/pkg']) mkdirSync(join(root, d), { recursive: true });
  copyFileSync(annealBin, join(root, 'bin', 'anneal.js'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  for (const which of ['bundle', 'src']) {
    writeFileSync(join(root, 'dist', which, 'main.js'), `export async function main() { process.stdout.write('${which}'); return 0; }\n`);
  }
  const info = join(root, 'dist', 'pkg', '.tsbuildinfo');
  writeFileSync(info, '{}');
  const when = new Date('2026-01-01T00:00:00Z');
  utimesSync(info, when, when);
  writeFileSync(join(root, 'dist', 'bundle', 'built-from.json'), JSON.stringify([{ file: '../pkg/.tsbuildinfo', mtimeMs: when.getTime() }]));
  const ran = (env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [join(root, 'bin', 'anneal.js')], { encoding: 'utf8', env: { ...process.env, ...env } }).stdout;

  assert.equal(ran(), 'bundle', 'current: the bundle');
  assert.equal(ran({ ANNEAL_NO_BUNDLE: '1' }), 'src', 'ANNEAL_NO_BUNDLE=1: dist/src');
  const later = new Date('2026-01-02T00:00:00Z');
  utimesSync(info, later, later);
  assert.equal(ran(), 'src', 'a package rebuilt since the bundling: dist/src');
  writeFileSync(join(root, 'dist', 'bundle', 'built-from.json'), 'not json');
  assert.equal(ran(), 'src', 'an unreadable record: dist/src');
});
