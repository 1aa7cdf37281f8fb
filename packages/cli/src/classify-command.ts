import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_FASTTEXT_PARAMS as FT, evaluateClassifier, formatMetrics, trainClassifier, type ClassifierTrainingSpec } from '@anneal/classify';
import { basename, dirname } from 'node:path';
import { expandInputs, INPUT_FORMATS, type InputFile } from '@anneal/io';
import { ConfigError, collectSet, issuesWithKeyPaths, readConfigFile } from '@anneal/core';
import { classifierFiles, olderClassifyOutput } from '@anneal/pipeline';
import { openVerbOutput } from './verb-output.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const label = z.string().regex(/^\S+$/, 'a label without whitespace');

const InputSetSchema = z
  .object({
    name: z.string().min(1),
    paths: z.union([z.string().transform((p) => [p]), z.array(z.string()).min(1)]),
    optional: z.boolean().default(false),
    format: z.enum([...INPUT_FORMATS, 'text']).optional(),
    text_key: z.union([z.string().min(1).transform((k) => [k]), z.array(z.string().min(1)).min(1)]).default(['text']),
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
  .refine((s) => (s.label === undefined) !== (s.label_key === undefined), { message: 'give exactly one of label (a fixed label) or label_key (a metadata field)' });

const ClassifierConfigSchema = z
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

/** Reads a classifier training YAML with `--set` overrides; every problem is listed with its key path. */
export async function loadClassifierConfig(path: string, overrides: string[] = []): Promise<ClassifierTrainingSpec> {
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


function describeInputs(report: { sets: Array<{ name: string; examples: number; skipped?: string }>; badRecords: number }): string {
  const lines = report.sets.map((s) => (s.skipped ? `  ${s.name}: skipped (${s.skipped})` : `  ${s.name}: ${s.examples} example(s)`));
  if (report.badRecords > 0) lines.push(`  ${report.badRecords} bad input record(s) skipped`);
  return `inputs:\n${lines.join('\n')}\n`;
}

/** `anneal classify train|eval`: fastText classifiers from labeled documents. */
export function registerClassifyCommand(program: Command): void {
  const classify = program.command('classify').description('Train and evaluate fastText classifiers (domain, quality, ...) for the classify step');

  classify
    .command('train')
    .description('Build labeled data from the config inputs, train a fastText model, print held-out precision / recall / F1 (and AUC)')
    .requiredOption('--config <classifier.yaml>', 'classifier training config (see pipelines/domain-classifier.yaml)')
    .option('--set <key.path=value>', 'override a config key, repeatable (e.g. --set fasttext.epoch=20)', collectSet, [])
    .action(async (opts: { config: string; set: string[] }) => {
      const spec = await loadClassifierConfig(opts.config, opts.set);
      // the model's folder is the output: several classifiers may share it (out/classifiers/)
      const files: InputFile[] = [];
      for (const set of spec.inputs) {
        // an optional set with nothing there is skipped by the training too
        files.push(...(await expandInputs(set.paths, process.cwd()).catch((err: unknown) => (set.optional ? [] : Promise.reject(err)))));
      }
      const output = await openVerbOutput(dirname(spec.model), {
        verb: 'classify train',
        label: 'model folder',
        planned: classifierFiles(basename(spec.model).replace(/\.bin$/, '')),
        inputs: { files, patterns: spec.inputs.flatMap((s) => s.paths) },
        recogniseOlder: olderClassifyOutput,
        command: `anneal classify train --config ${opts.config}`,
        log: (m) => process.stderr.write(`anneal: ${m}\n`),
      });
      let run;
      try {
        run = await trainClassifier(spec);
      } finally {
        await output.release();
      }
      const labels = Object.entries(run.trainLabels).map(([l, n]) => `${l} ${n}`).join(', ');
      process.stdout.write(
        `${describeInputs(run.report)}trained ${spec.name} on ${run.trainExamples} examples (${labels}) in ${run.trainSeconds.toFixed(1)} s\n\n` +
          `held-out (${run.heldOutExamples} examples, ${Math.round(spec.heldOut * 100)} % by id):\n${formatMetrics(run.metrics)}\n` +
          `model:   ${run.modelPath}\nmetrics: ${run.metricsPath}\n`,
      );
    });

  classify
    .command('eval')
    .description('Evaluate an already trained model on the held-out split its training config defines')
    .requiredOption('--config <classifier.yaml>', 'the config the model was trained with')
    .option('--set <key.path=value>', 'override a config key, repeatable', collectSet, [])
    .action(async (opts: { config: string; set: string[] }) => {
      const spec = await loadClassifierConfig(opts.config, opts.set);
      const { metrics, heldOutExamples, report } = await evaluateClassifier(spec);
      process.stdout.write(`${describeInputs(report)}held-out (${heldOutExamples} examples) for ${spec.model}:\n${formatMetrics(metrics)}`);
    });
}
