// What `anneal doctor` reports: for each backend the trainer can use, whether it is available here,
// what it is (package, TensorFlow version and library path, threads), and when it is not, the exact
// reason and the command that fixes it. The native packages are probed in child processes: each
// loads a 500 MB library and registers the same backend name, and a crash there must not take the
// report down.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface BackendStatus {
  /** `tensorflow-gpu`, `tensorflow`, `wasm` or `cpu` */
  backend: string;
  package: string;
  available: boolean;
  /** what it is, when available */
  detail?: string;
  /** why not, when not */
  reason?: string;
  /** the command that fixes it */
  fix?: string;
  tfVersion?: string;
  library?: string;
}

/** What scripts/install-tensorflow.mjs recorded: one entry per build (`cpu`, `gpu`). */
interface InstallRecord {
  status: 'ok' | 'unavailable' | 'off';
  reason?: string;
  fix?: string;
  libtensorflow?: string;
  tf_version?: string;
  wheel?: string;
  addon?: string;
}

function packageDir(pkg: string): string | undefined {
  try {
    return path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return undefined;
  }
}

function installRecords(nodeModules: string): Record<string, InstallRecord> {
  try {
    return JSON.parse(fs.readFileSync(path.join(nodeModules, '.anneal-tensorflow.json'), 'utf8')) as Record<string, InstallRecord>;
  } catch {
    return {};
  }
}

/** The built addon of a tfjs-node package (lib/napi-v8/tfjs_binding.node), or undefined. */
function addonPath(dir: string): string | undefined {
  const lib = path.join(dir, 'lib');
  if (!fs.existsSync(lib)) return undefined;
  for (const sub of fs.readdirSync(lib)) {
    const candidate = path.join(lib, sub, 'tfjs_binding.node');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Cheap check, no loading: whether the install script built this native package's addon. Tests use
 * it to decide whether their `tensorflow` variants can run.
 */
export function nativeBackendBuilt(variant: 'cpu' | 'gpu' = 'cpu'): { built: boolean; reason: string } {
  const pkg = variant === 'gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
  const dir = packageDir(pkg);
  if (!dir) return { built: false, reason: `${pkg} is not installed` };
  const record = installRecords(path.dirname(path.dirname(dir)))[variant];
  if (!addonPath(dir)) return { built: false, reason: record?.reason ?? `${pkg}'s addon is not built` };
  return { built: true, reason: '' };
}

function probeNative(pkg: string, threads: number): { ok: true; tfVersion: string; gpu: boolean; ms: number } | { ok: false; error: string } {
  const code = `
    const started = Date.now();
    const tf = require(${JSON.stringify(pkg)});
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const check = tf.matMul(x, x).sum().dataSync()[0];
    process.stdout.write(JSON.stringify({ tf: tf.backend().binding.TF_Version, gpu: tf.backend().isUsingGpuDevice === true, check, ms: Date.now() - started }) + '\\n');`;
  const r = spawnSync(process.execPath, ['-e', code], {
    encoding: 'utf8',
    // allow growth: the probe must not reserve the whole GPU while a training run may be using it
    env: {
      ...process.env,
      TF_CPP_MIN_LOG_LEVEL: process.env.TF_CPP_MIN_LOG_LEVEL ?? '2',
      TF_FORCE_GPU_ALLOW_GROWTH: 'true',
      TF_NUM_INTRAOP_THREADS: String(threads),
      TF_NUM_INTEROP_THREADS: String(threads),
    },
    timeout: 120_000,
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) {
    const lines = `${r.stderr ?? ''}`
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('at '));
    return { ok: false, error: lines.find((l) => /Error|error|cannot|not found/.test(l)) ?? lines[0] ?? `exit ${r.status ?? r.signal}` };
  }
  const result = JSON.parse(line) as { tf: string; gpu: boolean; check: number; ms: number };
  if (result.check !== 54) return { ok: false, error: `computes wrong results (1·1+… gave ${result.check}, not 54)` };
  return { ok: true, tfVersion: result.tf, gpu: result.gpu, ms: result.ms };
}

function nativeStatus(variant: 'cpu' | 'gpu', threads: number): BackendStatus {
  const pkg = variant === 'gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
  const backend = variant === 'gpu' ? 'tensorflow-gpu' : 'tensorflow';
  const setup = variant === 'gpu' ? 'npm run setup:gpu' : 'npm run setup:tensorflow';
  const dir = packageDir(pkg);
  if (!dir) {
    return {
      backend,
      package: pkg,
      available: false,
      reason: `${pkg} is not installed (npm skipped the optional dependency)`,
      fix: 'npm ci (npm ≥ 11, which honours package.json allowScripts)',
    };
  }
  const record = installRecords(path.dirname(path.dirname(dir)))[variant];
  if (!addonPath(dir)) {
    if (record?.status === 'unavailable' || record?.status === 'off')
      return { backend, package: pkg, available: false, reason: record.reason, fix: record.fix ?? setup };
    return {
      backend,
      package: pkg,
      available: false,
      reason: variant === 'gpu' ? 'not built (the GPU build is opt-in: about 3 GB of CUDA wheels)' : 'its addon is not built',
      fix: setup,
    };
  }
  const probe = probeNative(pkg, threads);
  if (!probe.ok) return { backend, package: pkg, available: false, reason: `the addon does not load: ${probe.error}`, fix: setup };
  // `~` for the home folder: the report is meant to be pasted into issues and docs
  const raw = record?.libtensorflow ?? path.join(dir, 'deps', 'lib');
  const library = raw.startsWith(`${os.homedir()}/`) ? `~${raw.slice(os.homedir().length)}` : raw;
  let device = 'CPU';
  if (variant === 'gpu') {
    if (!nvidiaDriver()) device = 'CUDA 12 build; no NVIDIA GPU found: TensorFlow runs on the CPU';
    else if (probe.gpu) device = 'CUDA 12, on the GPU';
    else
      device =
        'CUDA 12 build; an NVIDIA driver is loaded but TensorFlow found no usable GPU (run the probe with TF_CPP_MIN_LOG_LEVEL=0 for why): it runs on the CPU';
  }
  return {
    backend,
    package: pkg,
    available: true,
    tfVersion: probe.tfVersion,
    library,
    detail: `TensorFlow ${probe.tfVersion} (${record?.wheel ?? 'libtensorflow'}), ${device}; ${threads} thread${threads === 1 ? '' : 's'} (--threads, or TF_NUM_INTRAOP_THREADS); library ${library}`,
  };
}

async function wasmStatus(): Promise<BackendStatus> {
  try {
    const dir = packageDir('@tensorflow/tfjs-backend-wasm');
    if (!dir) throw new Error('@tensorflow/tfjs-backend-wasm is not installed');
    const wasm = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
    const simd = wasm.validate(
      new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]),
    );
    return {
      backend: 'wasm',
      package: '@tensorflow/tfjs-backend-wasm',
      available: true,
      detail: `XNNPACK${simd ? ', SIMD' : ' (no SIMD)'}, anneal's training kernels; one thread per worker (workers: N for data parallelism)`,
    };
  } catch (err) {
    return { backend: 'wasm', package: '@tensorflow/tfjs-backend-wasm', available: false, reason: (err as Error).message, fix: 'npm ci' };
  }
}

function nvidiaDriver(): boolean {
  return fs.existsSync('/proc/driver/nvidia/version');
}

/** Every backend, in the order `--backend auto` tries them (backend.ts: the GPU build first only where a driver is loaded). */
export async function reportBackends(options: { threads?: number } = {}): Promise<{ backends: BackendStatus[]; auto: string }> {
  const threads = options.threads ?? Number(process.env.TF_NUM_INTRAOP_THREADS ?? os.availableParallelism());
  const native = nvidiaDriver()
    ? [nativeStatus('gpu', threads), nativeStatus('cpu', threads)]
    : [nativeStatus('cpu', threads), nativeStatus('gpu', threads)];
  const backends = [
    ...native,
    await wasmStatus(),
    {
      backend: 'cpu',
      package: '@tensorflow/tfjs-backend-cpu',
      available: true,
      detail: 'plain JavaScript: the reference, 30–100× slower than the others',
    },
  ];
  const auto = backends.find((b) => b.available)!;
  return { backends, auto: `${auto.backend} (${auto.package})` };
}
