export { fastTextLine, LABEL_PREFIX } from './fasttext-text.js';
export { FastTextModel, loadFastTextModel, type LabelScore } from './fasttext-model.js';
export { trainFastText, DEFAULT_FASTTEXT_PARAMS, type FastTextParams } from './fasttext-train.js';
export { buildTrainingSet, capExamples, type LabeledInputSet, type LabeledExample, type TrainingSetReport } from './training-set.js';
export { rocAuc, classifierMetrics, formatMetrics, type ClassifierMetrics, type LabelMetrics, type ScoredExample } from './classifier-metrics.js';
export { ClassifierConfigSchema, loadClassifierConfig } from './classifier-config.js';
export {
  trainClassifier,
  evaluateClassifier,
  evaluateExamples,
  splitHeldOut,
  type ClassifierTrainingSpec,
  type ClassifierRun,
} from './train-classifier.js';
export { classifyStep } from './classify-step.js';
export { ClassifyOptionsSchema, type ClassifyOptions, type ClassifierOutput } from './classify-options.js';
export { qualityEnsembleStep, ensembleScore } from './quality-ensemble.js';
export {
  QualityEnsembleOptionsSchema,
  type QualityEnsembleOptions,
  type EnsembleInput,
  type MissingScorePolicy,
} from './quality-ensemble-options.js';
