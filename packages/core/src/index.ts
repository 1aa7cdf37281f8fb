export type { Doc } from './doc.js';
export { WELL_KNOWN_METADATA_KEYS, UNKNOWN_DOMAIN, domainName } from './doc.js';
export { RecordError, formatLocation, excerptOf, type RecordLocation } from './record-error.js';
export { hash32, hash64Hex } from './hash.js';
export { SeededRng } from './seeded-rng.js';
export { filesForRank, rankName } from './sharding.js';
export {
  emptyStepStats,
  droppedTotal,
  stepImbalance,
  runStatsFromSteps,
  mergeStepStats,
  ledgerImbalances,
  type StepStats,
  type RunStats,
} from './stats.js';
export { temporaryPathFor, fsyncFile, commitFile, writeFileAtomic, removeStaleTemporariesSync, removeStaleTemporariesUnder } from './atomic-write.js';
export { FileWriteError, namingWrittenFile } from './write-error.js';
export { batched, collect, fromArray } from './async-iter.js';
export {
  documentStep,
  dropped,
  isDocumentStep,
  onlyWhen,
  scoreInto,
  type DocumentStep,
  type PipelineStep,
  type StepContext,
  type Dropped,
  type ReadItem,
} from './step.js';
export { RunLayout, StageLayout } from './run-layout.js';
export {
  runTask,
  runStepsInMemory,
  sourceLocationOf,
  FailFastError,
  type TaskRunOptions,
  type OnError,
  type InMemoryRun,
  type DroppedDocument,
} from './run-task.js';
export {
  WorkerPool,
  WorkerRequestError,
  serveRequests,
  runOnWorkerThreads,
  serveTasks,
  type WorkerPoolOptions,
  type TaskPoolOptions,
  type TaskProgress,
} from './worker-pool.js';
export { isGlobalStep, type GlobalStep, type GlobalStepContext, type GlobalPhase, type DocumentObserver } from './global-step.js';
export { formatDuration } from './duration.js';
export { RefusedError } from './refused-error.js';
export {
  OWNERSHIP_MARKER,
  claimOutput,
  markerVerb,
  readMarker,
  refuseUnrecordedNames,
  recordEntries,
  removeRecordedNames,
  removeRecordedEntries,
  ownedFolders,
  entryPath,
  type OwnershipMarker,
  type OutputClaim,
  type ClaimOptions,
} from './output-ownership.js';
export { pathExists } from './path-exists.js';
export { ConfigError, issuesWithKeyPaths, keyPath, type ConfigKind } from './config-error.js';
export { readConfigFile, MAX_EXPANDED_CONFIG_CHARS } from './config-file.js';
export { applyOverrides, collectSet } from './config-overrides.js';
export { loadOnce } from './load-once.js';
// a verb's output folder kept safe: one writer at a time, never an input, only older outputs of the same verb replaced
export * from './run-lock.js';
export * from './output-input-overlap.js';
export * from './older-outputs.js';
export * from './progress.js';
