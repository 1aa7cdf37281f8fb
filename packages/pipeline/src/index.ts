// @anneal/pipeline: a pipeline's config, its step registry, planning (stages split at global steps)
// and its executors (local worker threads, Slurm array jobs), as datatrove's executor/ is. The CLI
// only parses arguments and calls these.
export * from './pipeline-config.js';
export * from './step-catalog.js';
export * from './step-registry.js';
export * from './pipeline-segments.js';
export * from './pipeline-task.js';
export * from './run-pipeline.js';
export * from './input-sources.js';
export * from './output-entries.js';
export * from './slurm-executor.js';
export * from './slurm-executor-config.js';
export * from './slurm-array-job.js';
export * from './slurm-commands.js';
