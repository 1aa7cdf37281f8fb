import type { Command } from 'commander';
import { STEP_DEFINITIONS } from '@anneal/pipeline';

/** `anneal steps`: the step registry, one line per step. */
export function registerStepsCommand(program: Command): void {
  program
    .command('steps')
    .description('List the steps a pipeline can use')
    .action(() => {
      for (const def of STEP_DEFINITIONS) process.stdout.write(`${def.name.padEnd(20)} ${def.summary}\n`);
    });
}
