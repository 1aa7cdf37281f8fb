import * as z from 'zod';

/**
 * The statistics `anneal stats` computes over document shards, in the exact shape of its `--json`
 * output, defined once: each type below is inferred from its schema, and the HTML report checks a
 * saved file against the same schemas before rendering it, so the two cannot drift apart. Changes
 * are additive only: new optional fields, never renamed or removed ones. `version` changes only if
 * that promise breaks.
 */

export const CORPUS_STATS_VERSION = 1 as const;

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);
const nullableNumber = z.number().nullable();

/** How many documents carry a value (a number in range), and how many do not: every summary of one value starts so. */
const coverage = {
  documents: count,
  missing: count,
};

/**
 * Counts over fixed bins. `edges` has one more entry than `counts`; bin i holds values in
 * [edges[i], edges[i+1]) except the last, which also holds its upper edge. Values below the first
 * edge or above the last are counted in `underflow` / `overflow`, never dropped silently.
 */
const histogramSchema = z
  .object({ edges: z.array(z.number()).min(2), counts: z.array(count), underflow: count, overflow: count })
  .refine((h) => h.counts.length === h.edges.length - 1, { message: 'counts must have one entry fewer than edges' });
export type Histogram = z.infer<typeof histogramSchema>;

/**
 * Quantiles estimated from a fine fixed-bin histogram (bounded memory); exact to within one fine
 * bin (`resolution` in the value's unit, or the relative bin width for log-scale values).
 * All null when no document carries the value.
 */
const quantileSummarySchema = z.object({
  ...coverage,
  min: nullableNumber,
  max: nullableNumber,
  mean: nullableNumber,
  p10: nullableNumber,
  p50: nullableNumber,
  p90: nullableNumber,
});
export type QuantileSummary = z.infer<typeof quantileSummarySchema>;

const distributionSchema = quantileSummarySchema.extend({ histogram: histogramSchema });

/** How tokens were counted. Exact only when a tokenizer encoded every document. */
const tokenCountingSchema = z.object({
  estimated: z.boolean(),
  /** e.g. "tokenizer.json (BPE, vocab 32000)" or "estimate: ceil(utf8 bytes / 4.0)". */
  method: z.string(),
  /** The tokenizer file when exact. */
  tokenizer: z.string().optional(),
});
export type TokenCounting = z.infer<typeof tokenCountingSchema>;

/**
 * `dup_count` (size of the duplicate cluster a document stands for) in power-of-two buckets:
 * `label` "1", "2", "3-4", "5-8", ..., with inclusive bounds `min` and `max`.
 */
const dupCountBucketSchema = z.object({ label: z.string(), min: z.number(), max: z.number(), documents: count });
export type DupCountBucket = z.infer<typeof dupCountBucketSchema>;

/** `documents`: those with a numeric dup_count >= 1; the others are `missing` (treated as 1 by mixtures). */
const dupCountStatsSchema = z.object({
  ...coverage,
  /** Sum of dup_count over documents that carry it: how many documents existed before dedup. */
  represented_documents: count,
  max: nullableNumber,
  buckets: z.array(dupCountBucketSchema),
});
export type DupCountStats = z.infer<typeof dupCountStatsSchema>;

/** `language`: the metadata value, "(none)" when absent; `share`: documents / domain documents. */
const languageShareSchema = z.object({ language: z.string(), documents: count, share });
export type LanguageShare = z.infer<typeof languageShareSchema>;

/** A few documents per domain for eyeballing, chosen by seeded hash of their id (order-independent). */
const sampleDocumentSchema = z.object({
  id: z.string(),
  /** The first `max_chars` characters; raw text, never escaped here (the renderer escapes it). */
  text: z.string(),
  truncated: z.boolean(),
  bytes: count,
  tokens: z.number().nonnegative(),
  quality: z.number().optional(),
  dup_count: z.number().optional(),
  language: z.string().optional(),
  source: z.string().optional(),
  /** The shard it came from (display path). */
  file: z.string(),
});
export type SampleDocument = z.infer<typeof sampleDocumentSchema>;

const domainStatsSchema = z.object({
  /** The grouping value; "unknown" when the document has no such metadata or it is empty. */
  domain: z.string(),
  documents: count,
  /** UTF-8 bytes of text. */
  bytes: count,
  tokens: z.number().nonnegative(),
  /** Same as the corpus' token_counting.estimated, repeated so a row reads on its own. */
  tokens_estimated: z.boolean(),
  /** tokens / corpus tokens. */
  token_share: share,
  /** documents / corpus documents. */
  document_share: share,
  quality: distributionSchema,
  /** Document length in tokens (as counted above); histogram bins are powers of two. */
  length_tokens: distributionSchema,
  dup_count: dupCountStatsSchema,
  /** Sorted by documents, descending, then name. */
  languages: z.array(languageShareSchema),
  samples: z.array(sampleDocumentSchema),
});
export type DomainStats = z.infer<typeof domainStatsSchema>;

/** One step of the pipeline run whose outputs were read, from its merged `stats.json`. */
const stepDropStatsSchema = z.object({
  step: z.string(),
  in: count,
  out: count,
  errors: count,
  /** Drop counts by reason, as the step reported them. */
  dropped: z.record(z.string(), count),
  /** The step's own counters (PII found per kind, documents hit per benchmark), when it kept some. */
  counts: z.record(z.string(), count).optional(),
  /** How many distinct values the step saw per key (benchmark items hit), when it noted some. */
  distinct: z.record(z.string(), count).optional(),
});
export type StepDropStats = z.infer<typeof stepDropStatsSchema>;

/** A whole run's document flow: read, written, dropped by steps, failed. */
const runFlow = { documents_in: count, documents_out: count, dropped: count, errors: count };

const runDropStatsSchema = z.object({
  /** Path of the stats.json these came from. */
  stats_file: z.string(),
  ...runFlow,
  steps: z.array(stepDropStatsSchema),
});
export type RunDropStats = z.infer<typeof runDropStatsSchema>;

/** A domain's share of something (tokens before curation, or of a stage's budget). */
const domainShareSchema = z.object({
  domain: z.string(),
  tokens: z.number().nonnegative(),
  share,
  /** For stage shares: how many passes over the domain's selected documents the stage makes. */
  epochs: z.number().nonnegative().optional(),
  /** For stage shares: documents with repeat count >= 1. */
  documents: count.optional(),
});
export type DomainShare = z.infer<typeof domainShareSchema>;

/** A mixture stage's resulting composition, added once `anneal mix` has computed its manifests. */
const stageSharesSchema = z.object({
  stage: z.string(),
  /** The stage's token budget and what the sampled repeats actually add up to. */
  target_tokens: z.number().nonnegative(),
  tokens: z.number().nonnegative(),
  domains: z.array(domainShareSchema),
});
export type StageShares = z.infer<typeof stageSharesSchema>;

const corpusStatsObject = z.object({
  version: z.literal(CORPUS_STATS_VERSION),
  /** The shard files read, as given (display paths), sorted. */
  inputs: z.array(z.string()),
  /** The metadata key documents were grouped by (default "domain"). */
  group_by: z.string(),
  token_counting: tokenCountingSchema,
  totals: z.object({
    documents: count,
    bytes: count,
    tokens: z.number().nonnegative(),
    /** Bad records met while reading (named in `read_errors`), counted, not included above. */
    read_errors: count,
  }),
  /** Sorted by tokens, descending, then name. */
  domains: z.array(domainStatsSchema),
  /** The first read errors (file and line/row), up to a fixed number; totals.read_errors has them all. */
  read_errors: z.array(z.string()),
  /** Drop reasons per step, when the input is a pipeline output directory with a stats.json. */
  run: runDropStatsSchema.optional(),
  /**
   * Domain token shares of the pipeline's inputs before curation, when the input is a pipeline
   * output directory whose config.yaml names its inputs and they are readable.
   */
  before_curation: z
    .object({
      inputs: z.array(z.string()),
      documents: count,
      tokens: z.number().nonnegative(),
      domains: z.array(domainShareSchema),
    })
    .optional(),
  /** Per-stage shares, when stats are computed together with a mixture (`anneal mix`). */
  stages: z.array(stageSharesSchema).optional(),
});
export type CorpusStats = z.infer<typeof corpusStatsObject>;

/**
 * Checks saved `anneal stats --json` output before it is rendered, so a wrong or hand-edited file
 * is refused with the key path of each problem instead of drawing nonsense. Unknown top-level keys
 * pass through: a file written by a newer anneal (additive changes only) still renders.
 */
export const corpusStatsSchema = corpusStatsObject.loose();
