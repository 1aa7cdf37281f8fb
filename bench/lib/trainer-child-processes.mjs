// The processes bench/trainer.mjs runs beside itself: bench/trainer-native.mjs (anneal on native
// TensorFlow, in its own process so that its threads and a crash stay out of the wasm rows) and the
// PyTorch reference bench/trainer_torch.py. Both take a verb and --flag value pairs and print JSON.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIR } from './common.mjs';

/** `verb --key value ...` for a child's command line, from `{ key: value }` (values as strings). */
export function childArgs(verb, flags) {
  return [verb, ...Object.entries(flags).flatMap(([key, value]) => [`--${key}`, String(value)])];
}

/** The torch version `python` imports, or undefined when it has none (the PyTorch rows are skipped). */
export function probeTorch(python) {
  try {
    return execFileSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Runs bench/trainer_torch.py with `argv` and returns its JSON result. */
export function torchJson(python, argv) {
  const r = spawnSync(python, [join(BENCH_DIR, 'trainer_torch.py'), ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`trainer_torch.py ${argv[0]} failed: ${r.stderr.split('\n').slice(-5).join(' ')}`);
  return JSON.parse(r.stdout);
}

/** Runs bench/trainer-native.mjs (native TensorFlow, its own process) and returns its JSON result. */
export function nativeChild(argv, options = {}) {
  const r = spawnSync(process.execPath, [join(BENCH_DIR, 'trainer-native.mjs'), ...argv], { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  const last = (r.stdout ?? '').trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !last.startsWith('{'))
    throw new Error(`trainer-native.mjs ${argv[0]} failed (exit ${r.status}): ${(r.stderr ?? '').split('\n').slice(-5).join(' ')}`);
  return JSON.parse(last);
}
