// The backends every trainer test runs on: wasm always, and the native `tensorflow` backend wherever
// `npm ci` built it (Linux x86_64 with pip and a C++ compiler, which is what CI runs on). Elsewhere
// the tensorflow variants skip, saying why; with ANNEAL_REQUIRE_TENSORFLOW=1 (set by .ci/run) a
// missing native backend fails them instead, so CI cannot pass by skipping.
import { nativeBackendBuilt } from '../../src/index.js';

export type TrainingTestBackend = 'wasm' | 'tensorflow';

export const TRAINING_BACKENDS: readonly TrainingTestBackend[] = ['wasm', 'tensorflow'];

const native = nativeBackendBuilt('cpu');

/** `skip` option for node:test: false to run, or the reason the backend is not here. */
export function skipUnless(backend: string): string | false {
  if (backend !== 'tensorflow' || native.built || process.env.ANNEAL_REQUIRE_TENSORFLOW === '1') return false;
  return `native TensorFlow backend not built here (${native.reason}); run \`npm run setup:tensorflow\``;
}
