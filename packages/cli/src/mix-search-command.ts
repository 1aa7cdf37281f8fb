import type { Command } from 'commander';
// @anneal/mix-search loads the trainer (TensorFlow.js, ~1 s): imported when the verb runs, not at start-up.
import type { SearchConfig } from '@anneal/mix-search';
import { collectSet } from '@anneal/core';
import { nonNegativeInteger } from './number-option.js';
import { openVerbOutput } from './verb-output.js';

async function loadSearch(path: string, overrides: string[]): Promise<SearchConfig> {
  const { loadSearchConfig } = await import('@anneal/mix-search');
  return loadSearchConfig(path, overrides);
}

/** `anneal mix search <search.yaml>`: the mixture found by training proxy models (RegMix), per stage; registered after `mix`. */
export function registerMixSearchCommand(program: Command): Command {
  const mix = program.commands.find((c) => c.name() === 'mix');
  if (mix === undefined) throw new Error('anneal mix search: register `mix` first (verbs.json lists mix-command before mix-search-command)');
  mix
    .command('search')
    .description(
      'Find the mixture by training small proxy models on Dirichlet-sampled mixtures and regressing the target loss on the weights (RegMix), per stage; writes <output>/mixture.yaml for anneal mix and <output>/report.html',
    )
    .argument('<search.yaml>', 'search file (see pipelines/mix-search-tiny.yaml)')
    .option('--set <key.path=value>', 'override a config key, repeatable (e.g. --set proxies=64 --set workers=1)', collectSet, [])
    .option('--workers <n>', 'proxy processes at once (overrides workers: in the YAML; 0 = in this process)', nonNegativeInteger('--workers'))
    .option('--force', 'start the search over: remove its proxies and results first (default: resume, never retraining a finished proxy)', false)
    .action(async (path: string, _opts: unknown, command: Command) => {
      // `--set` is also an option of `anneal mix`, so commander may give it to either: merge both
      const opts = command.optsWithGlobals<{ set: string[]; workers?: number; force: boolean }>();
      const overrides = opts.workers !== undefined ? [...opts.set, `workers=${opts.workers}`] : opts.set;
      const config = await loadSearch(path, overrides);
      const log = (m: string) => process.stderr.write(`anneal: ${m}\n`);
      const output = await openVerbOutput(config.output, {
        verb: 'mix search',
        label: 'output',
        planned: ['data/', 'proxies/', 'search-plan.json', 'search.json', 'mixture.yaml', 'report.html'],
        inputs: {
          folders: [config.shards, config.validation_shards].filter((p): p is string => p !== undefined),
          files: [{ path: config.mixture, displayPath: config.mixture }],
        },
        command: `anneal mix search ${path}`,
        log,
      });
      try {
        const { runMixSearch } = await import('@anneal/mix-search');
        const summary = await runMixSearch(config, { force: opts.force, log });
        for (const s of summary.stages) {
          const weights = Object.entries(s.mixture)
            .map(([d, w]) => `${d} ${(w * 100).toFixed(1)} %`)
            .join(', ');
          const rhos = s.models.map((m) => `${m.kind} ${m.spearman.toFixed(3)}`).join(', ');
          process.stdout.write(
            `stage ${s.stage}: ${weights}\n  cross-validated Spearman ρ: ${rhos} (using ${s.chosen})\n  predicted target loss: searched ${s.predicted.searched.toFixed(4)}, natural ${s.predicted.natural.toFixed(4)}, uniform ${s.predicted.uniform.toFixed(4)}, UniMax ${s.predicted.unimax.toFixed(4)}\n`,
          );
        }
        const rel = (p: string) => p.replace(process.cwd() + '/', '');
        process.stdout.write(`\nwrote ${rel(summary.mixtureYaml)} (run it: anneal mix ${rel(summary.mixtureYaml)}) and ${rel(summary.report)}\n`);
      } finally {
        await output.release();
      }
    });
  return mix;
}
