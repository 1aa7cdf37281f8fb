import { existsSync } from 'node:fs';
import { writeFileAtomic, type GlobalPhase, type GlobalStep, type GlobalStepContext } from '@anneal/core';
import { findCandidatePairs } from './candidate-pairs.js';
import { DedupLayout } from './dedup-layout.js';
import { exactMethod, minhashMethod, type DedupMethod } from './dedup-method.js';
import { DedupObserver } from './dedup-observer.js';
import { buildClusters, type KeepPolicy } from './duplicate-clusters.js';
import { duplicateFilter } from './duplicate-filter.js';
import type { ExactDedupOptions, MinHashDedupOptions } from './dedup-options.js';

/** What dedupStep reads of either step's options. */
export interface DedupOptions {
  keep: KeepPolicy;
  /** Merge candidates only when their estimated Jaccard is at least this (MinHash only). */
  threshold?: number | undefined;
  /** Also write removed documents to `<stage>/removed/<rank>.jsonl.zst`. */
  write_removed?: boolean | undefined;
  /** Split each band's keys into this many key ranges, so one bucket task loads 1/n of a band. */
  bucket_shards?: number | undefined;
}

/**
 * A dedup step as stages (datatrove's design): observe keys per task → find candidate pairs per
 * band → cluster once → filter per task. Phase tasks skip work whose output is already complete.
 */
export function dedupStep(name: string, method: DedupMethod, options: DedupOptions): GlobalStep {
  const shards = options.bucket_shards ?? 1;
  const buckets = method.bands * shards;
  return {
    name,
    global: true,
    async observer(ctx, rank) {
      return new DedupObserver(method, new DedupLayout(ctx.workDir), rank, shards);
    },
    phases(ctx: GlobalStepContext): GlobalPhase[] {
      const layout = new DedupLayout(ctx.workDir);
      return [
        {
          name: 'buckets',
          tasks: buckets,
          async run(bucket) {
            if (existsSync(layout.done('buckets', bucket))) return;
            findCandidatePairs(layout, bucket, ctx.tasks, options.threshold !== undefined);
            await writeFileAtomic(layout.done('buckets', bucket), '');
          },
        },
        {
          name: 'clusters',
          tasks: 1,
          async run() {
            if (existsSync(layout.done('clusters', 0))) return;
            const summary = buildClusters(layout, {
              tasks: ctx.tasks,
              buckets,
              keep: options.keep,
              signatureSize: method.signatureSize,
              threshold: options.threshold,
            });
            await writeFileAtomic(layout.done('clusters', 0), JSON.stringify(summary) + '\n');
          },
        },
      ];
    },
    async apply(ctx, rank) {
      const layout = new DedupLayout(ctx.workDir);
      return duplicateFilter(name, layout.decisions(rank), method.dropReason, options.write_removed ? layout.removed(rank) : undefined);
    },
  };
}

export function exactDedupStep(options: ExactDedupOptions): GlobalStep {
  return dedupStep('dedup_exact', exactMethod(), options);
}

export function minhashDedupStep(options: MinHashDedupOptions): GlobalStep {
  const { ngram, bands, rows, seed, hash_bits } = options;
  return dedupStep('dedup_minhash', minhashMethod({ ngram, bands, rows, seed, hashBits: hash_bits }, options.threshold !== undefined), options);
}
