import type { Command } from 'commander';
import { collectSet } from '@anneal/core';
import { computeMixture, formatMixtureTable, loadMixtureConfig, writeMixture } from '@anneal/mixture';
import { resolveShardInputs } from '@anneal/stats';
import { tokenCounterFor } from './corpus-token-counter.js';
import { readProgress } from './shard-read-progress.js';
import { olderMixOutput } from '@anneal/core';
import { openVerbOutput, type VerbOutput } from './verb-output.js';
import { verbCommand } from './verb-catalog.js';

/** `anneal mix <mixture.yaml>`: domain targets per stage, repeat counts per document, one manifest per stage. */
export function registerMixCommand(program: Command): Command {
  return verbCommand(program, 'mix')
    .argument('<mixture.yaml>', 'mixture file (see pipelines/mixture-xgen.yaml)')
    .option('--set <key.path=value>', 'override a config key, repeatable (e.g. --set stages.0.tokens=2M)', collectSet, [])
    .option('--tokenizer <tokenizer.json>', 'count tokens exactly with this tokenizer (same as the tokenizer: key; otherwise estimated)')
    .option('--dry-run', 'print the plan without writing manifests', false)
    .option('--no-progress', 'no progress bar or progress lines on stderr')
    .action(async (path: string, opts: { set: string[]; tokenizer?: string; dryRun: boolean; progress: boolean }) => {
      const config = await loadMixtureConfig(path, opts.set);
      const tokenizer = opts.tokenizer ?? config.tokenizer;
      // refused before the (long) computation, not after it
      let output: VerbOutput | undefined;
      if (!opts.dryRun) {
        const inputs = await resolveShardInputs(config.inputs, process.cwd());
        output = await openVerbOutput(config.output, {
          verb: 'mix',
          label: 'output',
          planned: [...config.stages.map((s) => `${s.name}.manifest.json`), 'mixture.json'],
          inputs: { files: inputs.files, folders: inputs.directories, patterns: config.inputs },
          recogniseOlder: olderMixOutput,
          command: `anneal mix ${path}`,
          log: (m) => process.stderr.write(`anneal: ${m}\n`),
        });
      }
      try {
        const progress = readProgress(opts.progress);
        let result;
        try {
          result = await computeMixture(config, {
            tokenCounter: await tokenCounterFor({ tokenizer, bytesPerToken: config.bytes_per_token }),
            onProgress: (p) => progress.update(p),
          });
        } finally {
          progress.stop();
        }
        process.stdout.write(formatMixtureTable(result));
        if (output) {
          const written = await writeMixture(result);
          process.stdout.write(`\nwrote ${written.length} file(s): ${written.map((p) => p.replace(process.cwd() + '/', '')).join(', ')}\n`);
        }
      } finally {
        await output?.release();
      }
    });
}
