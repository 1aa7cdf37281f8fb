// Picks the TensorFlow.js backend the trainer computes on.
//
// `auto` tries, in order: `tensorflow` from @tensorflow/tfjs-node-gpu (CUDA), `tensorflow` from
// @tensorflow/tfjs-node (native CPU), `wasm` (XNNPACK, SIMD, one thread), then `cpu` (plain JS).
// The two native bindings are optional dependencies and are not installed by `npm ci`: their
// install downloads libtensorflow, which fails offline. A user on a CUDA machine enables the GPU
// with `npm install @tensorflow/tfjs-node-gpu@4.22.0` (same version as @tensorflow/tfjs) and
// nothing else; `auto` then finds it, and `--backend tensorflow` insists on it.
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels, type WasmMatMulKernel } from './wasm-kernels.js';

export type BackendName = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_NAMES: readonly BackendName[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export interface BackendChoice {
  /** the tfjs backend now active: `tensorflow`, `wasm` or `cpu` */
  name: 'tensorflow' | 'wasm' | 'cpu';
  /** where it came from, for the log line: e.g. `@tensorflow/tfjs-node-gpu`, `wasm (SIMD, fixed BatchMatMul)` */
  description: string;
  /** why the backends tried before it were skipped */
  skipped: string[];
}

export interface InitBackendOptions {
  /** wasm only: `stock` keeps tfjs's slow BatchMatMul (benchmarks compare against it) */
  wasmMatMul?: WasmMatMulKernel;
}

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

async function tryNative(skipped: string[]): Promise<BackendChoice | undefined> {
  for (const pkg of NATIVE_PACKAGES) {
    try {
      // A variable specifier keeps TypeScript (and bundlers) from requiring the optional package.
      const specifier: string = pkg;
      await import(specifier);
      if (await tf.setBackend('tensorflow')) {
        await tf.ready();
        return { name: 'tensorflow', description: pkg, skipped };
      }
      skipped.push(`${pkg}: loaded but the 'tensorflow' backend did not initialise`);
    } catch (err) {
      skipped.push(`${pkg}: ${firstLine(err)}`);
    }
  }
  return undefined;
}

async function tryWasm(skipped: string[], options: InitBackendOptions): Promise<BackendChoice | undefined> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) {
      skipped.push('wasm: backend did not initialise');
      return undefined;
    }
    await tf.ready();
    const matMul = options.wasmMatMul ?? 'xnnpack-per-slice';
    registerWasmTrainingKernels({ matMul });
    const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
    return { name: 'wasm', description: `wasm (${simd}, ${matMul === 'stock' ? 'stock' : 'fixed'} BatchMatMul)`, skipped };
  } catch (err) {
    skipped.push(`wasm: ${firstLine(err)}`);
    return undefined;
  }
}

/** Activates a backend; `auto` falls through the list above, a named one fails with the reason. */
export async function initBackend(name: BackendName = 'auto', options: InitBackendOptions = {}): Promise<BackendChoice> {
  if (!BACKEND_NAMES.includes(name)) throw new Error(`unknown backend '${name}'; expected one of ${BACKEND_NAMES.join(', ')}`);
  // The Node "install tfjs-node for speed" banner says nothing this module does not already decide.
  tf.env().set('PROD', true);
  const skipped: string[] = [];
  if (name === 'auto' || name === 'tensorflow') {
    const native = await tryNative(skipped);
    if (native) return native;
    if (name === 'tensorflow') {
      throw new Error(`backend 'tensorflow' is not available (${skipped.join('; ')}); install @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node`);
    }
  }
  if (name === 'auto' || name === 'wasm') {
    const wasm = await tryWasm(skipped, options);
    if (wasm) return wasm;
    if (name === 'wasm') throw new Error(`backend 'wasm' is not available (${skipped.join('; ')})`);
  }
  if (!(await tf.setBackend('cpu'))) throw new Error(`no backend could be initialised (${skipped.join('; ')})`);
  await tf.ready();
  return { name: 'cpu', description: 'cpu (plain JavaScript)', skipped };
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n', 1)[0]!;
}
