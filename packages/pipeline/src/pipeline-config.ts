import { availableParallelism } from 'node:os';
import * as z from 'zod';
import { ConfigError, keyPath, readConfigFile } from '@anneal/core';
import { INPUT_FORMATS, OUTPUT_FORMATS, PARQUET_CODECS, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_ROW_GROUP_BYTES } from '@anneal/io';
import { stepCatalogEntry, STEP_CATALOG } from './step-catalog.js';
import { ExecutorSchema } from './slurm-executor-config.js';

const stepEntry = z
  .record(z.string(), z.unknown())
  .refine((entry) => Object.keys(entry).length === 1, { message: 'each step is a map with exactly one key: the step name, e.g. "- normalize: {}"' });

/** Metadata values a source adds to its documents (JSON scalars, as `when:` matches them). */
const SourceMetadataSchema = z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** One input source: its files, how to read them, and metadata added to every document it reads. */
const InputSourceSchema = z
  .object({
    /** Kept as `metadata.source` on every document (datatrove's and Dolma's per-source names). */
    name: z.string().min(1).optional(),
    paths: z.union([z.string().transform((p) => [p]), z.array(z.string()).min(1)]),
    format: z.enum(INPUT_FORMATS).optional(),
    text_key: z.string().min(1).default('text'),
    id_key: z.string().min(1).default('id'),
    max_line_bytes: z.number().int().positive().default(DEFAULT_MAX_LINE_BYTES),
    // no default here: the reader's depends on the format (Parquet rows 64 MiB, WARC records 4 MiB)
    max_record_bytes: z.number().int().positive().optional(),
    max_row_group_bytes: z.number().int().positive().default(DEFAULT_MAX_ROW_GROUP_BYTES),
    /** Added to every document read from this source; a document's own value for a key wins. */
    metadata: SourceMetadataSchema.optional(),
  })
  .strict();

/** In a list of sources each has a name, so its documents say where they came from. */
const NamedInputSourceSchema = InputSourceSchema.extend({ name: z.string().min(1) });

const InputSourceListSchema = z.array(NamedInputSourceSchema).min(1);

/**
 * `input:` is one source (a map) or a list of named sources. Chosen by shape before validating, so a
 * mistake is reported at its key path (input.0.name) rather than as a union that matched nothing.
 */
const InputSchema = z.unknown().transform((value, ctx): z.output<typeof InputSourceSchema> | z.output<typeof InputSourceListSchema> => {
  const parsed = Array.isArray(value) ? InputSourceListSchema.safeParse(value) : InputSourceSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: z.ZodIssueCode.custom, message: issue.message });
  return z.NEVER;
});

const PipelineSchema = z
  .object({
    name: z.string().optional(),
    input: InputSchema,
    output: z
      .object({
        path: z.string().min(1),
        format: z.enum(OUTPUT_FORMATS).default('jsonl'),
        parquet_codec: z.enum(PARQUET_CODECS).default('zstd'),
        row_group_rows: z.number().int().positive().default(16384),
        arrow_format: z.enum(['file', 'stream']).default('file'),
      })
      .strict(),
    workers: z.number().int().positive().default(availableParallelism()),
    tasks: z.number().int().positive().optional(),
    seed: z.number().int().default(0),
    on_error: z.enum(['skip', 'fail']).default('skip'),
    /** Where tasks run (`local` when absent; see slurm-executor-config.ts); it does not change what is written. */
    executor: ExecutorSchema.optional(),
    /** Write every dropped document to `<output>/dropped/<step>/` with its reason (anneal why). */
    keep_dropped: z.boolean().optional(),
    steps: z.array(stepEntry).default([]),
  })
  .strict();

export type PipelineConfig = z.output<typeof PipelineSchema>;

/** A validated step: its name and its options with every default filled in. */
export interface ResolvedStep {
  name: string;
  options: Record<string, unknown>;
  /** `when: { <metadata key>: value or [values] }`: apply only to documents that match every key. */
  when?: Record<string, unknown[]>;
  /** `score_into: <metadata key>`: a filter keeps every document and writes 1 (would pass) or 0 (would drop) there. */
  score_into?: string;
}

const ScoreIntoSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a metadata key such as gopher_pass');

const WhenSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]).or(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).min(1)),
);

export interface ResolvedPipeline extends Omit<PipelineConfig, 'steps'> {
  steps: ResolvedStep[];
}

/** Reads, overrides and validates a pipeline YAML file; nothing runs before this succeeds. */
export async function loadPipeline(configPath: string, overrides: string[] = []): Promise<ResolvedPipeline> {
  return resolvePipeline(await readConfigFile(configPath, overrides));
}

/** Validates a parsed YAML document; throws ConfigError listing every problem with its key path. */
export function resolvePipeline(raw: unknown): ResolvedPipeline {
  const problems: string[] = [];
  const parsed = PipelineSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${keyPath(issue.path)}: ${issue.message}`);
  }
  // Step options are validated even when the rest failed, so one run lists every problem.
  const rawSteps = (raw as { steps?: unknown })?.steps;
  const steps: ResolvedStep[] = [];
  if (Array.isArray(rawSteps)) {
    rawSteps.forEach((entry, i) => {
      if (entry === null || typeof entry !== 'object' || Object.keys(entry).length !== 1) return;
      const [name, options] = Object.entries(entry as Record<string, unknown>)[0]!;
      const def = stepCatalogEntry(name);
      if (!def) {
        problems.push(`steps.${i}: unknown step "${name}" (known: ${STEP_CATALOG.map((d) => d.name).join(', ')})`);
        return;
      }
      const { when, score_into: scoreInto, ...stepOptions } = (options ?? {}) as Record<string, unknown>;
      let resolvedScoreInto: string | undefined;
      if (scoreInto !== undefined) {
        const k = ScoreIntoSchema.safeParse(scoreInto);
        if (!k.success) for (const issue of k.error.issues) problems.push(`${keyPath(['steps', i, name, 'score_into'])}: ${issue.message}`);
        else if (!def.perDocument)
          problems.push(`steps.${i}.${name}.score_into: ${name} does not look at documents one at a time, so it cannot take "score_into"`);
        else resolvedScoreInto = k.data;
      }
      let resolvedWhen: Record<string, unknown[]> | undefined;
      if (when !== undefined) {
        const w = WhenSchema.safeParse(when);
        if (!w.success) for (const issue of w.error.issues) problems.push(`${keyPath(['steps', i, name, 'when', ...issue.path])}: ${issue.message}`);
        else if (!def.perDocument)
          problems.push(`steps.${i}.${name}.when: ${name} does not look at documents one at a time, so it cannot take "when"`);
        else resolvedWhen = Object.fromEntries(Object.entries(w.data).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
      }
      const result = def.options.safeParse(stepOptions);
      if (!result.success) {
        for (const issue of result.error.issues) problems.push(`${keyPath(['steps', i, name, ...issue.path])}: ${issue.message}`);
        return;
      }
      steps.push({
        name,
        options: result.data as Record<string, unknown>,
        ...(resolvedWhen ? { when: resolvedWhen } : {}),
        ...(resolvedScoreInto ? { score_into: resolvedScoreInto } : {}),
      });
    });
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return { ...parsed.data, steps };
}

/** The resolved config as written to `<output>/config.yaml`: steps back in their YAML shape. */
export function toConfigDocument(pipeline: ResolvedPipeline): Record<string, unknown> {
  return {
    ...pipeline,
    steps: pipeline.steps.map((s) => ({
      [s.name]: { ...s.options, ...(s.when ? { when: s.when } : {}), ...(s.score_into ? { score_into: s.score_into } : {}) },
    })),
  };
}
