import { z } from 'zod';
import {
  buildBenchmarkIndex,
  decontaminateStep,
  piiStep,
  DEFAULT_DECONTAMINATE_OPTIONS as DECON,
  DEFAULT_PII_OPTIONS as PII,
  type BenchmarkIndexData,
} from '@anneal/filters';
import { defineStep, type StepDefinition } from './define-step.js';

const snakeName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case name such as gsm8k_test (drop reasons are contaminated_<name>)');

const benchmarkSet = z
  .object({
    name: snakeName,
    path: z.string().min(1),
    fields: z.array(z.string().min(1)).min(1).default(['text']),
    id_field: z.string().min(1).optional(),
    format: z.enum(['jsonl', 'parquet', 'text']).optional(),
    if_missing: z.enum(['fail', 'skip']).default('fail'),
  })
  .strict();

const decontaminateOptions = z
  .object({
    sets: z
      .array(benchmarkSet)
      .min(1)
      .refine((sets) => new Set(sets.map((s) => s.name)).size === sets.length, 'benchmark set names must differ'),
    ngram: z.number().int().min(3).max(64).default(13),
    min_item_words: z.number().int().min(1).default(8),
    min_coverage: z.number().min(0).max(1).default(DECON.min_coverage),
    action: z.enum(['drop', 'remove_spans']).default(DECON.action),
    margin_words: z.number().int().nonnegative().default(DECON.margin_words),
    min_remaining_words: z.number().int().nonnegative().default(DECON.min_remaining_words),
  })
  .strict();

const kind = (fallback: { enabled: boolean; replacement: string }) =>
  z.object({ enabled: z.boolean().default(fallback.enabled), replacement: z.string().default(fallback.replacement) }).strict().default({ ...fallback });

/** Benchmark decontamination and PII redaction (package `filters`). */
export const CONTAMINATION_STEPS: readonly StepDefinition[] = [
  defineStep({
    name: 'decontaminate',
    perDocument: true,
    summary: 'Drops documents holding benchmark items (word 13-grams of GSM8K, HumanEval, ... files), or cuts the passages (contaminated_<set>)',
    options: decontaminateOptions,
    async prepare(options, note) {
      const index = await buildBenchmarkIndex({ sets: options.sets, ngram: options.ngram, min_item_words: options.min_item_words });
      for (const set of index.sets) {
        if (set.missing) note(`decontaminate: benchmark set ${set.name} skipped (${set.missing}; if_missing: skip)`);
      }
      if (index.itemId.length === 0) note('decontaminate: no benchmark item indexed; the step passes every document on');
      return index;
    },
    create(options, prepared) {
      if (!prepared) throw new Error('decontaminate needs its benchmark index, built once per run by `anneal run` (StepDefinition.prepare)');
      return decontaminateStep(prepared as BenchmarkIndexData, options);
    },
  }),
  defineStep({
    name: 'pii',
    perDocument: true,
    summary: 'Replaces e-mail addresses, IPv4/IPv6 addresses (private and documentation ranges kept), phone numbers, Luhn-valid card numbers; counts per kind',
    options: z
      .object({
        email: kind(PII.email),
        ip: z
          .object({
            enabled: z.boolean().default(PII.ip.enabled),
            replacement_v4: z.string().default(PII.ip.replacement_v4),
            replacement_v6: z.string().default(PII.ip.replacement_v6),
            keep_private: z.boolean().default(PII.ip.keep_private),
            keep_documentation: z.boolean().default(PII.ip.keep_documentation),
          })
          .strict()
          .default({ ...PII.ip }),
        phone: kind(PII.phone),
        credit_card: kind(PII.credit_card),
      })
      .strict(),
    create: (options) => piiStep(options),
  }),
];
