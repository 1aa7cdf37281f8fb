// Public API of @anneal/trainer (see docs/architecture.md, "Packages").
// data loader, checkpoints, safetensors (loader)
export { TokenCorpus, TokenCorpusBuilder, type DomainDocuments, type TokenDocument } from './data-loader-corpus.js';
export { loadTokenShards, type LoadedTokenShards } from './data-loader-shards.js';
export {
  PackedWindowLoader,
  validationWindows,
  type Batch,
  type DomainSampling,
  type StageSampling,
  type LoaderState,
  type DomainCursor,
} from './data-loader.js';
export {
  CheckpointStore,
  CheckpointCorruptError,
  readCheckpoint,
  openCheckpoint,
  checkpointDirName,
  CHECKPOINT_MANIFEST,
  type LoadedCheckpoint,
} from './checkpoint.js';
export {
  encodeSafetensors,
  decodeSafetensors,
  readSafetensors,
  f32Tensor,
  SafetensorsError,
  type NamedTensor,
  type NamedTensors,
  type SafetensorsDtype,
} from './safetensors.js';
export { initBackend, BACKEND_NAMES, type BackendName, type BackendChoice, type InitBackendOptions } from './backend.js';
export { registerWasmTrainingKernels, type WasmMatMulKernel } from './wasm-kernels.js';
export {
  DecoderModel,
  createModel,
  resolveModelConfig,
  validateModelConfig,
  initialWeights,
  parameterShapes,
  flopsPerToken,
  describeModel,
  checkTokenBatch,
  type ModelConfig,
  type TokenBatch,
} from './model.js';
export { AdamW, DEFAULT_ADAMW, clipGradsByGlobalNorm, globalGradNorm, decaysWeight, type AdamWConfig, type AdamWState } from './optimizer.js';
export { createLrSchedule, validateLrSchedule, type LrSchedule, type LrScheduleConfig } from './lr-schedule.js';
export { SingleThreadTrainer, accumulateGradients, tokensIn, type Trainer, type TrainStepConfig, type StepResult } from './train-step.js';
export { DataParallelTrainer, splitRows, type DataParallelOptions } from './data-parallel.js';
export { assignShards } from './data-parallel-protocol.js';
export { readStageManifestSampling, manifestDomainSampling } from './data-loader-manifest.js';
export {
  encodeTrainingCheckpoint,
  decodeTrainingCheckpoint,
  weightTensors,
  MODEL_FILE,
  OPTIMIZER_FILE,
  STATE_FILE,
  TOKENIZER_FILE,
  type TrainingState,
  type TrainingCheckpoint,
} from './checkpoint-training-state.js';
export {
  parseTrainingConfig,
  stageSteps,
  TrainingRunConfigSchema,
  type TrainingRunConfig,
  type StageConfig,
  type LrPhase,
} from './training-run-config.js';
export {
  planStages,
  stageSchedule,
  withWarmupSteps,
  resolveTrainingDefaults,
  naturalDomainSampling,
  type PlannedStage,
} from './training-run-plan.js';
export { defaultLearningRate, defaultMinLearningRate, defaultWarmupSteps, defaultStageName, DEFAULT_BATCH_SIZE } from './training-run-defaults.js';
export { MetricsLog, readMetrics, type MetricsRecord } from './training-run-metrics.js';
export { TrainingProgress } from './training-run-progress.js';
export { runTraining, type TrainingRunOptions, type TrainingRunSummary } from './training-run.js';
export {
  exportHuggingFace,
  writeHuggingFaceModel,
  llamaConfig,
  HF_TRANSFORMERS_VERSION,
  type HfExportOptions,
  type HfExportResult,
  type HfModelFiles,
} from './hf-export.js';
export { importHuggingFaceLlama, modelConfigOf, HF_WEIGHTS_FILE, HF_WEIGHTS_INDEX_FILE, type HfOrigin, type ImportedHfModel } from './hf-import.js';
export {
  readHfLlamaConfig,
  llamaArchitecture,
  HfConfigError,
  HF_CONFIG_FILE,
  type HfLlamaConfig,
  type HfLlamaArchitecture,
} from './hf-llama-config.js';
export { tensorToFloat32, float32ToTensor, FLOAT_DTYPES, TORCH_DTYPE_NAMES, type FloatDtype } from './safetensors-float.js';
export { sampleTokens, drawToken, type SamplingOptions } from './token-sampler.js';
export { reportBackends, nativeBackendBuilt, type BackendStatus } from './backend-report.js';
