#!/usr/bin/env node
// Entry point for `npx anneal`. `npm ci` (prepare) compiles the TypeScript to dist/src and bundles
// it into dist/bundle (scripts/bundle-cli.mjs), which starts several times faster. The bundle runs
// only while every package is still as its last bundling saw it: after a `tsc -b` alone it would be
// stale, so dist/src runs instead. ANNEAL_NO_BUNDLE=1 runs dist/src always.
import { readFileSync, statSync } from 'node:fs';

const bundle = new URL('../dist/bundle/', import.meta.url);

function bundleIsCurrent() {
  if (process.env.ANNEAL_NO_BUNDLE) return false;
  try {
    const builtFrom = JSON.parse(readFileSync(new URL('built-from.json', bundle), 'utf8'));
    return builtFrom.every(({ file, mtimeMs }) => statSync(new URL(file, bundle)).mtimeMs === mtimeMs);
  } catch {
    return false; // never bundled, or a package is gone
  }
}

const { main } = await import(bundleIsCurrent() ? '../dist/bundle/main.js' : '../dist/src/main.js');
process.exitCode = await main(process.argv);
