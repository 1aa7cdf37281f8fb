#!/usr/bin/env node
// Bundles the compiled CLI (packages/*/dist, what `tsc -b` wrote) into packages/cli/dist/bundle:
// one entry for the CLI, one per worker thread or child process module, and shared chunks, so a
// verb loads a handful of files instead of ~250 modules (start-up: docs/development.md). Each verb
// stays a lazy chunk because main.ts imports it with import(). bin/anneal.js runs the bundle only
// while it is as new as the compiled packages (built-from.json), else dist/src/main.js.
//
// Run by `npm ci` (prepare), `npm test` and `npm run build`, after `tsc -b`.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { filesBelow } from './lib/files-below.mjs';
import { importFromDefiningModules } from './lib/barrel-imports.mjs';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'packages', 'cli', 'dist', 'bundle');

/**
 * Dependencies bundled in: plain JavaScript that finds no file of its own at run time. Everything
 * else stays an import of node_modules, resolved from the bundle as from dist/src: native addons
 * (fasttext, zstd-napi), WASM loaded from a file (parquet-wasm, TensorFlow.js backends), packages
 * located on disk (chart.js, eld, TensorFlow), and the rarely loaded ones (not worth the bytes).
 */
const BUNDLED_DEPENDENCIES = new Set(['zod', 'yaml', 'commander', 'apache-arrow', 'flatbuffers', 'tslib', 'picomatch', 'tinyglobby', 'fdir']);

/**
 * Modules a package starts as a worker thread or child process, found by the way every package
 * names them: `new URL('./<name>.js', import.meta.url)`. Each becomes an entry of the same name
 * beside the chunks, so that URL still finds it from inside the bundle.
 */
function spawnedModules() {
  const entries = {};
  for (const pkg of readdirSync(join(ROOT, 'packages'))) {
    const src = join(ROOT, 'packages', pkg, 'src');
    for (const file of filesBelow(src, '.ts')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/new URL\('\.\/([\w-]+)\.js', import\.meta\.url\)/g)) {
        const compiled = join(ROOT, 'packages', pkg, 'dist', relative(join(ROOT, 'packages', pkg), join(file, '..', `${m[1]}.js`)));
        if (m[1] in entries && entries[m[1]] !== compiled) throw new Error(`two spawned modules are named ${m[1]}.js`);
        entries[m[1]] = compiled;
      }
    }
  }
  return entries;
}

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Bare imports of anything but the workspace and BUNDLED_DEPENDENCIES stay imports. */
const keepDependenciesExternal = {
  name: 'keep-dependencies-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = packageName(args.path);
      if (name.startsWith('@anneal/') || BUNDLED_DEPENDENCIES.has(name)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * Each verb's modules, as `verbs.json` names them: main.ts imports them by URL at run time
 * (verb-catalog.ts), so each is an entry, found beside main.js as in dist/src.
 */
function verbModules() {
  const entries = {};
  const verbs = JSON.parse(readFileSync(join(ROOT, 'packages', 'cli', 'verbs.json'), 'utf8'));
  for (const module of verbs.flatMap((v) => Object.keys(v.register))) entries[module] = join(ROOT, 'packages', 'cli', 'dist', 'src', `${module}.js`);
  return entries;
}

rmSync(OUT, { recursive: true, force: true });
const spawned = spawnedModules();
const verbs = verbModules();
for (const name of Object.keys(verbs)) if (name in spawned || name === 'main') fail(`${name}.js is both a verb's module and a spawned module`);
const entryPoints = { main: join(ROOT, 'packages', 'cli', 'dist', 'src', 'main.js'), ...verbs, ...spawned };
for (const [name, file] of Object.entries(entryPoints)) statSync(file, { throwIfNoEntry: false }) ?? fail(`${name}: ${file} is not compiled`);
await build({
  absWorkingDir: ROOT,
  entryPoints,
  outdir: OUT,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [importFromDefiningModules, keepDependenciesExternal],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
writeFileSync(join(OUT, 'package.json'), '{ "type": "module" }\n');
// what bin/anneal.js compares before it uses the bundle: every package's last tsc build
const builtFrom = readdirSync(join(ROOT, 'packages')).map((pkg) => {
  const info = join(ROOT, 'packages', pkg, 'dist', '.tsbuildinfo');
  return { file: relative(OUT, info), mtimeMs: statSync(info).mtimeMs };
});
writeFileSync(join(OUT, 'built-from.json'), JSON.stringify(builtFrom, null, 1) + '\n');

function fail(message) {
  console.error(`bundle-cli: ${message}`);
  process.exit(1);
}
