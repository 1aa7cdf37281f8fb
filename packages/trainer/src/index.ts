// Public API of @anneal/trainer (see DESIGN.md, "Layout").
export {};
// data loader, checkpoints, safetensors (loader)
export { TokenCorpus, TokenCorpusBuilder, type DomainDocuments, type TokenDocument } from './data-loader-corpus.js';
export { loadTokenShards, type LoadedTokenShards } from './data-loader-shards.js';
export { PackedWindowLoader, validationWindows, type Batch, type DomainSampling, type StageSampling, type LoaderState, type DomainCursor } from './data-loader.js';
export { CheckpointStore, CheckpointCorruptError, readCheckpoint, openCheckpoint, checkpointDirName, CHECKPOINT_MANIFEST, type LoadedCheckpoint } from './checkpoint.js';
export { encodeSafetensors, decodeSafetensors, readSafetensors, f32Tensor, SafetensorsError, type NamedTensor, type NamedTensors, type SafetensorsDtype } from './safetensors.js';
