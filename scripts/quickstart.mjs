#!/usr/bin/env node
// `npm start`: the main job on the bundled sample, one anneal command after another, each printed
// before it runs so a user can copy it. Grows with the toolkit: curate → stats → tokenize → train.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const anneal = fileURLToPath(new URL('../packages/cli/bin/anneal.js', import.meta.url));

const STEPS = [
  ['train the domain classifier (fastText) on the sample, and on ../shared/datasets/real when present',
    ['classify', 'train', '--config', 'pipelines/domain-classifier.yaml']],
  ['train the quality classifier (fastText): curated text vs spam and boilerplate pages',
    ['classify', 'train', '--config', 'pipelines/quality-classifier.yaml']],
  ['curate: filters, classifiers, quality ensemble, exact and MinHash dedup',
    ['run', 'pipelines/quickstart.yaml', ...process.argv.slice(2)]],
  ['domain statistics of the curated shards: terminal table, JSON and the HTML report',
    ['stats', 'out/quickstart', '--json', 'out/quickstart-stats.json', '--html', 'out/quickstart-report.html']],
  ['balance domains and draw frequency-aware repeat counts for the three xGen-style stages',
    ['mix', 'pipelines/mixture-xgen.yaml']],
];

for (const [what, args] of STEPS) {
  process.stdout.write(`\n── ${what}\n$ anneal ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [anneal, ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`quickstart: "anneal ${args.join(' ')}" failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}
