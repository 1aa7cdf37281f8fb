import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import * as z from 'zod';
import { ConfigError, issuesWithKeyPaths, readConfigFile } from '@anneal/core';

/**
 * The search YAML (`anneal mix search <search.yaml>`): the token shards the proxies train on, the
 * mixture YAML whose stages are searched (its budgets and max_epochs set the caps; the answer is that
 * file with manual proportions), the target the proxies are scored on, and the proxies' size.
 * Relative paths resolve against the working directory, as in every anneal YAML.
 */
const positiveInt = z.number().int().positive();

/** A token count written as 20000, "20k", "1.5M". */
const tokenCount = z.union([
  positiveInt,
  z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*[kKmMbB]?\s*$/, 'a token count such as 20000, "20k", "1.5M"')
    .transform((s) => {
      const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMbB]?)\s*$/.exec(s)!;
      return Math.round(Number(m[1]) * { '': 1, k: 1e3, m: 1e6, b: 1e9 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'b']);
    }),
]);

/** One held-out set the proxies are scored on; the target loss is the weighted mean over the list. */
const TargetSchema = z
  .object({
    /** a domain's held-out documents */
    domain: z.string().min(1).optional(),
    /** the mean over every domain's held-out documents */
    all_domains: z.literal(true).optional(),
    /** a text file (one document per blank-line-separated block) or JSONL file, tokenized with `tokenizer` */
    file: z.string().min(1).optional(),
    /** JSONL only: the field(s) joined into a document's text (default text) */
    text_keys: z.array(z.string().min(1)).min(1).optional(),
    weight: z.number().positive().default(1),
  })
  .strict()
  .refine((t) => [t.domain, t.all_domains, t.file].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of domain, all_domains or file',
  });

const TargetListSchema = z.array(TargetSchema).min(1);

export const SearchConfigSchema = z
  .object({
    name: z.string().min(1),
    /**
     * token shards of the curated inputs (`anneal tokenize`), documents grouped by domain; without
     * it the search tokenizes the mixture YAML's own inputs with `tokenizer`
     */
    shards: z.string().min(1).optional(),
    /** held-out token shards; otherwise held_out_fraction of the shards' documents, by id hash */
    validation_shards: z.string().min(1).optional(),
    held_out_fraction: z.number().gt(0).lt(1).default(0.05),
    /** the tokenizer.json the shards were made with (needed for file targets, and without shards) */
    tokenizer: z.string().min(1).optional(),
    /** the mixture YAML whose stages are searched (`anneal mix` input): stages, budgets, max_epochs, inputs */
    mixture: z.string().min(1),
    /** the stages to search (default: every stage of the mixture); the others are kept as they are */
    stages: z.array(z.string().min(1)).min(1).optional(),
    /** where proxies, the searched mixture YAML and the report go */
    output: z.string().min(1),
    /** where the searched mixture YAML sends `anneal mix`'s manifests (default <output>/manifests) */
    mixture_output: z.string().min(1).optional(),
    target: TargetListSchema,
    /** a stage's own target (e.g. the anneal stage scored on the high-quality domains) */
    stage_targets: z.record(z.string(), TargetListSchema).default({}),
    proxy: z
      .object({
        // 0.17M parameters at vocab 1,024, 0.6M at 8,192: RegMix's proxies were 1M
        d_model: positiveInt.default(64),
        n_layers: positiveInt.default(2),
        n_heads: positiveInt.default(4),
        seq_len: positiveInt.default(64),
        batch_size: positiveInt.default(8),
        /** training tokens per proxy */
        tokens: tokenCount.default(200_000),
        lr: z.number().positive().optional(),
        /** held-out windows per domain at each evaluation */
        eval_windows: positiveInt.default(16),
        /** evaluations along each proxy's run (its loss trajectory; stage boundaries snap to them) */
        trajectory_points: positiveInt.default(8),
        backend: z.enum(['auto', 'tensorflow', 'tensorflow-gpu', 'wasm', 'cpu']).default('auto'),
      })
      .strict()
      .prefault({}),
    proxies: positiveInt.default(32),
    /**
     * α = s · K · natural, s log-uniform in [min, max] per proxy (K domains): s = 1 is as spread as a
     * flat Dirichlet around the natural mixture, small s gives extreme mixtures, large s near-natural ones
     */
    dirichlet: z
      .object({ min_scale: z.number().positive().default(0.1), max_scale: z.number().positive().default(5) })
      .strict()
      .prefault({})
      .refine((d) => d.min_scale <= d.max_scale, { message: 'min_scale must not exceed max_scale' }),
    regression: z.enum(['auto', 'linear', 'log-linear', 'random-forest']).default('auto'),
    /** simulated candidate mixtures the regression scores */
    candidates: positiveInt.default(100_000),
    /** the answer is the mean of the top_k predicted candidates */
    top_k: positiveInt.default(100),
    seed: z.number().int().nonnegative().default(0),
    /**
     * proxy processes at once, each its own TensorFlow with threads_per_worker threads (default: the
     * cores over the workers); 0 = in this process. On 2 cores one process of 2 threads trained proxies
     * 1.4–1.5× faster than two processes of one thread (bench/README.md, bench/mix-search)
     */
    workers: z.number().int().nonnegative().default(1),
    threads_per_worker: positiveInt.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.top_k > c.candidates) ctx.addIssue({ code: 'custom', path: ['top_k'], message: 'must not exceed candidates' });
    const needsTokenizer = [...c.target, ...Object.values(c.stage_targets).flat()].some((t) => t.file !== undefined);
    if (needsTokenizer && !c.tokenizer)
      ctx.addIssue({ code: 'custom', path: ['tokenizer'], message: 'a file target needs the tokenizer the shards were made with' });
    if (c.shards === undefined && !c.tokenizer)
      ctx.addIssue({ code: 'custom', path: ['shards'], message: "give token shards, or a tokenizer to tokenize the mixture YAML's inputs with" });
  });

export type SearchConfig = z.output<typeof SearchConfigSchema> & { threads_per_worker: number };
export type SearchTarget = SearchConfig['target'][number];

/** Validates a parsed search YAML, every problem with its key path; paths resolved against the working directory. */
export function parseSearchConfig(raw: unknown, source = 'search config'): SearchConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError([`${source}: expected a map of settings`], 'search');
  const parsed = SearchConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(issuesWithKeyPaths(parsed.error.issues), 'search');
  const c = parsed.data;
  const threads = c.threads_per_worker ?? Math.max(1, Math.floor(availableParallelism() / Math.max(1, c.workers)));
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(p));
  const absTargets = (list: SearchTarget[]) => list.map((t) => (t.file ? { ...t, file: abs(t.file) } : t));
  return {
    ...c,
    threads_per_worker: threads,
    shards: c.shards === undefined ? undefined : abs(c.shards),
    validation_shards: c.validation_shards === undefined ? undefined : abs(c.validation_shards),
    tokenizer: c.tokenizer === undefined ? undefined : abs(c.tokenizer),
    mixture: abs(c.mixture),
    output: abs(c.output),
    target: absTargets(c.target),
    stage_targets: Object.fromEntries(Object.entries(c.stage_targets).map(([k, v]) => [k, absTargets(v)])),
  };
}

/** Reads and validates a search YAML; `overrides` are the CLI's `--set`, applied before validation; problems name the file. */
export async function loadSearchConfig(path: string, overrides: readonly string[] = []): Promise<SearchConfig> {
  const raw = await readConfigFile(path, overrides, 'search');
  try {
    return parseSearchConfig(raw, path);
  } catch (err) {
    throw err instanceof ConfigError ? err.inFile(path) : err;
  }
}
