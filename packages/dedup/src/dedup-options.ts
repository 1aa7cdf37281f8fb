import * as z from 'zod';

// what every dedup step takes (dedup_exact's options are these three)
const keep = z.enum(['first_id', 'highest_quality']).default('first_id');
const write_removed = z.boolean().default(false);
const bucket_shards = z.number().int().min(1).max(4096).default(1);

/** Options of the `dedup_exact` step. */
export const ExactDedupOptionsSchema = z.object({ keep, write_removed, bucket_shards }).strict();

export type ExactDedupOptions = z.output<typeof ExactDedupOptionsSchema>;

/** Options of the `dedup_minhash` step: shingles, bands × rows, and what every dedup step takes. */
export const MinHashDedupOptionsSchema = z
  .object({
    ngram: z.number().int().min(1).default(5),
    bands: z.number().int().min(1).max(256).default(14),
    rows: z.number().int().min(1).max(64).default(8),
    seed: z.number().int().default(1),
    hash_bits: z.union([z.literal(32), z.literal(64)]).default(32),
    /** Merge candidates only when their estimated Jaccard is at least this. */
    threshold: z.number().min(0).max(1).optional(),
    keep,
    write_removed,
    bucket_shards,
  })
  .strict();

export type MinHashDedupOptions = z.output<typeof MinHashDedupOptionsSchema>;
