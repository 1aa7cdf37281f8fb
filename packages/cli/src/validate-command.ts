import type { Command } from 'commander';
import { stringify } from 'yaml';
import { collectSet } from '@anneal/core';
import { loadPipeline, toConfigDocument } from '@anneal/pipeline';
import { verbCommand } from './verb-catalog.js';

/** `anneal validate <pipeline.yaml>`: the config checked and printed resolved; nothing runs. */
export function registerValidateCommand(program: Command): void {
  verbCommand(program, 'validate')
    .argument('<pipeline.yaml>')
    .option('--set <key.path=value>', 'override a config key, repeatable', collectSet, [])
    .action(async (configPath: string, opts: { set: string[] }) => {
      const pipeline = await loadPipeline(configPath, opts.set);
      process.stdout.write(stringify(toConfigDocument(pipeline)));
    });
}
