import * as z from 'zod';
import { ConfigError, issuesWithKeyPaths, readConfigFile } from '@anneal/core';
import { INPUT_FORMATS } from '@anneal/io';
import { DEFAULT_TOKENIZER_TRAIN_SETTINGS as D, tokenizerSettingsProblems, type TokenizerTrainSettings } from './tokenizer-config.js';

/**
 * The tokenizer YAML (`anneal tokenizer train --config pipelines/tokenizer.yaml`): where the documents
 * come from and where tokenizer.json goes, plus the {@link TokenizerTrainSettings} keys with their defaults.
 */
export const TokenizerConfigSchema = z
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
      .refine((i) => (i.paths === undefined) !== (i.manifest === undefined), {
        message: 'give exactly one of paths (document shards) or manifest (a mixture stage manifest)',
      }),
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
export async function loadTokenizerConfig(path: string, overrides: readonly string[] = []): Promise<TokenizerConfig> {
  const parsed = TokenizerConfigSchema.safeParse(await readConfigFile(path, overrides, 'tokenizer'));
  if (!parsed.success) throw new ConfigError(issuesWithKeyPaths(parsed.error.issues), 'tokenizer');
  const problems = tokenizerSettingsProblems(tokenizerTrainSettings(parsed.data));
  if (problems.length > 0) throw new ConfigError(problems, 'tokenizer');
  return parsed.data;
}

/** The training settings a config asks for; `proportions` replaces the config's (a manifest's domain shares). */
export function tokenizerTrainSettings(config: TokenizerConfig, proportions = config.sample.proportions): TokenizerTrainSettings {
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
