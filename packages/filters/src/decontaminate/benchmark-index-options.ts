import * as z from 'zod';

/** One benchmark set as the config names it. */
export const BenchmarkSetConfigSchema = z
  .object({
    /** Short snake_case name: drop reasons are `contaminated_<name>`. */
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case name such as gsm8k_test (drop reasons are contaminated_<name>)'),
    path: z.string().min(1),
    /** Fields whose text makes up an item, joined in this order (GSM8K: question, answer). */
    fields: z.array(z.string().min(1)).min(1).default(['text']),
    /** Field naming the item (HumanEval: task_id); without it an item is `<file>:<line or row>`. */
    id_field: z.string().min(1).optional(),
    /** jsonl and parquet as for inputs; text: items are paragraphs separated by blank lines. */
    format: z.enum(['jsonl', 'parquet', 'text']).optional(),
    /** A missing file fails the run (fail) or leaves this set out with a note (skip). */
    if_missing: z.enum(['fail', 'skip']).default('fail'),
  })
  .strict();

export type BenchmarkSetConfig = z.output<typeof BenchmarkSetConfigSchema>;

/** The benchmark index a decontaminate step is built on (the index keys of its options). */
export const BenchmarkIndexOptionsSchema = z
  .object({
    sets: z
      .array(BenchmarkSetConfigSchema)
      .min(1)
      .refine((sets) => new Set(sets.map((s) => s.name)).size === sets.length, 'benchmark set names must differ'),
    /** Words per n-gram (13, as GPT-3 and datatrove). */
    ngram: z.number().int().min(3).max(64).default(13),
    /**
     * Fields with fewer words than `ngram` but at least this many are indexed whole, as one n-gram
     * of their own length; shorter ones ("Yes", "4", a one-line solution) would match everywhere and
     * are left out, counted (the item's other fields still are indexed).
     */
    min_item_words: z.number().int().min(1).default(8),
  })
  .strict();

export type BenchmarkIndexOptions = z.output<typeof BenchmarkIndexOptionsSchema>;
