// Backend selection: `auto` falls through the optional native bindings (absent from a plain
// `npm ci`) to wasm with the fixed kernels; a named backend that cannot start fails with the reason.
import fs from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend, nativeBackendBuilt } from '../src/index.js';

async function nativeInstalled(): Promise<boolean> {
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      const specifier: string = pkg;
      await import(specifier);
      return true;
    } catch {
      // not installed: the usual case
    }
  }
  return false;
}

test('auto picks tensorflow when a native binding is installed, else wasm, and says why', async (t) => {
  const choice = await initBackend('auto');
  if (await nativeInstalled()) {
    assert.equal(choice.name, 'tensorflow');
    // names the package, TensorFlow's version, the device and the thread count
    assert.match(choice.description, /^@tensorflow\/tfjs-node(-gpu)? \(TensorFlow \d+\.\d+\.\d+, .+, \d+ threads?/);
    // Without an NVIDIA driver the GPU build would only run its CPU kernels: the CPU build, when
    // built, goes first; the GPU build, chosen anyway, says it found no GPU.
    if (!fs.existsSync('/proc/driver/nvidia/version')) {
      if (nativeBackendBuilt('cpu').built) assert.equal(choice.nativePackage, '@tensorflow/tfjs-node');
      if (choice.nativePackage === '@tensorflow/tfjs-node-gpu') assert.match(choice.description, /no NVIDIA GPU found: TensorFlow runs on the CPU/);
      assert.equal(choice.gpu, false);
    }
    t.diagnostic(`${choice.description}; skipped: ${choice.skipped.join(' | ') || 'none'}`);
    return;
  }
  assert.equal(choice.name, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.match(choice.description, /fixed BatchMatMul/);
  assert.equal(choice.skipped.length, 2);
  const [first, second] = fs.existsSync('/proc/driver/nvidia/version') ? ['-gpu', ''] : ['', '-gpu'];
  assert.match(choice.skipped[0]!, new RegExp(`^@tensorflow/tfjs-node${first}: `));
  assert.match(choice.skipped[1]!, new RegExp(`^@tensorflow/tfjs-node${second}: `));
  t.diagnostic(`skipped: ${choice.skipped.join(' | ')}`);
});

test('a forced backend is used, or fails naming what is missing', async () => {
  assert.equal((await initBackend('cpu')).name, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal((await initBackend('wasm')).name, 'wasm');
  if (!(await nativeInstalled())) {
    await assert.rejects(initBackend('tensorflow'), /backend 'tensorflow' is not available .*npm run setup:tensorflow/);
  }
  if (!nativeBackendBuilt('gpu').built) {
    await assert.rejects(initBackend('tensorflow-gpu'), /backend 'tensorflow-gpu' is not available .*npm run setup:gpu/);
  }
  await assert.rejects(initBackend('webgpu' as never), /unknown backend 'webgpu'; expected one of auto, tensorflow, tensorflow-gpu, wasm, cpu/);
});
