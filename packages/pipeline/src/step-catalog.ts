import type { z } from 'zod';
import { ExtractStepOptionsSchema } from '@anneal/extract';
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
} from '@anneal/filters';
import { ClassifyOptionsSchema, QualityEnsembleOptionsSchema } from '@anneal/classify';
import { ExactDedupOptionsSchema, MinHashDedupOptionsSchema } from '@anneal/dedup';

/** What a pipeline YAML can say about a step, and what `anneal steps` lists: no step is built from it. */
export interface StepCatalogEntry {
  name: string;
  summary: string;
  /** True when the step looks at one document at a time, so YAML `when:` can restrict it. */
  perDocument: boolean;
  /** True when the step needs the whole dataset (dedup): the runner splits the pipeline at it. */
  global?: boolean;
  /** Validated before any work; the options type the step's factory takes (step-registry.ts). */
  options: z.ZodType;
}

/**
 * Every step a pipeline YAML can name, with its options schema, apart from the code that builds
 * it (step-registry.ts): checking a config (`anneal validate`, the runner before any task) loads
 * only the schemas, not the steps' implementations and their native or WASM dependencies, which
 * keeps `anneal validate` and `anneal steps` quick to start (docs/development.md). Each schema
 * lives beside its step in the step's own package. The order is the one `anneal steps` and
 * "unknown step" messages list.
 */
export const STEP_CATALOG: readonly StepCatalogEntry[] = [
  // web pages from WARC files (packages extract and filters)
  {
    name: 'extract',
    perDocument: true,
    summary:
      'HTML → main text (boilerplate removed, paragraphs as blank lines); writes title, lang, date, author; drops pages with no main text (extract_empty)',
    options: ExtractStepOptionsSchema,
  },
  {
    name: 'url_filter',
    perDocument: true,
    summary:
      "datatrove's URLFilter: drops pages whose url is on a block list file (url_domain, url_subdomain, url_exact, url_substring, url_banned_word, url_soft_banned_words)",
    options: UrlFilterOptionsSchema,
  },
  // text normalization and heuristic filters (package filters)
  {
    name: 'normalize',
    perDocument: true,
    summary:
      'Unicode NFC (or NFKC), control characters removed, \\r\\n → \\n, line-end spaces cut (indentation kept); collapse_whitespace for prose; drops documents left empty',
    options: NormalizeOptionsSchema,
  },
  {
    name: 'length',
    perDocument: true,
    summary: 'Drops documents outside character / word bounds (too_few_chars, too_many_chars, too_few_words, too_many_words)',
    options: LengthFilterOptionsSchema,
  },
  {
    name: 'gopher_quality',
    perDocument: true,
    summary:
      'Gopher quality rules: word count, mean word length, # and ... per word, bullet / ellipsis lines, alphabetic words, stop words (gopher_*)',
    options: GopherQualityOptionsSchema,
  },
  {
    name: 'gopher_repetition',
    perDocument: true,
    summary:
      'Gopher repetition rules: duplicate lines / paragraphs, top 2-4-gram and duplicated 5-10-gram character fractions (gopher_dup_*, gopher_top_*)',
    options: GopherRepetitionOptionsSchema,
  },
  {
    name: 'c4',
    perDocument: true,
    summary: 'C4 rules: removes lines without terminal punctuation, short, javascript or policy lines; drops lorem ipsum, { and < 5 sentences (c4_*)',
    options: C4OptionsSchema,
  },
  {
    name: 'fineweb',
    perDocument: true,
    summary: 'FineWeb rules: lines ending in punctuation, short lines, duplicated-line characters, newlines per word (fineweb_*)',
    options: FineWebOptionsSchema,
  },
  {
    name: 'language',
    perDocument: true,
    summary:
      'Language id (eld, 60 languages): writes language (ISO 639-1) and language_score; keeps `languages` above min_score (language_not_kept, language_low_score)',
    options: LanguageFilterOptionsSchema,
  },
  // fastText classifiers and quality ensembles (package classify)
  {
    name: 'classify',
    summary: 'fastText classifiers (in-process, batched): writes <field> = best label and <field>_score, or <field> = P(score_label)',
    // Prediction is asynchronous (the native binding answers on libuv's thread pool), so the step
    // works on batches of documents, not one document at a time: it cannot take `when:`.
    perDocument: false,
    options: ClassifyOptionsSchema,
  },
  {
    name: 'quality_ensemble',
    summary: 'Weighted mean of scores in [0, 1] from metadata (classifier probabilities, filter pass fractions) into one quality score',
    perDocument: true,
    options: QualityEnsembleOptionsSchema,
  },
  // exact and MinHash-LSH deduplication (package dedup); both keep cluster sizes as dup_count
  {
    name: 'dedup_exact',
    summary: 'Exact dedup on a 64-bit hash of the simplified text; keeps one per cluster with dup_count (exact_duplicate)',
    perDocument: false,
    global: true,
    options: ExactDedupOptionsSchema,
  },
  {
    name: 'dedup_minhash',
    summary: 'MinHash-LSH fuzzy dedup (word n-gram shingles, bands × rows); keeps one per cluster with dup_count (near_duplicate)',
    perDocument: false,
    global: true,
    options: MinHashDedupOptionsSchema,
  },
  // benchmark decontamination and PII redaction (package filters)
  {
    name: 'decontaminate',
    perDocument: true,
    summary: 'Drops documents holding benchmark items (word 13-grams of GSM8K, HumanEval, ... files), or cuts the passages (contaminated_<set>)',
    options: DecontaminateOptionsSchema,
  },
  {
    name: 'pii',
    perDocument: true,
    summary:
      'Replaces e-mail addresses, IPv4/IPv6 addresses (private and documentation ranges kept), phone numbers, Luhn-valid card numbers; counts per kind',
    options: PiiOptionsSchema,
  },
];

export function stepCatalogEntry(name: string): StepCatalogEntry | undefined {
  return STEP_CATALOG.find((d) => d.name === name);
}
