import type { Command } from 'commander';
import { stringify } from 'yaml';
import { collectSet } from '@anneal/core';
import { loadPipeline, toConfigDocument } from '@anneal/pipeline';

/** `anneal validate <pipeline.yaml>`: the config checked and printed resolved; nothing runs. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('Check a pipeline YAML (with any --set overrides) and print it resolved, without running it')
    .argument('<pipeline.yaml>')
    .option('--set <key.path=value>', 'override a config key, repeatable', collectSet, [])
    .action(async (configPath: string, opts: { set: string[] }) => {
      const pipeline = await loadPipeline(configPath, opts.set);
      process.stdout.write(stringify(toConfigDocument(pipeline)));
    });
}
