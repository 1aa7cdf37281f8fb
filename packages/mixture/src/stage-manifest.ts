import type { InputFormat } from '@anneal/io';
import type { TokenCounting } from '@anneal/stats';

/**
 * What `anneal mix` writes for each stage of a mixture: `<out>/<stage>.manifest.json`. The
 * tokenizer (`anneal tokenize --input <manifest>`) and the trainer consume it: for each shard, the
 * documents to use and how many times each is repeated. Changes are additive only; `version`
 * changes if that promise ever breaks.
 *
 * To read the documents of a stage: for each entry of `shards`, open `resolve(base_dir, path)` with
 * `readDocuments` from `@anneal/io` (format, text_key and id_key as given) and keep the documents
 * whose 0-based position among the documents the reader yields is in `selection.records`
 * (ascending), emitting each `selection.repeats[i]` times. `selection.ids[i]` is that document's
 * id, to check that the shard has not changed since the manifest was written.
 * `readStageManifest` / `readManifestDocuments` in this package do exactly that.
 */
export const STAGE_MANIFEST_FORMAT = 'anneal.stage-manifest' as const;
export const STAGE_MANIFEST_VERSION = 1 as const;

export type BalanceStrategyName = 'manual' | 'natural' | 'temperature' | 'unimax';

export interface StageManifest {
  format: typeof STAGE_MANIFEST_FORMAT;
  version: typeof STAGE_MANIFEST_VERSION;
  /** The mixture's name (from its YAML). */
  mixture: string;
  stage: string;
  /** 0-based position of this stage in the schedule; stages are trained in this order. */
  stage_index: number;
  /** The seed the repeat counts were drawn with (mixture seed; each document's draw is keyed by stage and id). */
  seed: number;
  /** The stage's token budget, and what the selected documents × repeats add up to. */
  target_tokens: number;
  tokens: number;
  token_counting: TokenCounting;
  /** The metadata key that defined domains (usually "domain"). */
  group_by: string;
  /** The strategy and settings, resolved (defaults filled in), so the manifest explains itself. */
  balance: {
    strategy: BalanceStrategyName;
    /** temperature only */
    temperature?: number;
    /** manual only: the given proportions, normalized */
    proportions?: Record<string, number>;
    /** multipliers applied to the strategy's proportions before the epoch caps (e.g. math and code up-weighted in an anneal stage) */
    upweight?: Record<string, number>;
    default_max_epochs: number;
  };
  /** Which documents were eligible and how repeat counts were weighted within a domain. */
  sampling: {
    min_quality?: number;
    /** Keep only the top fraction of each domain by quality (e.g. 0.2 = top quintile). */
    top_quality_fraction?: number;
    /** Documents without a numeric quality: kept (weighted as `missing_quality`) or excluded. */
    missing_quality: number | 'exclude';
    quality_exponent: number;
    dup_exponent: number;
    /** dup_count above this counts as this much in the weight (very large clusters are boilerplate, not signal). */
    dup_cap: number;
    max_repeats: number;
    long_documents?: { min_tokens: number; weight: number };
  };
  /** Free-form settings for the trainer, passed through from the stage's `trainer:` key (e.g. seq_len, lr). */
  trainer?: Record<string, unknown>;
  domains: ManifestDomain[];
  shards: ManifestShard[];
  /** Absolute directory the shard paths are relative to. */
  base_dir: string;
}

export interface ManifestDomain {
  domain: string;
  /** Documents and tokens that pass this stage's eligibility rules (quality floor, quantile). */
  available_documents: number;
  available_tokens: number;
  /** Documents of this domain that were not eligible, by reason (e.g. below_min_quality). */
  excluded: Record<string, number>;
  /** Share of the stage budget the strategy gave this domain. */
  proportion: number;
  /** max_epochs in force for this domain. */
  max_epochs: number;
  target_tokens: number;
  /** Sum over selected documents of repeats × tokens. */
  tokens: number;
  /** tokens / available_tokens. */
  epochs: number;
  /** Documents with repeats >= 1, and the sum of their repeats. */
  documents: number;
  repeats: number;
}

export interface ManifestShard {
  /** As the user gave it (relative to base_dir unless absolute). */
  path: string;
  format: InputFormat;
  text_key: string;
  id_key: string;
  /** Documents the shard yielded when the manifest was written. */
  documents: number;
  /** Parallel arrays in ascending `records` order; documents not listed are not used (repeat 0). */
  selection: {
    records: number[];
    ids: string[];
    repeats: number[];
    /** Index into the manifest's `domains`. */
    domains: number[];
  };
}
