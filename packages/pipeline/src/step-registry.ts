import { isDocumentStep, isGlobalStep, onlyWhen, scoreInto, type GlobalStep, type PipelineStep } from '@anneal/core';
import { ExtractStepOptionsSchema, extractStep } from '@anneal/extract';
import {
  C4OptionsSchema,
  DecontaminateOptionsSchema,
  FineWebOptionsSchema,
  GopherQualityOptionsSchema,
  GopherRepetitionOptionsSchema,
  LanguageFilterOptionsSchema,
  LengthFilterOptionsSchema,
  NormalizeOptionsSchema,
  PiiOptionsSchema,
  UrlFilterOptionsSchema,
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
} from '@anneal/filters';
import { ClassifyOptionsSchema, QualityEnsembleOptionsSchema, classifyStep, qualityEnsembleStep } from '@anneal/classify';
import { ExactDedupOptionsSchema, MinHashDedupOptionsSchema, exactDedupStep, minhashDedupStep } from '@anneal/dedup';
import { defineStep, type StepDefinition } from './step-definition.js';

/**
 * Every step a pipeline YAML can name: its name → (options schema, factory). Each schema and its
 * options type live beside the step in the step's own package; adding a step is its file there and
 * one entry here. The order is the one `anneal steps` and "unknown step" messages list.
 */
export const STEP_DEFINITIONS: readonly StepDefinition[] = [
  // web pages from WARC files (packages extract and filters)
  defineStep({
    name: 'extract',
    perDocument: true,
    summary:
      'HTML → main text (boilerplate removed, paragraphs as blank lines); writes title, lang, date, author; drops pages with no main text (extract_empty)',
    options: ExtractStepOptionsSchema,
    create: (options) => extractStep(options),
  }),
  defineStep({
    name: 'url_filter',
    perDocument: true,
    summary:
      "datatrove's URLFilter: drops pages whose url is on a block list file (url_domain, url_subdomain, url_exact, url_substring, url_banned_word, url_soft_banned_words)",
    options: UrlFilterOptionsSchema,
    create: (options) => urlFilter(options),
  }),
  // text normalization and heuristic filters (package filters)
  defineStep({
    name: 'normalize',
    perDocument: true,
    summary:
      'Unicode NFC (or NFKC), control characters removed, \\r\\n → \\n, line-end spaces cut (indentation kept); collapse_whitespace for prose; drops documents left empty',
    options: NormalizeOptionsSchema,
    create: (options) => normalizeStep(options),
  }),
  defineStep({
    name: 'length',
    perDocument: true,
    summary: 'Drops documents outside character / word bounds (too_few_chars, too_many_chars, too_few_words, too_many_words)',
    options: LengthFilterOptionsSchema,
    create: (options) => lengthFilter(options),
  }),
  defineStep({
    name: 'gopher_quality',
    perDocument: true,
    summary:
      'Gopher quality rules: word count, mean word length, # and ... per word, bullet / ellipsis lines, alphabetic words, stop words (gopher_*)',
    options: GopherQualityOptionsSchema,
    create: (options) => gopherQualityFilter(options),
  }),
  defineStep({
    name: 'gopher_repetition',
    perDocument: true,
    summary:
      'Gopher repetition rules: duplicate lines / paragraphs, top 2-4-gram and duplicated 5-10-gram character fractions (gopher_dup_*, gopher_top_*)',
    options: GopherRepetitionOptionsSchema,
    create: (options) => gopherRepetitionFilter(options),
  }),
  defineStep({
    name: 'c4',
    perDocument: true,
    summary: 'C4 rules: removes lines without terminal punctuation, short, javascript or policy lines; drops lorem ipsum, { and < 5 sentences (c4_*)',
    options: C4OptionsSchema,
    create: (options) => c4Filter(options),
  }),
  defineStep({
    name: 'fineweb',
    perDocument: true,
    summary: 'FineWeb rules: lines ending in punctuation, short lines, duplicated-line characters, newlines per word (fineweb_*)',
    options: FineWebOptionsSchema,
    create: (options) => fineWebFilter(options),
  }),
  defineStep({
    name: 'language',
    perDocument: true,
    summary:
      'Language id (eld, 60 languages): writes language (ISO 639-1) and language_score; keeps `languages` above min_score (language_not_kept, language_low_score)',
    options: LanguageFilterOptionsSchema,
    create: (options) => languageFilter(options),
  }),
  // fastText classifiers and quality ensembles (package classify)
  defineStep({
    name: 'classify',
    summary: 'fastText classifiers (in-process, batched): writes <field> = best label and <field>_score, or <field> = P(score_label)',
    // Prediction is asynchronous (the native binding answers on libuv's thread pool), so the step
    // works on batches of documents, not one document at a time: it cannot take `when:`.
    perDocument: false,
    options: ClassifyOptionsSchema,
    create: (options) => classifyStep(options),
  }),
  defineStep({
    name: 'quality_ensemble',
    summary: 'Weighted mean of scores in [0, 1] from metadata (classifier probabilities, filter pass fractions) into one quality score',
    perDocument: true,
    options: QualityEnsembleOptionsSchema,
    create: (options) => qualityEnsembleStep(options),
  }),
  // exact and MinHash-LSH deduplication (package dedup); both keep cluster sizes as dup_count
  defineStep({
    name: 'dedup_exact',
    summary: 'Exact dedup on a 64-bit hash of the simplified text; keeps one per cluster with dup_count (exact_duplicate)',
    perDocument: false,
    global: true,
    options: ExactDedupOptionsSchema,
    create: (options) => exactDedupStep(options),
  }),
  defineStep({
    name: 'dedup_minhash',
    summary: 'MinHash-LSH fuzzy dedup (word n-gram shingles, bands × rows); keeps one per cluster with dup_count (near_duplicate)',
    perDocument: false,
    global: true,
    options: MinHashDedupOptionsSchema,
    create: (options) => minhashDedupStep(options),
  }),
  // benchmark decontamination and PII redaction (package filters)
  defineStep({
    name: 'decontaminate',
    perDocument: true,
    summary: 'Drops documents holding benchmark items (word 13-grams of GSM8K, HumanEval, ... files), or cuts the passages (contaminated_<set>)',
    options: DecontaminateOptionsSchema,
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
    summary:
      'Replaces e-mail addresses, IPv4/IPv6 addresses (private and documentation ranges kept), phone numbers, Luhn-valid card numbers; counts per kind',
    options: PiiOptionsSchema,
    create: (options) => piiStep(options),
  }),
];

export type { StepDefinition };

export function stepDefinition(name: string): StepDefinition | undefined {
  return STEP_DEFINITIONS.find((d) => d.name === name);
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
