import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SeededRng, writeFileAtomic } from '@anneal/core';
import { classifierMetrics, type ClassifierMetrics, type ScoredExample } from './classifier-metrics.js';
import { FastTextModel } from './fasttext-model.js';
import { LABEL_PREFIX } from './fasttext-text.js';
import { trainFastText, type FastTextParams } from './fasttext-train.js';
import { buildTrainingSet, idKey, type LabeledExample, type LabeledInputSet, type TrainingSetReport } from './training-set.js';

/** Everything `anneal classify train` needs (the validated classifier YAML). */
export interface ClassifierTrainingSpec {
  name: string;
  /** The model file to write, `<prefix>.bin`; beside it `<prefix>.metrics.json` and the data files. */
  model: string;
  seed: number;
  /** Fraction of examples held out for evaluation, chosen by a seeded hash of each id. */
  heldOut: number;
  /** For a binary classifier: the label whose probability is the score (AUC is reported for it). */
  positiveLabel?: string | undefined;
  maxPerLabel?: number | undefined;
  inputs: LabeledInputSet[];
  fasttext: FastTextParams;
}

export interface ClassifierRun {
  modelPath: string;
  metricsPath: string;
  metrics: ClassifierMetrics;
  trainSeconds: number;
  trainExamples: number;
  heldOutExamples: number;
  /** Examples per label in the training split. */
  trainLabels: Record<string, number>;
  report: TrainingSetReport;
}

function prefixOf(modelPath: string): string {
  return modelPath.endsWith('.bin') ? modelPath.slice(0, -'.bin'.length) : modelPath;
}

/** Splits by id, never by position: the same document lands on the same side in every run. */
export function splitHeldOut(examples: readonly LabeledExample[], fraction: number, seed: number) {
  const train: LabeledExample[] = [];
  const heldOut: LabeledExample[] = [];
  for (const e of examples) (new SeededRng(seed, `held-out\u0000${e.id}`).next() < fraction ? heldOut : train).push(e);
  // fastText reads its file in order, so sets must be interleaved; a seeded order keeps it reproducible.
  train.sort((a, b) => idKey(seed, a.id) - idKey(seed, b.id) || (a.id < b.id ? -1 : 1));
  return { train, heldOut };
}

const toFastText = (examples: readonly LabeledExample[]) => examples.map((e) => `${LABEL_PREFIX}${e.label} ${e.line}\n`).join('');

async function prepare(spec: ClassifierTrainingSpec) {
  const { examples, report } = await buildTrainingSet(spec.inputs, { seed: spec.seed, maxPerLabel: spec.maxPerLabel });
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  if (labels.length < 2)
    throw new Error(
      `classifier ${spec.name}: the inputs gave ${labels.length} label(s) (${labels.join(', ') || 'none'}); a classifier needs at least two`,
    );
  if (spec.positiveLabel !== undefined && !labels.includes(spec.positiveLabel)) {
    throw new Error(`classifier ${spec.name}: positive_label "${spec.positiveLabel}" is not among the labels (${labels.join(', ')})`);
  }
  return { ...splitHeldOut(examples, spec.heldOut, spec.seed), report };
}

/** Predicts every held-out example with `model` and scores the predictions. */
export async function evaluateExamples(
  model: FastTextModel,
  examples: readonly LabeledExample[],
  positiveLabel?: string,
): Promise<ClassifierMetrics> {
  const scored: ScoredExample[] = [];
  for (let i = 0; i < examples.length; i += 512) {
    const batch = examples.slice(i, i + 512);
    const predictions = await model.predictLines(batch.map((e) => e.line));
    batch.forEach((e, j) => {
      const p = predictions[j]!;
      scored.push({ set: e.set, label: e.label, predicted: p[0]?.label ?? '', scores: Object.fromEntries(p.map((s) => [s.label, s.score])) });
    });
  }
  return classifierMetrics(scored, positiveLabel);
}

function countLabels(examples: readonly LabeledExample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of examples) counts[e.label] = (counts[e.label] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Builds the labeled data, trains, evaluates on the held-out split and writes the model, its
 * metrics JSON and the fastText-format train / held-out files (so any fastText tool can reuse them).
 */
export async function trainClassifier(spec: ClassifierTrainingSpec): Promise<ClassifierRun> {
  const { train, heldOut, report } = await prepare(spec);
  const prefix = prefixOf(spec.model);
  await mkdir(dirname(prefix), { recursive: true });
  await writeFile(`${prefix}.train.txt`, toFastText(train));
  await writeFile(`${prefix}.held-out.txt`, toFastText(heldOut));
  // Train under a temporary name and rename: a pipeline never loads a half-written model.
  const temporary = `${prefix}.tmp-${process.pid}`;
  const trainSeconds = await trainFastText(`${prefix}.train.txt`, temporary, spec.fasttext);
  const modelPath = `${prefix}.bin`;
  await rename(`${temporary}.bin`, modelPath);
  const metrics = await evaluateExamples(await FastTextModel.load(modelPath), heldOut, spec.positiveLabel);
  const run: ClassifierRun = {
    modelPath,
    metricsPath: `${prefix}.metrics.json`,
    metrics,
    trainSeconds,
    trainExamples: train.length,
    heldOutExamples: heldOut.length,
    trainLabels: countLabels(train),
    report,
  };
  const json = {
    name: spec.name,
    model: modelPath,
    seed: spec.seed,
    held_out: spec.heldOut,
    fasttext: spec.fasttext,
    train_examples: train.length,
    train_labels: run.trainLabels,
    inputs: report.sets,
    bad_records: report.badRecords,
    train_seconds: trainSeconds,
    held_out_metrics: metrics,
  };
  await writeFileAtomic(run.metricsPath, JSON.stringify(json, null, 2) + '\n');
  return run;
}

/** Evaluates an existing model on the held-out split its training config defines. */
export async function evaluateClassifier(
  spec: ClassifierTrainingSpec,
): Promise<{ metrics: ClassifierMetrics; heldOutExamples: number; report: TrainingSetReport }> {
  const { heldOut, report } = await prepare(spec);
  const metrics = await evaluateExamples(await FastTextModel.load(`${prefixOf(spec.model)}.bin`), heldOut, spec.positiveLabel);
  return { metrics, heldOutExamples: heldOut.length, report };
}
