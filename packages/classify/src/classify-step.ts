import { batched, type Doc, type PipelineStep } from '@anneal/core';
import { loadFastTextModel, type FastTextModel, type LabelScore } from './fasttext-model.js';
import { fastTextLine } from './fasttext-text.js';
import type { ClassifyOptions, ClassifierOutput } from './classify-options.js';

function annotate(doc: Doc, output: ClassifierOutput, scores: LabelScore[]): void {
  if (output.score_label !== undefined) {
    // A text with no tokens carries no evidence: null, not 0, so an ensemble can treat it as missing.
    doc.metadata[output.field] = scores.length === 0 ? null : (scores.find((s) => s.label === output.score_label)?.score ?? 0);
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
      for await (const batch of batched(docs, options.batch_size)) {
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
