import type { Command } from 'commander';
import { HF_EXPORT_FILES, olderHfExportOutput } from './older-outputs.js';
import { openVerbOutput } from './verb-output.js';

/**
 * `anneal export hf`: a checkpoint as a Hugging Face Llama model directory. `export` is shared with
 * other targets (e.g. `export megatron`), so this finds the `export` command or creates it, and adds
 * `hf` beside whatever is there.
 */
export function registerExportHfCommand(program: Command): void {
  const exportCommand =
    program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('Export models and data for other trainers and libraries');
  exportCommand
    .command('hf')
    .description('Write a checkpoint as Hugging Face Llama config.json + model.safetensors + tokenizer.json (LlamaForCausalLM.from_pretrained loads it)')
    .requiredOption('--checkpoint <dir>', 'a checkpoint directory, or a run directory / its checkpoints/ (the newest checkpoint that verifies)')
    .requiredOption('--out <dir>', 'output directory')
    .option('--tokenizer <tokenizer.json>', 'tokenizer to include when the checkpoint holds none')
    .action(async (opts: { checkpoint: string; out: string; tokenizer?: string }) => {
      // imported when the verb runs: @anneal/trainer loads TensorFlow.js (~1 s)
      const { exportHuggingFace, openCheckpoint } = await import('@anneal/trainer');
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
          warn: (m) => process.stderr.write(`anneal: warning: ${m}\n`),
        });
      } finally {
        await output.release();
      }
      process.stdout.write(`exported ${result.checkpoint} (step ${result.step}) to ${opts.out}: ${result.files.join(', ')}\n`);
    });
}
