import { z } from 'zod';
import { exactDedupStep, minhashDedupStep } from '@anneal/dedup';
import { defineStep, type StepDefinition } from './define-step.js';

const keep = z.enum(['first_id', 'highest_quality']).default('first_id');
const write_removed = z.boolean().default(false);
const bucket_shards = z.number().int().min(1).max(4096).default(1);

/** Exact and MinHash-LSH deduplication (package `dedup`); both keep cluster sizes as `dup_count`. */
export const DEDUP_STEPS: readonly StepDefinition[] = [
  defineStep({
    name: 'dedup_exact',
    summary: 'Exact dedup on a 64-bit hash of the simplified text; keeps one per cluster with dup_count (exact_duplicate)',
    perDocument: false,
    global: true,
    options: z.object({ keep, write_removed, bucket_shards }).strict(),
    create: (options) => exactDedupStep(options),
  }),
  defineStep({
    name: 'dedup_minhash',
    summary: 'MinHash-LSH fuzzy dedup (word n-gram shingles, bands × rows); keeps one per cluster with dup_count (near_duplicate)',
    perDocument: false,
    global: true,
    options: z
      .object({
        ngram: z.number().int().min(1).default(5),
        bands: z.number().int().min(1).max(256).default(14),
        rows: z.number().int().min(1).max(64).default(8),
        seed: z.number().int().default(1),
        hash_bits: z.union([z.literal(32), z.literal(64)]).default(32),
        threshold: z.number().min(0).max(1).optional(),
        keep,
        write_removed,
        bucket_shards,
      })
      .strict(),
    create: (options) => minhashDedupStep(options),
  }),
];
