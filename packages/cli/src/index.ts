export { main, buildProgram } from './main.js';
export { runPipeline, loadPipeline, mergeRunStats, type RunOptions, type RunOutcome } from './run-pipeline.js';
export { resolvePipeline, ConfigError, toConfigDocument, type ResolvedPipeline, type ResolvedStep } from './pipeline-config.js';
export { applyOverrides } from './config-overrides.js';
export { STEP_DEFINITIONS, stepDefinition, createStep, type StepDefinition } from './step-registry.js';
export { runPipelineTask, type TaskPlan } from './pipeline-task.js';
