import type { Doc } from './doc.js';
import type { RecordError, RecordLocation } from './record-error.js';

/** What a step may tell the runner about a document it does not pass on. */
export interface StepContext {
  readonly rank: number;
  readonly worldSize: number;
  /** The pipeline seed; combine with a document id through SeededRng, never with stream order. */
  readonly seed: number;
  /**
   * Counts a document as dropped for `reason` (a snake_case name shown in stats.json); `detail`
   * says with what value ("1 stop word, needs 2"), kept with the document when the run keeps drops.
   */
  drop(doc: Doc, reason: string, detail?: string): void;
  /** Counts a document as errored and reports it to errors/; throws instead when on_error is fail. */
  error(doc: Doc, reason: string | Error): void;
  /** Adds `n` to the step's counter `key` (stats.json `counts`, summed over tasks), e.g. PII found per kind. */
  count?(key: string, n?: number): void;
  /** Notes that `value` was seen under `key` (stats.json `distinct`: the set over all tasks), e.g. benchmark items hit. */
  countDistinct?(key: string, value: string): void;
}

/**
 * One block of a pipeline (as in datatrove): takes a stream of documents, gives one back. Every
 * document it takes in must come out, be dropped through `ctx.drop`, or be reported through
 * `ctx.error` — the runner checks this balance after the step finishes.
 */
export interface PipelineStep {
  readonly name: string;
  run(docs: AsyncIterable<Doc>, ctx: StepContext): AsyncIterable<Doc>;
}

/** What a per-document function returns to drop its document. */
export interface Dropped {
  readonly dropped: string;
  /** The value that decided it, for `anneal why` (e.g. "1 stop word, needs 2"). */
  readonly detail?: string;
}

export function dropped(reason: string, detail?: string): Dropped {
  return detail === undefined ? { dropped: reason } : { dropped: reason, detail };
}

/** A step that looks at one document at a time (most filters and annotators). */
export interface DocumentStep extends PipelineStep {
  /** `ctx` is there when the step runs in a pipeline, for its counters; a direct call may leave it out. */
  apply(doc: Doc, ctx?: StepContext): Doc | Dropped;
}

/**
 * Builds a step from a function applied to each document on its own: returns the (possibly
 * changed) document to keep it, or `dropped(reason)`. A throw becomes that document's error.
 */
export function documentStep(name: string, apply: (doc: Doc, ctx?: StepContext) => Doc | Dropped): DocumentStep {
  return {
    name,
    apply,
    async *run(docs, ctx) {
      for await (const doc of docs) {
        let result: Doc | Dropped;
        try {
          result = apply(doc, ctx);
        } catch (err) {
          ctx.error(doc, err instanceof Error ? err : String(err));
          continue;
        }
        if ('dropped' in result) ctx.drop(doc, result.dropped, result.detail);
        else yield result;
      }
    },
  };
}

export function isDocumentStep(step: PipelineStep): step is DocumentStep {
  return typeof (step as Partial<DocumentStep>).apply === 'function';
}

/**
 * Applies a document step only to documents `applies` accepts; the others pass through unchanged
 * (counted in and out of the step). Used for YAML `when:`, e.g. web filters on web pages only.
 */
export function onlyWhen(step: DocumentStep, applies: (doc: Doc) => boolean): DocumentStep {
  return documentStep(step.name, (doc, ctx) => (applies(doc) ? step.apply(doc, ctx) : doc));
}

/**
 * Turns a filter into a scorer (YAML `score_into:`): every document passes on; `metadata[key]` is 1
 * when the filter would keep it (its rewritten text is kept too, e.g. C4's line removal) and 0 when it
 * would drop it (the text is left as it was). A quality ensemble can then weigh heuristic verdicts
 * beside classifier probabilities instead of dropping on any single rule.
 */
export function scoreInto(step: DocumentStep, key: string): DocumentStep {
  return documentStep(step.name, (doc, ctx) => {
    const result = step.apply(doc, ctx);
    return 'dropped' in result ? { ...doc, metadata: { ...doc.metadata, [key]: 0 } } : { ...result, metadata: { ...result.metadata, [key]: 1 } };
  });
}

/**
 * A record that the reader could parse (with where it came from, so a later step's or writer's
 * error about it can name the file and line or row), or the error that says where and why it could not.
 */
export type ReadItem =
  | { readonly doc: Doc; readonly error?: undefined; readonly location?: RecordLocation }
  | { readonly doc?: undefined; readonly error: RecordError };
