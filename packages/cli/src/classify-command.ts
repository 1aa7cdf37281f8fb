import type { Command } from 'commander';
import { evaluateClassifier, formatMetrics, loadClassifierConfig, trainClassifier } from '@anneal/classify';
import { basename, dirname } from 'node:path';
import { expandInputs, type InputFile } from '@anneal/io';
import { classifierFiles, olderClassifyOutput } from '@anneal/core';
import { openVerbOutput } from './verb-output.js';
import { configOptions, type ConfigOptionValues } from './config-options.js';
import { verbCommand } from './verb-catalog.js';

function describeInputs(report: { sets: Array<{ name: string; examples: number; skipped?: string }>; badRecords: number }): string {
  const lines = report.sets.map((s) => (s.skipped ? `  ${s.name}: skipped (${s.skipped})` : `  ${s.name}: ${s.examples} example(s)`));
  if (report.badRecords > 0) lines.push(`  ${report.badRecords} bad input record(s) skipped`);
  return `inputs:\n${lines.join('\n')}\n`;
}

async function classifyTrain(opts: ConfigOptionValues): Promise<void> {
  const spec = await loadClassifierConfig(opts.config, opts.set);
  // the model's folder is the output: several classifiers may share it (out/classifiers/)
  const files: InputFile[] = [];
  for (const set of spec.inputs) {
    // an optional set with nothing there is skipped by the training too
    files.push(...(await expandInputs(set.paths, process.cwd()).catch((err: unknown) => (set.optional ? [] : Promise.reject(err)))));
  }
  const output = await openVerbOutput(dirname(spec.model), {
    verb: 'classify train',
    label: 'model folder',
    planned: classifierFiles(basename(spec.model).replace(/\.bin$/, '')),
    inputs: { files, patterns: spec.inputs.flatMap((s) => s.paths) },
    recogniseOlder: olderClassifyOutput,
    command: `anneal classify train --config ${opts.config}`,
    log: (m) => process.stderr.write(`anneal: ${m}\n`),
  });
  let run;
  try {
    run = await trainClassifier(spec);
  } finally {
    await output.release();
  }
  const labels = Object.entries(run.trainLabels)
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
  process.stdout.write(
    `${describeInputs(run.report)}trained ${spec.name} on ${run.trainExamples} examples (${labels}) in ${run.trainSeconds.toFixed(1)} s\n\n` +
      `held-out (${run.heldOutExamples} examples, ${Math.round(spec.heldOut * 100)} % by id):\n${formatMetrics(run.metrics)}\n` +
      `model:   ${run.modelPath}\nmetrics: ${run.metricsPath}\n`,
  );
}

async function classifyEval(opts: ConfigOptionValues): Promise<void> {
  const spec = await loadClassifierConfig(opts.config, opts.set);
  const { metrics, heldOutExamples, report } = await evaluateClassifier(spec);
  process.stdout.write(`${describeInputs(report)}held-out (${heldOutExamples} examples) for ${spec.model}:\n${formatMetrics(metrics)}`);
}

/** `anneal classify train|eval`: fastText classifiers from labeled documents. */
export function registerClassifyCommand(program: Command): void {
  const classify = verbCommand(program, 'classify');
  const train = classify
    .command('train')
    .description('Build labeled data from the config inputs, train a fastText model, print held-out precision / recall / F1 (and AUC)');
  configOptions(train, 'classifier.yaml', 'classifier training config (see pipelines/domain-classifier.yaml)', '--set fasttext.epoch=20').action(
    classifyTrain,
  );
  const evaluate = classify.command('eval').description('Evaluate an already trained model on the held-out split its training config defines');
  configOptions(evaluate, 'classifier.yaml', 'the config the model was trained with').action(classifyEval);
}
