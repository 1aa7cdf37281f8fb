import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { BpeEncoder } from '@anneal/tokenizer';
// @anneal/trainer (TensorFlow.js) is imported when the verb runs, not at start-up: it costs ~1 s to load.
import type { BackendName } from '@anneal/trainer';
import { numberOption } from './number-option.js';
import { verbCommand } from './verb-catalog.js';

/** `anneal sample`: continue a prompt with a trained checkpoint. */
export function registerSampleCommand(program: Command): void {
  verbCommand(program, 'sample')
    .requiredOption('--checkpoint <dir>', 'a checkpoint directory, or a run directory / its checkpoints/ (the newest checkpoint that verifies)')
    .requiredOption('--prompt <text>', 'text to continue')
    .option(
      '--temperature <t>',
      'softmax temperature; 0 = greedy',
      numberOption('--temperature', (n) => n >= 0, 'a number >= 0'),
      0.8,
    )
    .option(
      '--top-k <k>',
      'sample among the k most likely tokens; 0 = all',
      numberOption('--top-k', (n) => Number.isInteger(n) && n >= 0, 'an integer >= 0'),
      40,
    )
    .option(
      '--max-tokens <n>',
      'tokens to generate at most',
      numberOption('--max-tokens', (n) => Number.isInteger(n) && n > 0, 'a positive integer'),
      200,
    )
    .option(
      '--seed <n>',
      'seed of the draws',
      numberOption('--seed', (n) => Number.isInteger(n) && n >= 0, 'an integer >= 0'),
      0,
    )
    .option('--tokenizer <tokenizer.json>', 'tokenizer to use when the checkpoint holds none')
    .option('--backend <name>', 'auto | tensorflow | tensorflow-gpu | wasm | cpu', 'auto')
    .action(
      async (opts: {
        checkpoint: string;
        prompt: string;
        temperature: number;
        topK: number;
        maxTokens: number;
        seed: number;
        tokenizer?: string;
        backend: string;
      }) => {
        const { DecoderModel, decodeTrainingCheckpoint, initBackend, openCheckpoint, sampleTokens } = await import('@anneal/trainer');
        const loaded = await openCheckpoint(opts.checkpoint, (m) => process.stderr.write(`anneal: warning: ${m}\n`));
        const { weights, state, tokenizerJson } = decodeTrainingCheckpoint(loaded);
        const tokenizerText = opts.tokenizer
          ? await readFile(opts.tokenizer, 'utf8')
          : tokenizerJson
            ? Buffer.from(tokenizerJson).toString('utf8')
            : undefined;
        if (tokenizerText === undefined)
          throw new Error(`${loaded.path} holds no tokenizer.json (the run named no tokenizer:); pass --tokenizer <tokenizer.json>`);
        const encoder = BpeEncoder.fromJson(tokenizerText, opts.tokenizer ?? `${loaded.path}/tokenizer.json`);
        await initBackend(opts.backend as BackendName);
        const model = new DecoderModel(state.model, weights);
        const prompt = Array.from(encoder.encode(opts.prompt));
        const ids = sampleTokens(model, prompt, {
          maxTokens: opts.maxTokens,
          temperature: opts.temperature,
          topK: opts.topK,
          seed: opts.seed,
          stopId: state.eosId,
          vocabLimit: encoder.vocabSize,
        });
        process.stdout.write(`${opts.prompt}${encoder.decode(ids)}\n`);
        model.dispose();
      },
    );
}
