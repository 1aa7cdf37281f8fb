import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { domainName, writeFileAtomic } from '@anneal/core';
import { INPUT_FORMATS } from '@anneal/io';
import { DEFAULT_TOKENIZER_TRAIN_SETTINGS as D, documentShardSource, tokenizerSettingsProblems, trainTokenizer, type SampleCandidate, type TokenizerTrainSettings } from '@anneal/tokenizer';
import { ConfigError, collectSet, issuesWithKeyPaths, readConfigFile } from '@anneal/core';
import { resolveDocumentInputs, type DocumentInputOptions } from './tokenizer-inputs.js';
import { olderTokenizerTrainOutput } from '@anneal/pipeline';
import { openVerbOutput } from './verb-output.js';

const TokenizerConfigSchema = z
  .object({
    name: z.string().min(1).default('tokenizer'),
    input: z
      .object({
        paths: z.union([z.string().transform((p) => [p]), z.array(z.string()).min(1)]).optional(),
        manifest: z.string().min(1).optional(),
        format: z.enum(INPUT_FORMATS).optional(),
        text_key: z.string().min(1).default('text'),
        id_key: z.string().min(1).default('id'),
        domain_key: z.string().min(1).default('domain'),
      })
      .strict()
      .refine((i) => (i.paths === undefined) !== (i.manifest === undefined), { message: 'give exactly one of paths (document shards) or manifest (a mixture stage manifest)' }),
    output: z.string().min(1),
    vocab_size: z.number().int().default(D.vocab_size),
    min_frequency: z.number().int().nonnegative().default(D.min_frequency),
    special_tokens: z.array(z.string().min(1)).min(1).default(D.special_tokens),
    reserved_tokens: z.array(z.string().min(1)).default(D.reserved_tokens),
    digits: z.enum(['groups_of_3', 'individual']).default(D.digits),
    sample: z
      .object({
        bytes: z.number().positive().default(D.sample.bytes),
        seed: z.number().int().default(D.sample.seed),
        proportions: z.record(z.string(), z.number().nonnegative()).optional(),
      })
      .strict()
      .default({ bytes: D.sample.bytes, seed: D.sample.seed }),
    workers: z.number().int().positive().default(D.workers),
  })
  .strict();

export type TokenizerConfig = z.infer<typeof TokenizerConfigSchema>;

/** Reads a tokenizer training YAML with `--set` overrides; every problem is listed with its key path. */
export async function loadTokenizerConfig(path: string, overrides: string[] = []): Promise<TokenizerConfig> {
  const parsed = TokenizerConfigSchema.safeParse(await readConfigFile(path, overrides, 'tokenizer'));
  if (!parsed.success) throw new ConfigError(issuesWithKeyPaths(parsed.error.issues), 'tokenizer');
  const problems = tokenizerSettingsProblems(settingsOf(parsed.data));
  if (problems.length > 0) throw new ConfigError(problems, 'tokenizer');
  return parsed.data;
}

function settingsOf(config: TokenizerConfig, proportions = config.sample.proportions): TokenizerTrainSettings {
  return {
    vocab_size: config.vocab_size,
    min_frequency: config.min_frequency,
    special_tokens: config.special_tokens,
    reserved_tokens: config.reserved_tokens,
    digits: config.digits,
    sample: { bytes: config.sample.bytes, seed: config.sample.seed, domain_key: config.input.domain_key, ...(proportions ? { proportions } : {}) },
    workers: config.workers,
  };
}

/**
 * Trains a tokenizer from a config: the domain-balanced sample (proportions from the config, else
 * from the manifest, else natural), then BPE; writes `<output>/tokenizer.json` and
 * `<output>/train-stats.json`.
 */
export async function runTokenizerTraining(config: TokenizerConfig, log: (line: string) => void = () => {}) {
  const inputOptions: DocumentInputOptions = { textKey: config.input.text_key, idKey: config.input.id_key, format: config.input.format, domainKey: config.input.domain_key };
  const resolved = await resolveDocumentInputs(config.input.manifest ? [config.input.manifest] : config.input.paths!, inputOptions);
  const proportions = config.sample.proportions ?? resolved.proportions;
  const settings = settingsOf(config, proportions);
  let badRecords = 0;
  async function* documents(): AsyncGenerator<SampleCandidate> {
    for (const spec of resolved.specs) {
      for await (const item of documentShardSource(spec).items()) {
        if (item.error !== undefined) {
          if (badRecords++ < 5) log(`skipped bad record: ${item.error}`);
          continue;
        }
        yield { id: item.id, text: item.text, domain: domainName(item.domain) };
      }
    }
  }
  // refused before the training, not after it
  const output = await openVerbOutput(config.output, {
    verb: 'tokenizer train',
    label: 'output',
    planned: ['tokenizer.json', 'train-stats.json'],
    inputs: { files: resolved.specs.map((s) => ({ path: s.path, displayPath: s.name })), patterns: config.input.paths ?? [] },
    recogniseOlder: olderTokenizerTrainOutput,
    command: `anneal tokenizer train (${config.name})`,
    log,
  });
  try {
    const trained = await trainTokenizer(documents(), settings, log);
    const tokenizerPath = join(config.output, 'tokenizer.json');
    const statsPath = join(config.output, 'train-stats.json');
    await writeFileAtomic(tokenizerPath, trained.json);
    await writeFileAtomic(statsPath, JSON.stringify({ ...trained.report, inputs: resolved.description, bad_records: badRecords }, null, 2) + '\n');
    return { ...trained, tokenizerPath, statsPath, badRecords };
  } finally {
    await output.release();
  }
}


/** `anneal tokenizer train`: byte-level BPE from a domain-balanced sample. */
export function registerTokenizerCommand(program: Command): void {
  const tokenizer = program.command('tokenizer').description('Train byte-level BPE tokenizers (Hugging Face tokenizer.json)');
  tokenizer
    .command('train')
    .description('Draw a domain-balanced sample, train byte-level BPE, write <output>/tokenizer.json and train-stats.json')
    .requiredOption('--config <tokenizer.yaml>', 'training config (see pipelines/tokenizer.yaml)')
    .option('--set <key.path=value>', 'override a config key, repeatable (e.g. --set vocab_size=8192)', collectSet, [])
    .option('--quiet', 'no progress lines on stderr', false)
    .action(async (opts: { config: string; set: string[]; quiet: boolean }) => {
      const config = await loadTokenizerConfig(opts.config, opts.set);
      const run = await runTokenizerTraining(config, opts.quiet ? undefined : (line) => process.stderr.write(`anneal: ${line}\n`));
      const r = run.report;
      const rows = Object.entries(r.sample.domains).map(
        ([d, s]) => `  ${d.padEnd(12)} ${String(s.documents).padStart(8)} docs ${(s.bytes / 1e6).toFixed(2).padStart(9)} MB` + (s.quota_bytes !== undefined ? ` of ${(s.quota_bytes / 1e6).toFixed(2)} MB quota` : '') + `  (${(s.seen_bytes / 1e6).toFixed(2)} MB seen)`,
      );
      process.stdout.write(
        `sample (${(r.sample.bytes / 1e6).toFixed(2)} MB, ${r.sample.documents} documents${run.badRecords ? `, ${run.badRecords} bad records skipped` : ''}):\n${rows.join('\n')}\n` +
          `trained vocab ${r.vocab_size} (${r.merges} merges, ${r.words} unique words) in ${(r.seconds.sample + r.seconds.word_counts + r.seconds.merges).toFixed(1)} s ` +
          `(sample ${r.seconds.sample.toFixed(1)} s, word counts ${r.seconds.word_counts.toFixed(1)} s, merges ${r.seconds.merges.toFixed(1)} s)\n` +
          `tokenizer: ${run.tokenizerPath}\nstats:     ${run.statsPath}\nsha256:    ${r.tokenizer_hash}\n`,
      );
    });
}
