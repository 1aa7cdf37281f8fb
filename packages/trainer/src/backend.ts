// Picks the TensorFlow.js backend the trainer computes on.
//
// `auto` tries, in order: the native TensorFlow builds, `wasm` (XNNPACK, SIMD, one thread), then
// `cpu` (plain JS). Of the two native builds, @tensorflow/tfjs-node-gpu (CUDA) comes first where an
// NVIDIA driver is loaded; without one its TensorFlow only runs its CPU kernels, so @tensorflow/tfjs-node
// comes first (a lighter library with a quiet start) and the GPU build is the fallback, on its CPU.
// `tensorflow` takes either build in that order; `tensorflow-gpu` insists on tfjs-node-gpu.
// The native bindings are optional dependencies whose addons `npm ci` builds from PyPI's TensorFlow
// wheel (scripts/install-tensorflow.mjs; `npm run setup:gpu` for the GPU one); where that was not
// possible they fail to load and `auto` moves on, saying why.
import os from 'node:os';
import fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels, type WasmMatMulKernel } from './wasm-kernels.js';
import { registerNativeTrainingKernels } from './native-kernels.js';
import { nativeBackendBuilt } from './backend-report.js';

export type BackendName = 'auto' | 'tensorflow' | 'tensorflow-gpu' | 'wasm' | 'cpu';
export const BACKEND_NAMES: readonly BackendName[] = ['auto', 'tensorflow', 'tensorflow-gpu', 'wasm', 'cpu'];

export interface BackendChoice {
  /** the tfjs backend now active: `tensorflow`, `wasm` or `cpu` */
  name: 'tensorflow' | 'wasm' | 'cpu';
  /** where it came from, for the log line: e.g. `@tensorflow/tfjs-node-gpu`, `wasm (SIMD, fixed BatchMatMul)` */
  description: string;
  /** why the backends tried before it were skipped */
  skipped: string[];
  /** the native package that provides `tensorflow` (for tf.node: TensorBoard summaries) */
  nativePackage?: string;
  /** tensorflow only: whether TensorFlow placed its ops on a GPU (false: its CPU kernels) */
  gpu?: boolean;
}

export interface InitBackendOptions {
  /** wasm only: `stock` keeps tfjs's slow BatchMatMul (benchmarks compare against it) */
  wasmMatMul?: WasmMatMulKernel;
  /**
   * tensorflow only: TensorFlow's intra- and inter-op thread pools (default: the machine's cores).
   * TensorFlow reads them once, when it starts; a later call with another count keeps the first.
   */
  threads?: number;
}

/** the thread count TensorFlow started with in this process (undefined: not started yet) */
let nativeThreads: number | undefined;

/**
 * Sets what TensorFlow reads from the environment when it starts: its thread pools and
 * deterministic kernels (so that `--resume` is bitwise; see the README for what that costs), and
 * a quieter log (the "rebuild TensorFlow with AVX512" banner says nothing a user can act on).
 * Values a user already exported win.
 */
function prepareNativeEnvironment(threads: number): number {
  if (nativeThreads !== undefined) return nativeThreads;
  const env = process.env;
  env.TF_NUM_INTRAOP_THREADS ??= String(threads);
  env.TF_NUM_INTEROP_THREADS ??= String(threads);
  env.TF_DETERMINISTIC_OPS ??= '1';
  env.TF_CPP_MIN_LOG_LEVEL ??= '1';
  // On a GPU, TensorFlow otherwise reserves nearly all of its memory at start, so a second process
  // (`anneal doctor`'s probe, `anneal sample` beside a run, tests in parallel) fails to allocate.
  env.TF_FORCE_GPU_ALLOW_GROWTH ??= 'true';
  return Number(env.TF_NUM_INTRAOP_THREADS);
}

/** Whether an NVIDIA driver is loaded (TensorFlow falls back to its CPU kernels without one). */
function nvidiaDriverVersion(): string | undefined {
  try {
    const text = fs.readFileSync('/proc/driver/nvidia/version', 'utf8');
    return /Kernel Module\s+([\d.]+)/.exec(text)?.[1] ?? 'present';
  } catch {
    return undefined;
  }
}

const GPU_PACKAGE = '@tensorflow/tfjs-node-gpu';
const CPU_PACKAGE = '@tensorflow/tfjs-node';

/** The native builds to try, best first (see the top of this file for why this order). */
function nativePackages(name: 'auto' | 'tensorflow' | 'tensorflow-gpu'): string[] {
  if (name === 'tensorflow-gpu') return [GPU_PACKAGE];
  return nvidiaDriverVersion() !== undefined ? [GPU_PACKAGE, CPU_PACKAGE] : [CPU_PACKAGE, GPU_PACKAGE];
}

async function tryNative(packages: string[], skipped: string[], options: InitBackendOptions): Promise<BackendChoice | undefined> {
  const threads = prepareNativeEnvironment(options.threads ?? os.availableParallelism());
  for (const pkg of packages) {
    try {
      // A variable specifier keeps TypeScript (and bundlers) from requiring the optional package.
      const specifier: string = pkg;
      await import(specifier);
      if (await tf.setBackend('tensorflow')) {
        await tf.ready();
        nativeThreads = threads;
        registerNativeTrainingKernels();
        const native = tf.backend() as unknown as { binding?: { TF_Version?: string }; isUsingGpuDevice?: boolean };
        const gpu = native.isUsingGpuDevice === true;
        let device = 'CPU';
        if (pkg === GPU_PACKAGE) {
          const driver = nvidiaDriverVersion();
          if (!driver) device = 'no NVIDIA GPU found: TensorFlow runs on the CPU';
          else if (gpu) device = `GPU, NVIDIA driver ${driver}`;
          // TensorFlow logged why just before (no libcuda.so.1, a compute capability it lacks, …)
          else device = `NVIDIA driver ${driver}, but TensorFlow found no usable GPU (see its log above): it runs on the CPU`;
        }
        const requested =
          options.threads !== undefined && options.threads !== threads ? `, not ${options.threads}: fixed when TensorFlow started` : '';
        return {
          name: 'tensorflow',
          description: `${pkg} (TensorFlow ${native.binding?.TF_Version ?? '?'}, ${device}, ${threads} thread${threads === 1 ? '' : 's'}${requested})`,
          skipped,
          nativePackage: pkg,
          gpu,
        };
      }
      skipped.push(`${pkg}: loaded but the 'tensorflow' backend did not initialise`);
    } catch (err) {
      skipped.push(`${pkg}: ${notBuiltReason(pkg) ?? firstLine(err)}`);
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
  if (name === 'auto' || name === 'tensorflow' || name === 'tensorflow-gpu') {
    const native = await tryNative(nativePackages(name), skipped, options);
    if (native) return native;
    if (name === 'tensorflow-gpu') {
      throw new Error(
        `backend 'tensorflow-gpu' is not available (${skipped.join('; ')}); run \`npm run setup:gpu\` (or \`npx anneal doctor\` for why it is missing)`,
      );
    }
    if (name === 'tensorflow') {
      throw new Error(
        `backend 'tensorflow' is not available (${skipped.join('; ')}); run \`npm run setup:tensorflow\` (or \`npx anneal doctor\` for why it is missing)`,
      );
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

/** Why the install did not build a native package, as scripts/install-tensorflow.mjs recorded it. */
function notBuiltReason(pkg: string): string | undefined {
  const status = nativeBackendBuilt(pkg === '@tensorflow/tfjs-node-gpu' ? 'gpu' : 'cpu');
  return status.built ? undefined : `not built: ${status.reason}`;
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n', 1)[0]!;
}
