import { Option, type Command } from 'commander';
import { collectSet } from '@anneal/core';
import { describeRunPlan, loadPipeline, outputLayout, runPipeline } from '@anneal/pipeline';
import { formatRunSummary } from './run-summary.js';
import { runOnSlurm } from './run-on-slurm.js';
import { nonNegativeInteger } from './number-option.js';
import { verbCommand } from './verb-catalog.js';

/** `anneal run <pipeline.yaml>`: a pipeline here (all tasks, one task, one stage) or submitted to Slurm. */
export function registerRunCommand(program: Command): void {
  verbCommand(program, 'run')
    .argument('<pipeline.yaml>', 'pipeline file (see pipelines/ and the README)')
    .option('--set <key.path=value>', 'override any config key, repeatable (e.g. --set workers=4 --set steps.0.form=NFKC)', collectSet, [])
    .option(
      '--force',
      'redo everything: first remove exactly the files and folders earlier runs recorded in <output.path>/.anneal-run.json (nothing else there); default: resume, skipping completed tasks. With --rank: redo only that task',
      false,
    )
    .option('--rank <R>', 'run only task R (e.g. $SLURM_ARRAY_TASK_ID); needs --world-size', nonNegativeInteger('--rank'))
    .option('--world-size <W>', 'number of tasks the input files are split into', nonNegativeInteger('--world-size'))
    .option('--stage <S>', 'run only stage S of a multi-stage pipeline (with --rank: one unit of it); see --plan', nonNegativeInteger('--stage'))
    .option('--plan', 'print the stages and the Slurm commands that run them, and exit', false)
    .addOption(
      new Option(
        '--executor <type>',
        'where tasks run (default: executor.type in the YAML, else local); slurm submits one array job per stage',
      ).choices(['local', 'slurm']),
    )
    .option('--wait', 'with the Slurm executor: follow the jobs to the end, print the summary, exit non-zero naming failed tasks', false)
    .option('--no-progress', 'no progress bar or progress lines on stderr')
    .action(
      async (
        configPath: string,
        opts: {
          set: string[];
          force: boolean;
          rank?: number;
          worldSize?: number;
          stage?: number;
          plan: boolean;
          progress: boolean;
          executor?: string;
          wait: boolean;
        },
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
}
