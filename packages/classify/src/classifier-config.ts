import * as z from 'zod';
import { ConfigError, issuesWithKeyPaths, readConfigFile } from '@anneal/core';
import { INPUT_FORMATS } from '@anneal/io';
import { DEFAULT_FASTTEXT_PARAMS as FT } from './fasttext-train.js';
import type { ClassifierTrainingSpec } from './train-classifier.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const label = z.string().regex(/^\S+$/, 'a label without whitespace');

const InputSetSchema = z
  .object({
    name: z.string().min(1),
    paths: z.union([z.string().transform((p) => [p]), z.array(z.string()).min(1)]),
    optional: z.boolean().default(false),
    format: z.enum([...INPUT_FORMATS, 'text']).optional(),
    text_key: z
      .union([
        z
          .string()
          .min(1)
          .transform((k) => [k]),
        z.array(z.string().min(1)).min(1),
      ])
      .default(['text']),
    id_key: z.string().min(1).default('id'),
    label: label.optional(),
    label_key: z.string().min(1).optional(),
    where: z.record(z.string(), z.union([scalar.transform((v) => [v]), z.array(scalar).min(1)])).optional(),
    split_on: z
      .string()
      .refine((s) => {
        try {
          new RegExp(s, 'mu');
          return true;
        } catch {
          return false;
        }
      }, 'a valid regular expression')
      .optional(),
    chunk_chars: z.number().int().positive().optional(),
    min_chars: z.number().int().nonnegative().default(1),
    max_docs: z.number().int().positive().optional(),
  })
  .strict()
  .refine((s) => (s.label === undefined) !== (s.label_key === undefined), {
    message: 'give exactly one of label (a fixed label) or label_key (a metadata field)',
  });

/** The classifier YAML (`anneal classify train --config pipelines/*-classifier.yaml`), snake_case like every anneal YAML. */
export const ClassifierConfigSchema = z
  .object({
    name: z.string().min(1),
    model: z.string().regex(/\.bin$/, 'a path ending in .bin'),
    seed: z.number().int().default(0),
    held_out: z.number().gt(0).lt(1).default(0.2),
    positive_label: label.optional(),
    max_per_label: z.number().int().positive().optional(),
    inputs: z.array(InputSetSchema).min(1),
    // fastText's own flag names, so its documentation applies as it is
    fasttext: z
      .object({
        dim: z.number().int().min(1).max(1024).default(FT.dim),
        epoch: z.number().int().min(1).max(1000).default(FT.epoch),
        lr: z.number().positive().max(10).default(FT.lr),
        wordNgrams: z.number().int().min(1).max(6).default(FT.wordNgrams),
        minn: z.number().int().min(0).max(20).default(FT.minn),
        maxn: z.number().int().min(0).max(20).default(FT.maxn),
        minCount: z.number().int().min(1).default(FT.minCount),
        bucket: z.number().int().min(0).max(100_000_000).default(FT.bucket),
        loss: z.enum(['softmax', 'hs', 'ns', 'ova']).default(FT.loss),
        thread: z.number().int().min(1).max(256).default(FT.thread),
      })
      .strict()
      .refine((f) => f.maxn === 0 || f.minn <= f.maxn, 'minn must not exceed maxn')
      .default({ ...FT }),
  })
  .strict();

/**
 * Reads a classifier training YAML with `--set` overrides; every problem is listed with its key path
 * (a ConfigError naming the classifier config). Returns the camelCase spec trainClassifier takes.
 */
export async function loadClassifierConfig(path: string, overrides: readonly string[] = []): Promise<ClassifierTrainingSpec> {
  const parsed = ClassifierConfigSchema.safeParse(await readConfigFile(path, overrides, 'classifier'));
  if (!parsed.success) throw new ConfigError(issuesWithKeyPaths(parsed.error.issues), 'classifier');
  const c = parsed.data;
  return {
    name: c.name,
    model: c.model,
    seed: c.seed,
    heldOut: c.held_out,
    positiveLabel: c.positive_label,
    maxPerLabel: c.max_per_label,
    fasttext: c.fasttext,
    inputs: c.inputs.map((s) => ({
      name: s.name,
      paths: s.paths,
      optional: s.optional,
      format: s.format,
      textKeys: s.text_key,
      idKey: s.id_key,
      label: s.label,
      labelKey: s.label_key,
      where: s.where,
      splitOn: s.split_on,
      chunkChars: s.chunk_chars,
      minChars: s.min_chars,
      maxDocs: s.max_docs,
    })),
  };
}
