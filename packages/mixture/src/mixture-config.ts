import * as z from 'zod';
import { ConfigError, issuesWithKeyPaths, readConfigFile } from '@anneal/core';
import { INPUT_FORMATS } from '@anneal/io';

/** A token count written as 2000000, "2M", "1.5B", "500k". */
const tokenCount = z.union(
  [
    z.number().positive({ error: 'a positive token count' }),
    z
      .string()
      .regex(/^\s*\d+(\.\d+)?\s*[kKmMbBtT]?\s*$/, 'a token count such as 2000000, "500k", "2M", "1.5B"')
      .transform((s) => {
        const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMbBtT]?)\s*$/.exec(s)!;
        const mult = { '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'b' | 't'];
        return Number(m[1]) * mult;
      }),
  ],
  { error: 'a positive token count such as 2000000, "500k", "2M" or "1.5B"' },
);

const SamplingSchema = z
  .object({
    quality_exponent: z.number().min(0).optional(),
    dup_exponent: z.number().min(0).optional(),
    dup_cap: z.number().min(1).optional(),
    max_repeats: z.number().int().min(1).optional(),
    missing_quality: z.union([z.number().min(0).max(1), z.literal('exclude')]).optional(),
  })
  .strict();

const MaxEpochsSchema = z.union([z.number().positive(), z.record(z.string(), z.number().positive())]);

const StageSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a name usable in a file name (letters, digits, _ . -)'),
    tokens: tokenCount,
    strategy: z.enum(['manual', 'natural', 'temperature', 'unimax']),
    proportions: z.record(z.string(), z.number().min(0)).optional(),
    temperature: z.number().positive().optional(),
    upweight: z.record(z.string(), z.number().positive()).optional(),
    /** a number for every domain, or { default: 4, math: 8 } */
    max_epochs: MaxEpochsSchema.optional(),
    min_quality: z.number().min(0).max(1).optional(),
    top_quality_fraction: z.number().gt(0).max(1).optional(),
    long_documents: z.object({ min_tokens: z.number().int().positive(), weight: z.number().positive() }).strict().optional(),
    sampling: SamplingSchema.optional(),
    trainer: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.strategy === 'manual' && !s.proportions)
      ctx.addIssue({ code: 'custom', path: ['proportions'], message: 'strategy manual needs proportions: { <domain>: <share>, ... }' });
    if (s.strategy !== 'manual' && s.proportions)
      ctx.addIssue({
        code: 'custom',
        path: ['proportions'],
        message: `proportions apply to strategy manual only (this stage is ${s.strategy}); use upweight to tilt it`,
      });
    if (s.strategy === 'temperature' && s.temperature === undefined)
      ctx.addIssue({ code: 'custom', path: ['temperature'], message: 'strategy temperature needs temperature (τ > 0; 1 = natural)' });
    if (s.strategy !== 'temperature' && s.temperature !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['temperature'],
        message: `temperature applies to strategy temperature only (this stage is ${s.strategy})`,
      });
  });

export const MixtureSchema = z
  .object({
    name: z.string().min(1),
    inputs: z.union([z.string().transform((p) => [p]), z.array(z.string()).min(1)]),
    format: z.enum(INPUT_FORMATS).optional(),
    text_key: z.string().min(1).default('text'),
    id_key: z.string().min(1).default('id'),
    group_by: z.string().min(1).default('domain'),
    seed: z.number().int().default(0),
    /** Where the manifests go: <output>/<stage>.manifest.json */
    output: z.string().min(1),
    /** A tokenizer.json for exact token counts (the CLI loads it); without it tokens are estimated from bytes_per_token. */
    tokenizer: z.string().min(1).optional(),
    bytes_per_token: z.number().positive().default(4),
    max_epochs: MaxEpochsSchema.default(4),
    sampling: SamplingSchema.default({}),
    stages: z.array(StageSchema).min(1),
  })
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.stages.forEach((s, i) => {
      if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'name'], message: `duplicate stage name "${s.name}"` });
      seen.add(s.name);
    });
  });

export type MixtureConfigInput = z.input<typeof MixtureSchema>;
export type MixtureConfig = z.output<typeof MixtureSchema>;
export type MixtureStageConfig = MixtureConfig['stages'][number];

export const DEFAULT_SAMPLING = {
  quality_exponent: 1,
  dup_exponent: 0.5,
  dup_cap: 8,
  max_repeats: 8,
  missing_quality: 0.5 as number | 'exclude',
} as const;
export const DEFAULT_MAX_EPOCHS = 4;

export function parseMixtureConfig(raw: unknown, source = 'mixture'): MixtureConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError([`${source}: expected a map of settings`], 'mixture');
  const result = MixtureSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(issuesWithKeyPaths(result.error.issues), 'mixture');
  return result.data;
}

/**
 * Reads and validates a mixture YAML; `overrides` are the CLI's `--set key.path=value`, applied to
 * the raw document so overridden values are validated like written ones.
 */
export async function loadMixtureConfig(path: string, overrides: readonly string[] = []): Promise<MixtureConfig> {
  return parseMixtureConfig(await readConfigFile(path, overrides, 'mixture'), path);
}

/** The resolved sampling settings of a stage: stage over mixture over defaults. */
export function stageSampling(config: MixtureConfig, stage: MixtureStageConfig) {
  return { ...DEFAULT_SAMPLING, ...config.sampling, ...stage.sampling };
}

/** max_epochs for one domain in a stage: stage over mixture, a map's `default` over the global default. */
export function maxEpochsFor(config: MixtureConfig, stage: MixtureStageConfig, domain: string): number {
  for (const setting of [stage.max_epochs, config.max_epochs]) {
    if (setting === undefined) continue;
    if (typeof setting === 'number') return setting;
    if (setting[domain] !== undefined) return setting[domain]!;
    if (setting.default !== undefined) return setting.default;
  }
  return DEFAULT_MAX_EPOCHS;
}
