import type { Command } from 'commander';
import { collectSet } from '@anneal/core';

/** What a verb declared with `configOptions` receives for them. */
export interface ConfigOptionValues {
  config: string;
  set: string[];
}

/**
 * The `--config <file>` / `--set <key.path=value>` pair of a verb driven by a config file: the file
 * it reads, then overrides of its keys (repeatable, applied in order). `setExample` shows one
 * override in the help.
 */
export function configOptions(command: Command, configFile: string, configHelp: string, setExample?: string): Command {
  const setHelp = `override a config key, repeatable${setExample ? ` (e.g. ${setExample})` : ''}`;
  return command.requiredOption(`--config <${configFile}>`, configHelp).option('--set <key.path=value>', setHelp, collectSet, []);
}
