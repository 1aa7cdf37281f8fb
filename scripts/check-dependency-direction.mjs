#!/usr/bin/env node
// Dependencies point one way (docs/architecture.md, "Packages"): core ← (io, token-shards) ← (filters, extract, classify, dedup,
// stats) ← (mixture, tokenizer, pipeline, report) ← trainer ← mix-search ← cli. token-shards, the format the tokenizer
// writes and the trainer reads, needs only core; stats (corpus statistics, token counting, shard reading) sits under
// mixture and report, and the tokenizer's exact counter implements its TokenCounter; the trainer reads mixtures' stage
// manifests. Fails when a package imports one it may not, or reaches into
// another package's files instead of its public index.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesBelow } from './lib/files-below.mjs';

const LEVEL = {
  core: 0,
  io: 1,
  'token-shards': 1,
  filters: 2,
  extract: 2,
  classify: 2,
  dedup: 2,
  stats: 2,
  mixture: 3,
  tokenizer: 3,
  pipeline: 3,
  report: 3,
  trainer: 4,
  'mix-search': 5,
  cli: 6,
};
const problems = [];

const COMMAND_MODULE = /-command(\.js|\.ts)?$/;

/**
 * Every module specifier the text imports: `import … from`, `export … from`, side-effect `import '…'`
 * and dynamic `import('…')` (a lazily loaded package is a dependency all the same).
 */
function importedSpecifiers(text) {
  const found = [];
  for (const m of text.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) found.push(m[1]);
  return found;
}

for (const pkg of readdirSync('packages')) {
  if (!(pkg in LEVEL)) {
    problems.push(`packages/${pkg}: not a package docs/architecture.md names`);
    continue;
  }
  for (const file of filesBelow(join('packages', pkg, 'src'), '.ts')) {
    const text = readFileSync(file, 'utf8');
    for (const spec of importedSpecifiers(text).filter((s) => s.startsWith('@anneal/'))) {
      const [, target, deep] = spec.match(/^@anneal\/([^/]+)(\/.*)?$/) ?? [];
      if (deep) problems.push(`${file}: imports ${spec}; import only a package's public index`);
      if (target === pkg) problems.push(`${file}: imports its own package by name`);
      else if (!(target in LEVEL)) problems.push(`${file}: imports unknown package ${spec}`);
      else if (LEVEL[target] >= LEVEL[pkg]) problems.push(`${file}: ${pkg} may not depend on ${target} (dependencies point one way)`);
    }
    if (importedSpecifiers(text).some((s) => s.startsWith('../../'))) problems.push(`${file}: relative import leaves the package`);
    // a verb's module is its own: what two verbs share lives in a package or a cli module named for it
    if (COMMAND_MODULE.test(file)) {
      for (const spec of importedSpecifiers(text).filter((s) => COMMAND_MODULE.test(s)))
        problems.push(`${file}: imports ${spec}, another command's module`);
    }
  }
}

if (problems.length > 0) {
  console.error(`dependency direction: ${problems.length} problem(s)\n  ` + problems.join('\n  '));
  process.exit(1);
}
console.log('dependency direction: ok');
