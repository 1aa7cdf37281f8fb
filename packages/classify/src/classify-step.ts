import { batched, type Doc, type PipelineStep } from '@anneal/core';
import { loadFastTextModel, type FastTextModel, type LabelScore } from './fasttext-model.js';
import { fastTextLine } from './fasttext-text.js';

export interface ClassifierOutput {
  /** A fastText supervised model (.bin), e.g. written by `anneal classify train`. */
  model: string;
  /** Metadata key written: the best label, with its probability in `<field>_score` ... */
  field: string;
  /** ... or, when set, the probability of this label alone (a number in [0, 1]), e.g. quality. */
  scoreLabel?: string | undefined;
}

export interface ClassifyOptions {
  models: ClassifierOutput[];
  /** Documents predicted together; their predictions run in parallel on libuv's thread pool. */
  batchSize: number;
}

function annotate(doc: Doc, output: ClassifierOutput, scores: LabelScore[]): void {
  if (output.scoreLabel !== undefined) {
    // A text with no tokens carries no evidence: null, not 0, so an ensemble can treat it as missing.
    doc.metadata[output.field] = scores.length === 0 ? null : (scores.find((s) => s.label === output.scoreLabel)?.score ?? 0);
    return;
  }
  doc.metadata[output.field] = scores[0]?.label ?? null;
  doc.metadata[`${output.field}_score`] = scores[0]?.score ?? null;
}

/**
 * Annotates documents with one or more fastText classifiers. Models load once per worker thread;
 * documents stream through in batches, each batch predicted concurrently, order kept.
 */
export function classifyStep(options: ClassifyOptions): PipelineStep {
  return {
    name: 'classify',
    async *run(docs, ctx) {
      const models: FastTextModel[] = [];
      for (const output of options.models) models.push(await loadFastTextModel(output.model));
      for await (const batch of batched(docs, options.batchSize)) {
        const lines = batch.map((doc) => fastTextLine(doc.text));
        const outcomes = await Promise.all(
          batch.map((doc, i) =>
            Promise.all(models.map((m) => m.predictLine(lines[i]!))).then(
              (perModel) => ({ doc, perModel }),
              (err: unknown) => ({ doc, err }),
            ),
          ),
        );
        for (const outcome of outcomes) {
          if ('err' in outcome) {
            ctx.error(outcome.doc, outcome.err instanceof Error ? outcome.err : String(outcome.err));
            continue;
          }
          const doc = { ...outcome.doc, metadata: { ...outcome.doc.metadata } };
          options.models.forEach((output, m) => annotate(doc, output, outcome.perModel[m]!));
          yield doc;
        }
      }
    },
  };
}
