export { dedupText, wordShingles } from './dedup-text.js';
export { MinHashSignature, estimatedJaccard, detectionProbability, sCurveThreshold, type MinHashConfig } from './minhash-signature.js';
export { exactMethod, minhashMethod, type DedupMethod } from './dedup-method.js';
export { dedupStep, exactDedupStep, minhashDedupStep, type DedupOptions } from './dedup-step.js';
export { ExactDedupOptionsSchema, MinHashDedupOptionsSchema, type ExactDedupOptions, type MinHashDedupOptions } from './dedup-options.js';
export { buildClusters, type KeepPolicy, type ClusterSummary } from './duplicate-clusters.js';
export { UnionFind } from './union-find.js';
