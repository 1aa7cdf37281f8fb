import type { Command } from 'commander';
// @anneal/trainer (TensorFlow.js) is imported when a verb runs, not at start-up: it costs ~1 s to load.
import type { TrainingRunConfig } from '@anneal/trainer';
import { ConfigError, collectSet, readConfigFile } from '@anneal/core';
import { olderTrainOutput, TRAIN_RUN_ENTRIES } from '@anneal/core';
import { openVerbOutput } from './verb-output.js';
import { positiveInteger } from './number-option.js';
import { verbCommand } from './verb-catalog.js';

/**
 * Reads a training YAML with `--set` overrides; every problem is listed with its key path. Defaults
 * that depend on the plan (the warmup: a share of all stages' steps) are filled in too, so the run's
 * config.yaml shows every value it trained with.
 */
export async function loadTrainingConfig(path: string, overrides: string[] = []): Promise<TrainingRunConfig> {
  const raw = await readConfigFile(path, overrides, 'training');
  const { parseTrainingConfig, resolveTrainingDefaults } = await import('@anneal/trainer');
  let parsed: TrainingRunConfig;
  try {
    parsed = parseTrainingConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) throw err.inFile(path);
    throw err;
  }
  return resolveTrainingDefaults(parsed);
}

/** `anneal train <train.yaml>`: multi-stage pre-training on token shards. */
export function registerTrainCommand(program: Command): void {
  verbCommand(program, 'train')
    .argument('<train.yaml>', 'training config')
    .option('--resume', 'continue from the newest checkpoint in run_dir/checkpoints that verifies (a corrupt one falls back to the previous)', false)
    .option('--set <key.path=value>', 'override any config key, repeatable (e.g. --set stages.0.steps=100 --set batch_size=8)', collectSet, [])
    .option('--backend <name>', 'auto | tensorflow | tensorflow-gpu | wasm | cpu (overrides backend: in the YAML)')
    .option('--threads <n>', 'native backend: TensorFlow intra-/inter-op threads (default: the number of cores)', positiveInteger('--threads'))
    .option('--no-progress', 'no progress bar or progress lines on stderr')
    .action(async (configPath: string, opts: { resume: boolean; set: string[]; backend?: string; threads?: number; progress: boolean }) => {
      const overrides = opts.backend ? [...opts.set, `backend=${opts.backend}`] : opts.set;
      const config = await loadTrainingConfig(configPath, overrides);
      const output = await openVerbOutput(config.run_dir, {
        verb: 'train',
        label: 'run_dir',
        planned: TRAIN_RUN_ENTRIES,
        inputs: {
          folders: [
            config.data.shards,
            ...(config.data.validation_shards !== undefined ? [config.data.validation_shards] : []),
            ...(config.init_from !== undefined ? [config.init_from] : []),
          ],
          files: [config.tokenizer, ...config.stages.map((s) => s.manifest)]
            .filter((p): p is string => p !== undefined)
            .map((p) => ({ path: p, displayPath: p })),
        },
        recogniseOlder: olderTrainOutput,
        command: `anneal train ${configPath}${opts.resume ? ' --resume' : ''}`,
        log: (m) => process.stderr.write(`anneal: ${m}\n`),
      });
      let summary;
      try {
        const { runTraining } = await import('@anneal/trainer');
        summary = await runTraining({
          config,
          resume: opts.resume,
          progress: opts.progress,
          ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
        });
      } finally {
        await output.release();
      }
      const lines = [
        `trained ${summary.steps} steps, ${summary.tokens.toLocaleString('en-US')} tokens${summary.resumedFrom !== undefined ? ` (resumed at step ${summary.resumedFrom})` : ''}; final loss ${summary.finalLoss.toFixed(4)}`,
        ...summary.longContext.map((l) => `perplexity at ${l.seqLen} tokens: ${l.before.toFixed(3)} before ${l.stage}, ${l.after.toFixed(3)} after`),
        `metrics: ${summary.runDir}/metrics.jsonl`,
        `checkpoint: ${summary.lastCheckpoint}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
