/**
 * The statistics `anneal stats` computes over document shards, in the exact shape of its `--json`
 * output. The HTML report (`@anneal/report`) renders this object, so changes here are additive only:
 * new optional fields, never renamed or removed ones. `version` changes only if that promise breaks.
 */

export const CORPUS_STATS_VERSION = 1 as const;

/**
 * Counts over fixed bins. `edges` has one more entry than `counts`; bin i holds values in
 * [edges[i], edges[i+1]) except the last, which also holds its upper edge. Values below the first
 * edge or above the last are counted in `underflow` / `overflow`, never dropped silently.
 */
export interface Histogram {
  edges: number[];
  counts: number[];
  underflow: number;
  overflow: number;
}

/**
 * Quantiles estimated from a fine fixed-bin histogram (bounded memory); exact to within one fine
 * bin (`resolution` in the value's unit, or the relative bin width for log-scale values).
 * All null when no document carries the value.
 */
export interface QuantileSummary {
  /** Documents that carry this value (a number in range); the rest are counted in `missing`. */
  documents: number;
  missing: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

/** How tokens were counted. Exact only when a tokenizer encoded every document. */
export interface TokenCounting {
  estimated: boolean;
  /** e.g. "tokenizer.json (BPE, vocab 32000)" or "estimate: ceil(utf8 bytes / 4.0)". */
  method: string;
  /** The tokenizer file when exact. */
  tokenizer?: string;
}

/** `dup_count` (size of the duplicate cluster a document stands for) in power-of-two buckets. */
export interface DupCountBucket {
  /** "1", "2", "3-4", "5-8", ..., inclusive bounds. */
  label: string;
  min: number;
  max: number;
  documents: number;
}

export interface DupCountStats {
  /** Documents with a numeric dup_count >= 1; the others are `missing` (treated as 1 by mixtures). */
  documents: number;
  missing: number;
  /** Sum of dup_count over documents that carry it: how many documents existed before dedup. */
  represented_documents: number;
  max: number | null;
  buckets: DupCountBucket[];
}

export interface LanguageShare {
  /** The `language` metadata value; "(none)" when absent. */
  language: string;
  documents: number;
  /** documents / domain documents. */
  share: number;
}

/** A few documents per domain for eyeballing, chosen by seeded hash of their id (order-independent). */
export interface SampleDocument {
  id: string;
  /** The first `max_chars` characters; raw text, never escaped here (the renderer escapes it). */
  text: string;
  truncated: boolean;
  bytes: number;
  tokens: number;
  quality?: number;
  dup_count?: number;
  language?: string;
  source?: string;
  /** The shard it came from (display path). */
  file: string;
}

export interface DomainStats {
  /** The grouping value; "unknown" when the document has no such metadata or it is empty. */
  domain: string;
  documents: number;
  /** UTF-8 bytes of text. */
  bytes: number;
  tokens: number;
  /** Same as the corpus' token_counting.estimated, repeated so a row reads on its own. */
  tokens_estimated: boolean;
  /** tokens / corpus tokens. */
  token_share: number;
  /** documents / corpus documents. */
  document_share: number;
  quality: QuantileSummary & { histogram: Histogram };
  /** Document length in tokens (as counted above); histogram bins are powers of two. */
  length_tokens: QuantileSummary & { histogram: Histogram };
  dup_count: DupCountStats;
  /** Sorted by documents, descending, then name. */
  languages: LanguageShare[];
  samples: SampleDocument[];
}

/** One step of the pipeline run whose outputs were read, from its merged `stats.json`. */
export interface StepDropStats {
  step: string;
  in: number;
  out: number;
  errors: number;
  /** Drop counts by reason, as the step reported them. */
  dropped: Record<string, number>;
  /** The step's own counters (PII found per kind, documents hit per benchmark), when it kept some. */
  counts?: Record<string, number>;
  /** How many distinct values the step saw per key (benchmark items hit), when it noted some. */
  distinct?: Record<string, number>;
}

export interface RunDropStats {
  /** Path of the stats.json these came from. */
  stats_file: string;
  documents_in: number;
  documents_out: number;
  dropped: number;
  errors: number;
  steps: StepDropStats[];
}

/** A domain's share of something (tokens before curation, or of a stage's budget). */
export interface DomainShare {
  domain: string;
  tokens: number;
  share: number;
  /** For stage shares: how many passes over the domain's selected documents the stage makes. */
  epochs?: number;
  /** For stage shares: documents with repeat count >= 1. */
  documents?: number;
}

/** A mixture stage's resulting composition, added once `anneal mix` has computed its manifests. */
export interface StageShares {
  stage: string;
  /** The stage's token budget and what the sampled repeats actually add up to. */
  target_tokens: number;
  tokens: number;
  domains: DomainShare[];
}

export interface CorpusStats {
  version: typeof CORPUS_STATS_VERSION;
  /** The shard files read, as given (display paths), sorted. */
  inputs: string[];
  /** The metadata key documents were grouped by (default "domain"). */
  group_by: string;
  token_counting: TokenCounting;
  totals: {
    documents: number;
    bytes: number;
    tokens: number;
    /** Bad records met while reading (named in `read_errors`), counted, not included above. */
    read_errors: number;
  };
  /** Sorted by tokens, descending, then name. */
  domains: DomainStats[];
  /** The first read errors (file and line/row), up to a fixed number; totals.read_errors has them all. */
  read_errors: string[];
  /** Drop reasons per step, when the input is a pipeline output directory with a stats.json. */
  run?: RunDropStats;
  /**
   * Domain token shares of the pipeline's inputs before curation, when the input is a pipeline
   * output directory whose config.yaml names its inputs and they are readable.
   */
  before_curation?: {
    inputs: string[];
    documents: number;
    tokens: number;
    domains: DomainShare[];
  };
  /** Per-stage shares, when stats are computed together with a mixture (`anneal mix`). */
  stages?: StageShares[];
}
