import { isAbsolute, resolve } from 'node:path';
import * as z from 'zod';
import { ConfigError, keyPath } from '@anneal/core';
import { withModelFromInitFrom } from './training-run-init-from.js';
import { DEFAULT_BATCH_SIZE, defaultLearningRate, defaultMinLearningRate, defaultStageName } from './training-run-defaults.js';

/**
 * The training YAML (`anneal train pipelines/pretrain-*.yaml`): one model, one optimizer, and a
 * list of stages trained in order, each with its own data mixture, length (tokens or steps),
 * seq_len, RoPE base and learning-rate phase. Keys are snake_case like every anneal YAML.
 *
 * The smallest config is run_dir, tokenizer, data.shards, model (d_model, n_layers, n_heads) and one
 * stage with steps (or tokens) and seq_len; everything else has a default (training-run-defaults.ts):
 * AdamW at a learning rate for the model's width, warmup then cosine decay to a tenth of it, and a
 * stage without mixture or manifest trains on every domain of the shards by its token count.
 */
const positiveInt = z.number().int().positive();
const weights = z.record(z.string().min(1), z.number().nonnegative());

const LrPhaseSchema = z.enum(['warmup_stable', 'stable', 'decay', 'cosine', 'constant']);

const StageSchema = z
  .object({
    /** default stage1, stage2, … by position */
    name: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . -')
      .optional(),
    /** token budget (inputs seen) or a number of optimizer steps; exactly one */
    tokens: positiveInt.optional(),
    steps: positiveInt.optional(),
    /** window length; with a manifest, defaults to its `trainer.seq_len` */
    seq_len: positiveInt.optional(),
    batch_size: positiveInt.optional(),
    /** micro-batches per step for this stage (long windows: fewer rows per micro-batch, same tokens per step) */
    gradient_accumulation: positiveInt.optional(),
    /**
     * per-domain weights, e.g. {web: 0.6, code: 0.2, math: 0.2} (documents without a domain are
     * `unknown`); with neither mixture nor manifest, every domain of the shards by its token count
     */
    mixture: weights.optional(),
    /** a stage manifest from `anneal mix` (<stage>.manifest.json), relative to this YAML */
    manifest: z.string().min(1).optional(),
    /** RoPE base from this stage on (raised for context-length extension) */
    rope_theta: z.number().positive().optional(),
    /** long-context up-sampling: documents of at least min_tokens appear `repeat` times as often */
    long_documents: z.object({ min_tokens: positiveInt, repeat: positiveInt }).strict().optional(),
    /**
     * warmup_stable: warmup then max lr; stable: max lr; decay: max → min over the stage (the WSD
     * decay, where the anneal mixture goes); cosine (the default): warmup (first stage) + cosine to
     * min within the stage, so a one-stage run gets the usual warmup + cosine over the whole run;
     * constant: `lr` throughout (default min lr)
     */
    lr_phase: LrPhaseSchema.default('cosine'),
    lr: z.number().positive().optional(),
    decay_shape: z.enum(['linear', 'cosine', 'sqrt']).default('linear'),
  })
  .strict()
  .refine(
    (s) => !(s.tokens !== undefined && s.steps !== undefined) && (s.tokens !== undefined || s.steps !== undefined || s.manifest !== undefined),
    {
      message: 'give exactly one of tokens or steps (with a manifest, tokens defaults to the manifest’s)',
    },
  )
  .refine((s) => s.mixture === undefined || s.manifest === undefined, {
    message: 'give at most one of mixture (domain weights) or manifest (from anneal mix); with neither, every domain by its token count',
  })
  .refine((s) => s.seq_len !== undefined || s.manifest !== undefined, {
    message: 'seq_len is required (with a manifest it defaults to the manifest’s trainer.seq_len)',
    path: ['seq_len'],
  });

export const TrainingRunConfigSchema = z
  .object({
    /** where checkpoints/, metrics.jsonl and config.yaml go (relative to the YAML) */
    run_dir: z.string().min(1),
    seed: z.number().int().nonnegative().default(0),
    backend: z.enum(['auto', 'tensorflow', 'tensorflow-gpu', 'wasm', 'cpu']).default('auto'),
    /** data-parallel replicas on worker threads (each its own backend); 1 trains on the main thread */
    workers: positiveInt.default(1),
    data: z
      .object({
        /** token shard directory written by `anneal tokenize` */
        shards: z.string().min(1),
        /** a separate held-out token shard directory; otherwise held_out_fraction of the shards' documents */
        validation_shards: z.string().min(1).optional(),
        held_out_fraction: z.number().min(0).lt(1).default(0.01),
        /** validation windows per domain at each evaluation */
        eval_windows: positiveInt.default(8),
      })
      .strict(),
    /** tokenizer.json the shards were made with: copied into checkpoints for `anneal sample` and `export hf` */
    tokenizer: z.string().min(1).optional(),
    /**
     * continued pre-training: a Hugging Face Llama directory (config.json + model.safetensors, or
     * sharded with model.safetensors.index.json) whose weights the run starts from; the model block
     * is filled from its config.json (training-run-init-from.ts)
     */
    init_from: z.string().min(1).optional(),
    model: z
      .object({
        d_model: positiveInt,
        n_layers: positiveInt,
        n_heads: positiveInt,
        n_kv_heads: positiveInt.optional(),
        ffn_hidden: positiveInt.optional(),
        rope_theta: z.number().positive().default(10000),
        norm_eps: z.number().positive().default(1e-5),
        tie_embeddings: z.boolean().default(true),
        embedding: z.enum(['gather', 'onehot']).default('gather'),
        init_std: z.number().positive().default(0.02),
      })
      .strict(),
    /** AdamW; every key has a default (training-run-defaults.ts), so the whole block may be left out */
    optimizer: z
      .object({
        /** peak learning rate; default 3e-4 × 1024 / d_model, at most 3e-3 */
        lr: z.number().positive().optional(),
        /** where decays end; default lr / 10 */
        min_lr: z.number().nonnegative().optional(),
        /** default 2 % of the run's steps, at least 10 (at most a tenth of the run); resolved when the stages are planned */
        warmup_steps: z.number().int().nonnegative().optional(),
        weight_decay: z.number().nonnegative().default(0.1),
        beta1: z.number().min(0).lt(1).default(0.9),
        beta2: z.number().min(0).lt(1).default(0.95),
        eps: z.number().positive().default(1e-8),
        no_decay: z.enum(['norms', 'norms-and-embeddings', 'none']).default('norms-and-embeddings'),
        grad_clip: z.number().nonnegative().default(1.0),
      })
      .strict()
      .prefault({}),
    /** windows per micro-batch, and micro-batches per optimizer step */
    batch_size: positiveInt.default(DEFAULT_BATCH_SIZE),
    gradient_accumulation: positiveInt.default(1),
    eval_every: positiveInt.default(100),
    checkpoint_every: positiveInt.default(100),
    keep_checkpoints: positiveInt.default(3),
    /** seconds between plain progress lines when stderr is not a terminal */
    log_every_s: z.number().positive().default(10),
    stages: z.array(StageSchema).min(1),
  })
  .strict()
  // defaults that depend on other keys: the learning rates on d_model, a stage's name on its position
  .transform((c) => {
    const lr = c.optimizer.lr ?? defaultLearningRate(c.model.d_model);
    return {
      ...c,
      optimizer: { ...c.optimizer, lr, min_lr: c.optimizer.min_lr ?? Math.min(defaultMinLearningRate(lr), lr) },
      stages: c.stages.map((s, i) => ({ ...s, name: s.name ?? defaultStageName(i) })),
    };
  })
  .superRefine((c, ctx) => {
    const names = new Set<string>();
    c.stages.forEach((s, i) => {
      if (names.has(s.name)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'name'], message: `duplicate stage name ${s.name}` });
      names.add(s.name);
    });
    if (c.optimizer.min_lr > c.optimizer.lr) ctx.addIssue({ code: 'custom', path: ['optimizer', 'min_lr'], message: 'must not exceed optimizer.lr' });
  });

export type TrainingRunConfig = z.infer<typeof TrainingRunConfigSchema>;
export type StageConfig = TrainingRunConfig['stages'][number];
export type LrPhase = z.infer<typeof LrPhaseSchema>;

/**
 * Validates a parsed training YAML; every problem is listed with its key path. Relative paths are
 * resolved against the working directory, as in every anneal pipeline YAML (run from the repository root).
 */
export function parseTrainingConfig(raw: unknown): TrainingRunConfig {
  const filled = withModelFromInitFrom(raw);
  const parsed = TrainingRunConfigSchema.safeParse(filled.raw);
  const issues = parsed.success ? [] : parsed.error.issues.filter((i) => !(filled.modelUnknown && i.path[0] === 'model'));
  const problems = [...filled.problems, ...issues.map((i) => `${keyPath(i.path)}: ${i.message}`)];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems, 'training');
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(p));
  const c = parsed.data;
  return {
    ...c,
    run_dir: abs(c.run_dir),
    tokenizer: c.tokenizer === undefined ? undefined : abs(c.tokenizer),
    init_from: c.init_from === undefined ? undefined : abs(c.init_from),
    data: {
      ...c.data,
      shards: abs(c.data.shards),
      validation_shards: c.data.validation_shards === undefined ? undefined : abs(c.data.validation_shards),
    },
    stages: c.stages.map((s) => ({ ...s, manifest: s.manifest === undefined ? undefined : abs(s.manifest) })),
  };
}

/** Optimizer steps of a stage: its `steps`, or its token budget over the tokens one step trains on. */
export function stageSteps(config: TrainingRunConfig, stage: StageConfig & { seq_len: number }): number {
  if (stage.steps !== undefined) return stage.steps;
  if (stage.tokens === undefined) throw new Error(`stage ${stage.name}: no tokens or steps`);
  const perStep = (stage.batch_size ?? config.batch_size) * (stage.gradient_accumulation ?? config.gradient_accumulation) * stage.seq_len;
  return Math.max(1, Math.ceil(stage.tokens / perStep));
}
