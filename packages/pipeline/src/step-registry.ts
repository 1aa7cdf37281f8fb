import { isDocumentStep, isGlobalStep, onlyWhen, scoreInto, type GlobalStep, type PipelineStep } from '@anneal/core';
import { extractStep } from '@anneal/extract';
import {
  buildBenchmarkIndex,
  c4Filter,
  decontaminateStep,
  fineWebFilter,
  gopherQualityFilter,
  gopherRepetitionFilter,
  languageFilter,
  lengthFilter,
  normalizeStep,
  piiStep,
  urlFilter,
  type BenchmarkIndexData,
  type DecontaminateOptions,
} from '@anneal/filters';
import { classifyStep, qualityEnsembleStep } from '@anneal/classify';
import { exactDedupStep, minhashDedupStep } from '@anneal/dedup';
import { STEP_CATALOG, stepCatalogEntry } from './step-catalog.js';
import { stepFactory, type StepDefinition, type StepFactory } from './step-definition.js';

/**
 * How each step of the catalog (step-catalog.ts, where its options schema and summary are) is
 * built, by name; the options reach a factory as its schema parsed them. Adding a step is its
 * file in its package, one catalog entry and one factory here.
 */
const STEP_FACTORIES: Readonly<Record<string, StepFactory>> = {
  // the steps built from their options alone, by package
  ...builtFromOptions({ extract: extractStep, url_filter: urlFilter }),
  ...builtFromOptions({ normalize: normalizeStep, length: lengthFilter, c4: c4Filter, fineweb: fineWebFilter, language: languageFilter }),
  ...builtFromOptions({ gopher_quality: gopherQualityFilter, gopher_repetition: gopherRepetitionFilter, pii: piiStep }),
  ...builtFromOptions({ classify: classifyStep, quality_ensemble: qualityEnsembleStep }),
  ...builtFromOptions({ dedup_exact: exactDedupStep, dedup_minhash: minhashDedupStep }),
  // decontaminate builds its benchmark index once per run, before any task
  decontaminate: stepFactory<DecontaminateOptions>({
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
};

/**
 * Factories that take a step's parsed options and nothing else. Each function's own options type
 * is its schema's output (`*-options.ts`); the table stores them untyped, as the catalog does.
 * Each is called with the options alone (createStep also passes what a step prepared).
 */
function builtFromOptions(create: Record<string, (options: never) => PipelineStep | GlobalStep>): Record<string, StepFactory> {
  return Object.fromEntries(
    Object.entries(create).map(([name, f]) => [
      name,
      { create: (options: unknown) => (f as (options: unknown) => PipelineStep | GlobalStep)(options) },
    ]),
  );
}

export type { StepDefinition };

/** A step's catalog entry and its factory, or undefined for a name the catalog does not know. */
export function stepDefinition(name: string): StepDefinition | undefined {
  const entry = stepCatalogEntry(name);
  const factory = STEP_FACTORIES[name];
  if (!entry) return undefined;
  if (!factory) throw new Error(`step ${name} is in the catalog but has no factory (step-registry.ts)`);
  return { ...entry, ...factory };
}

/** Names in the catalog without a factory, or with a factory and no catalog entry (a test keeps this empty). */
export function unregisteredStepNames(): string[] {
  const named = new Set(STEP_CATALOG.map((e) => e.name));
  return [...STEP_CATALOG.map((e) => e.name).filter((n) => !(n in STEP_FACTORIES)), ...Object.keys(STEP_FACTORIES).filter((n) => !named.has(n))];
}

/**
 * Runs the once-per-run preparation of every step that has one (see StepDefinition.prepare), in
 * the main thread: results by step position, to travel to the tasks in their plan.
 */
export async function prepareSteps(
  steps: readonly { name: string; options: Record<string, unknown> }[],
  note: (message: string) => void,
): Promise<Record<number, unknown>> {
  const prepared: Record<number, unknown> = {};
  for (const [i, s] of steps.entries()) {
    const def = stepDefinition(s.name);
    if (def?.prepare) prepared[i] = await def.prepare(s.options, note);
  }
  return prepared;
}

/** Builds the step a resolved config names, turned into a scorer by `score_into:` and restricted by `when:`. */
export function createStep(
  resolved: {
    name: string;
    options: Record<string, unknown>;
    when?: Record<string, unknown[]>;
    score_into?: string;
  },
  prepared?: unknown,
): PipelineStep {
  const def = stepDefinition(resolved.name);
  if (!def) throw new Error(`unknown step ${resolved.name}`);
  let step = def.create(resolved.options, prepared);
  if (isGlobalStep(step)) throw new Error(`step ${resolved.name} needs the whole dataset; the runner plans it as stages`);
  if (resolved.score_into) {
    if (!isDocumentStep(step)) throw new Error(`step ${resolved.name} cannot take "score_into"`);
    step = scoreInto(step, resolved.score_into);
  }
  const when = resolved.when;
  if (!when) return step;
  if (!isDocumentStep(step)) throw new Error(`step ${resolved.name} cannot take "when"`);
  const clauses = Object.entries(when);
  // a missing metadata key matches null, so `when: { domain: [web, null] }` also takes unlabelled docs
  return onlyWhen(step, (doc) => clauses.every(([key, values]) => values.includes(doc.metadata[key] ?? null)));
}

/** Builds a global step (dedup, ...) that a pipeline runs as stages around a barrier. */
export function createGlobalStep(resolved: { name: string; options: Record<string, unknown> }): GlobalStep {
  const step = stepDefinition(resolved.name)?.create(resolved.options);
  if (!isGlobalStep(step)) throw new Error(`step ${resolved.name} is not a global step`);
  return step;
}
