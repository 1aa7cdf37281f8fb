import type { Command } from 'commander';
import { STEP_CATALOG } from '@anneal/pipeline';
import { verbCommand } from './verb-catalog.js';

/** `anneal steps`: the step registry, one line per step. */
export function registerStepsCommand(program: Command): void {
  verbCommand(program, 'steps').action(() => {
    for (const def of STEP_CATALOG) process.stdout.write(`${def.name.padEnd(20)} ${def.summary}\n`);
  });
}
