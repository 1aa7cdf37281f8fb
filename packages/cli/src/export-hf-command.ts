import { InvalidArgumentError, type Command } from 'commander';
import { HF_EXPORT_FILES, olderHfExportOutput } from '@anneal/core';
import { openVerbOutput } from './verb-output.js';

/** `--dtype` as torch names it, to the safetensors dtype written. */
const DTYPES = { float32: 'F32', bfloat16: 'BF16', float16: 'F16' } as const;
type SafetensorsFloat = (typeof DTYPES)[keyof typeof DTYPES];

function parseDtype(value: string): SafetensorsFloat {
  const dtype = (DTYPES as Record<string, SafetensorsFloat>)[value];
  if (!dtype) throw new InvalidArgumentError(`expected one of ${Object.keys(DTYPES).join(', ')}`);
  return dtype;
}

/**
 * `anneal export hf`: a checkpoint as a Hugging Face Llama model directory. `export` is shared with
 * other targets (e.g. `export megatron`), so this finds the `export` command or creates it, and adds
 * `hf` beside whatever is there.
 */
export function registerExportHfCommand(program: Command): void {
  const exportCommand =
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('Export models and data for other trainers and libraries');
  exportCommand
    .command('hf')
    .description(
      'Write a checkpoint as Hugging Face Llama config.json + model.safetensors + tokenizer.json (LlamaForCausalLM.from_pretrained loads it)',
    )
    .requiredOption('--checkpoint <dir>', 'a checkpoint directory, or a run directory / its checkpoints/ (the newest checkpoint that verifies)')
    .requiredOption('--out <dir>', 'output directory')
    .option('--tokenizer <tokenizer.json>', 'tokenizer to include when the checkpoint holds none')
    .option(
      '--dtype <dtype>',
      'float32 | bfloat16 | float16 for model.safetensors (default: the dtype of the model the run was started from with init_from, else float32)',
      parseDtype,
    )
    .action(async (opts: { checkpoint: string; out: string; tokenizer?: string; dtype?: SafetensorsFloat }) => {
      // imported when the verb runs: @anneal/trainer loads TensorFlow.js (~1 s)
      const { exportHuggingFace, openCheckpoint, TORCH_DTYPE_NAMES } = await import('@anneal/trainer');
      const dtype = opts.dtype;
      // a missing or corrupt checkpoint is reported as such (exit 1) before the output is judged;
      // this reads it once more than the export does, which is small next to writing the model
      await openCheckpoint(opts.checkpoint, () => undefined);
      const output = await openVerbOutput(opts.out, {
        verb: 'export hf',
        label: '--out',
        planned: HF_EXPORT_FILES,
        inputs: { folders: [opts.checkpoint], ...(opts.tokenizer ? { files: [{ path: opts.tokenizer, displayPath: opts.tokenizer }] } : {}) },
        recogniseOlder: olderHfExportOutput,
        command: `anneal export hf --out ${opts.out}`,
        log: (m) => process.stderr.write(`anneal: ${m}\n`),
      });
      let result;
      try {
        result = await exportHuggingFace(opts.checkpoint, opts.out, {
          ...(opts.tokenizer ? { tokenizer: opts.tokenizer } : {}),
          ...(dtype ? { dtype } : {}),
          warn: (m) => process.stderr.write(`anneal: warning: ${m}\n`),
        });
      } finally {
        await output.release();
      }
      process.stdout.write(
        `exported ${result.checkpoint} (step ${result.step}) to ${opts.out} (${TORCH_DTYPE_NAMES[result.dtype]}): ${result.files.join(', ')}\n`,
      );
    });
}
