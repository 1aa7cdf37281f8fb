export { main, buildProgram } from './main.js';
export { runPipeline, loadPipeline, mergeRunStats, planRunStages, describeRunPlan, type RunOptions, type RunOutcome, type RunStage } from './run-pipeline.js';
export { resolvePipeline, ConfigError, toConfigDocument, type ResolvedPipeline, type ResolvedStep } from './pipeline-config.js';
export { applyOverrides } from './config-overrides.js';
export { STEP_DEFINITIONS, stepDefinition, createStep, type StepDefinition } from './step-registry.js';
export { runPlanJob, runSegmentTask, type TaskPlan, type PlanJob } from './pipeline-task.js';
export { planSegments, StageLayout, type Segment } from './pipeline-segments.js';
export { submitPipelineToSlurm, arraySpec, type SlurmRunOptions, type SlurmOutcome } from './slurm-executor.js';
export { SlurmExecutorSchema, ExecutorSchema, type SlurmExecutorConfig, type ExecutorConfig } from './slurm-executor-config.js';
