import { z } from 'zod';
import { CORPUS_STATS_VERSION, type CorpusStats, type RunDropStats } from '@anneal/mixture';

/**
 * The shape of `anneal stats --json` output, checked before a saved file is rendered, so a wrong or
 * hand-edited file is refused with the key path of each problem instead of drawing nonsense. Typed
 * against @anneal/mixture's `CorpusStats`, so the compiler notices when the two drift apart.
 * Unknown keys pass through: mixture promises additive changes only.
 */
const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);
const nullableNumber = z.number().nullable();

const histogram = z
  .object({ edges: z.array(z.number()).min(2), counts: z.array(count), underflow: count, overflow: count })
  .refine((h) => h.counts.length === h.edges.length - 1, { message: 'counts must have one entry fewer than edges' });

const distribution = z.object({
  documents: count,
  missing: count,
  min: nullableNumber,
  max: nullableNumber,
  mean: nullableNumber,
  p10: nullableNumber,
  p50: nullableNumber,
  p90: nullableNumber,
  histogram,
});

const domainShare = z.object({ domain: z.string(), tokens: z.number().nonnegative(), share, epochs: z.number().nonnegative().optional(), documents: count.optional() });

const domainStats = z.object({
  domain: z.string(),
  documents: count,
  bytes: count,
  tokens: z.number().nonnegative(),
  tokens_estimated: z.boolean(),
  token_share: share,
  document_share: share,
  quality: distribution,
  length_tokens: distribution,
  dup_count: z.object({
    documents: count,
    missing: count,
    represented_documents: count,
    max: nullableNumber,
    buckets: z.array(z.object({ label: z.string(), min: z.number(), max: z.number(), documents: count })),
  }),
  languages: z.array(z.object({ language: z.string(), documents: count, share })),
  samples: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      truncated: z.boolean(),
      bytes: count,
      tokens: z.number().nonnegative(),
      quality: z.number().optional(),
      dup_count: z.number().optional(),
      language: z.string().optional(),
      source: z.string().optional(),
      file: z.string(),
    }),
  ),
});

export const runDropStatsSchema: z.ZodType<RunDropStats> = z.object({
  stats_file: z.string(),
  documents_in: count,
  documents_out: count,
  dropped: count,
  errors: count,
  steps: z.array(z.object({ step: z.string(), in: count, out: count, errors: count, dropped: z.record(z.string(), count) })),
});

export const corpusStatsSchema: z.ZodType<CorpusStats> = z.looseObject({
  version: z.literal(CORPUS_STATS_VERSION),
  inputs: z.array(z.string()),
  group_by: z.string(),
  token_counting: z.object({ estimated: z.boolean(), method: z.string(), tokenizer: z.string().optional() }),
  totals: z.object({ documents: count, bytes: count, tokens: z.number().nonnegative(), read_errors: count }),
  domains: z.array(domainStats),
  read_errors: z.array(z.string()),
  run: runDropStatsSchema.optional(),
  before_curation: z.object({ inputs: z.array(z.string()), documents: count, tokens: z.number().nonnegative(), domains: z.array(domainShare) }).optional(),
  stages: z.array(z.object({ stage: z.string(), target_tokens: z.number().nonnegative(), tokens: z.number().nonnegative(), domains: z.array(domainShare) })).optional(),
});
