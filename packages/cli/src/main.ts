import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError, collectSet, RefusedError } from '@anneal/core';
import { describeRunPlan, loadPipeline, outputLayout, runPipeline } from '@anneal/pipeline';
import { STEP_DEFINITIONS } from '@anneal/pipeline';
import { formatRunSummary } from './run-summary.js';
import { runOnSlurm } from './slurm-run-command.js';
import { registerClassifyCommand } from './classify-command.js';
import { registerStatsCommand } from './stats-command.js';
import { registerReportCommand } from './report-command.js';
import { registerMixCommand } from './mix-command.js';
import { registerMixSearchCommand } from './mix-search-command.js';
import { registerTokenizerCommand } from './tokenizer-command.js';
import { registerTokenizeCommand } from './tokenize-command.js';
import { registerExportCommand } from './export-command.js';
import { registerTrainCommand } from './train-command.js';
import { registerSampleCommand } from './sample-command.js';
import { registerExportHfCommand } from './export-hf-command.js';
import { registerDoctorCommand } from './doctor-command.js';
import { registerWhyCommand } from './why-command.js';
import { registerTraceCommand } from './trace-command.js';

function integer(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a non-negative integer`);
    return n;
  };
}


export function buildProgram(): Command {
  const program = new Command();
  program
    .name('anneal')
    .description('Raw text → curated pre-training data → token shards → a trained model.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('run')
    .description('Run a pipeline YAML: read inputs, apply steps, write shards, errors/ and stats.json under output.path')
    .argument('<pipeline.yaml>', 'pipeline file (see pipelines/ and the README)')
    .option('--set <key.path=value>', 'override any config key, repeatable (e.g. --set workers=4 --set steps.0.form=NFKC)', collectSet, [])
    .option('--force', 'redo everything: first remove exactly the files and folders earlier runs recorded in <output.path>/.anneal-run.json (nothing else there); default: resume, skipping completed tasks. With --rank: redo only that task', false)
    .option('--rank <R>', 'run only task R (e.g. $SLURM_ARRAY_TASK_ID); needs --world-size', integer('--rank'))
    .option('--world-size <W>', 'number of tasks the input files are split into', integer('--world-size'))
    .option('--stage <S>', 'run only stage S of a multi-stage pipeline (with --rank: one unit of it); see --plan', integer('--stage'))
    .option('--plan', 'print the stages and the Slurm commands that run them, and exit', false)
    .addOption(new Option('--executor <type>', 'where tasks run (default: executor.type in the YAML, else local); slurm submits one array job per stage').choices(['local', 'slurm']))
    .option('--wait', 'with the Slurm executor: follow the jobs to the end, print the summary, exit non-zero naming failed tasks', false)
    .option('--no-progress', 'no progress bar or progress lines on stderr')
    .action(
      async (
        configPath: string,
        opts: { set: string[]; force: boolean; rank?: number; worldSize?: number; stage?: number; plan: boolean; progress: boolean; executor?: string; wait: boolean },
      ) => {
      if (opts.plan) {
        process.stdout.write(await describeRunPlan(configPath, opts.set, opts.worldSize));
        return;
      }
      if (opts.rank !== undefined && opts.worldSize === undefined) throw new Error('--rank needs --world-size');
      // a task (--rank) always runs here: it is what a Slurm job runs on its node
      if (opts.rank === undefined && opts.stage === undefined && opts.executor !== 'local') {
        const fromYaml = (await loadPipeline(configPath, opts.set)).executor?.type === 'slurm';
        if (opts.executor === 'slurm' || fromYaml) {
          await runOnSlurm(configPath, { set: opts.set, force: opts.force, wait: opts.wait, fromFlag: !fromYaml });
          return;
        }
      }
      const outcome = await runPipeline({
        configPath,
        overrides: opts.set,
        force: opts.force,
        progress: opts.progress,
        ...(opts.rank !== undefined ? { rank: opts.rank } : {}),
        ...(opts.worldSize !== undefined ? { worldSize: opts.worldSize } : {}),
        ...(opts.stage !== undefined ? { stage: opts.stage } : {}),
      });
      const errorFiles = await outputLayout(outcome.pipeline).listErrorFiles();
      process.stdout.write(formatRunSummary(outcome, errorFiles));
      },
    );

  program
    .command('validate')
    .description('Check a pipeline YAML (with any --set overrides) and print it resolved, without running it')
    .argument('<pipeline.yaml>')
    .option('--set <key.path=value>', 'override a config key, repeatable', collectSet, [])
    .action(async (configPath: string, opts: { set: string[] }) => {
      const { stringify } = await import('yaml');
      const { toConfigDocument } = await import('@anneal/pipeline');
      const pipeline = await loadPipeline(configPath, opts.set);
      process.stdout.write(stringify(toConfigDocument(pipeline)));
    });

  program
    .command('steps')
    .description('List the steps a pipeline can use')
    .action(() => {
      for (const def of STEP_DEFINITIONS) process.stdout.write(`${def.name.padEnd(20)} ${def.summary}\n`);
    });

  registerClassifyCommand(program);
  registerStatsCommand(program);
  registerReportCommand(program);
  registerMixSearchCommand(registerMixCommand(program));
  registerTokenizerCommand(program);
  registerTokenizeCommand(program);
  registerExportCommand(program);
  registerTrainCommand(program);
  registerSampleCommand(program);
  registerExportHfCommand(program);
  registerDoctorCommand(program);
  registerWhyCommand(program);
  registerTraceCommand(program);
  return program;
}

/** The first argument when it should name a verb and names none (options before it are global ones). */
function unknownVerb(program: Command, args: string[]): string | undefined {
  const first = args[0];
  if (first === undefined || first.startsWith('-')) return undefined;
  const known = new Set(['help', ...program.commands.flatMap((c) => [c.name(), ...c.aliases()])]);
  return known.has(first) ? undefined : first;
}

/** Runs the CLI; returns the exit code. Failures print one line (a config error lists every problem). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  const unknown = unknownVerb(program, argv.slice(2));
  if (unknown !== undefined) {
    // checked before commander parses: `anneal <typo> --help` would print the global help and exit 0
    const verbs = program.commands.map((c) => c.name()).join(', ');
    process.stderr.write(`anneal: unknown command '${unknown}' (commands: ${verbs}, help)\n`);
    return 2;
  }
  try {
    await program.parseAsync(argv);
    // a verb that answered "not found" sets process.exitCode (anneal why / trace)
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof RefusedError) {
      process.stderr.write(`anneal: ${err.message}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`anneal: ${err.message}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`anneal: ${message.split('\n')[0]}\n`);
    if (process.env.ANNEAL_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
