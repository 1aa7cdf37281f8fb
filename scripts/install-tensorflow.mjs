#!/usr/bin/env node
// Builds the native TensorFlow backend (@tensorflow/tfjs-node, or tfjs-node-gpu with `--gpu`) from
// PyPI's TensorFlow wheel, so that `npm ci` needs no host but the npm registry and PyPI.
//
// Why this way: tfjs-node's own installer downloads libtensorflow from a Google bucket, which fails
// offline. package.json sets `allowScripts: { "@tensorflow/tfjs-node": false }`, so npm (≥ 11) installs
// tfjs-node's files without running that installer; the root's `postinstall` then runs this script.
// The TensorFlow wheel (≥ 2.12) ships the same C and eager C API as Google's libtensorflow tarball, in
// `libtensorflow_cc.so.2`, with the headers under `tensorflow/include/`. This script lays them out
// as the tarball would (cached under ~/.cache/anneal, so a second install takes seconds) and builds
// the addon from tfjs-node's sources with node-gyp against them.
//
// It never fails the install: where the backend cannot be built (ANNEAL_TENSORFLOW=off, no pip, no
// C++ compiler, not Linux x86_64, …) it prints one line saying why, and the trainer uses WASM. The
// outcome is written to node_modules/.anneal-tensorflow.json, which `anneal doctor` reads.
//
// This file decides what to build and records the outcome; scripts/lib/tensorflow-wheel.mjs fetches
// and lays out the library, scripts/lib/tfjs-node-addon.mjs stages, builds and checks the addon.
//
//   node scripts/install-tensorflow.mjs           CPU build (what `npm ci` runs)
//   node scripts/install-tensorflow.mjs --gpu     GPU build: tensorflow 2.15.1 (CUDA 12) + the pinned nvidia-*-cu12 wheels
//   ANNEAL_TENSORFLOW=off|cpu|gpu                 off: skip; gpu: the GPU build instead of the CPU one
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { NotBuilt } from './lib/not-built.mjs';
import { build, probe, stage } from './lib/tfjs-node-addon.mjs';
import { libtensorflowFromWheel } from './lib/tensorflow-wheel.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(path.join(root, 'package.json'));
const STATE_FILE = path.join(root, 'node_modules', '.anneal-tensorflow.json');

/** What each build takes from PyPI. Versions are pinned: the binding was checked against these. */
const VARIANTS = {
  cpu: {
    pkg: '@tensorflow/tfjs-node',
    wheel: 'tensorflow-cpu',
    version: '2.12.1',
    cuda: [],
  },
  gpu: {
    pkg: '@tensorflow/tfjs-node-gpu',
    // 2.15.1 is the CUDA 12.2 build (Hopper). libtensorflow_cc.so.2's RUNPATH lists, besides $ORIGIN/,
    // $ORIGIN/../nvidia/{cusparse,cusolver,cudnn,cufft,cublas,cuda_cupti,cuda_runtime}/lib (and
    // ../tensorrt, which and-cuda does not pin); with the library in deps/lib, deps/nvidia is that path.
    wheel: 'tensorflow',
    version: '2.15.1',
    // tensorflow[and-cuda]==2.15.1's pins, from the wheel's METADATA (`Requires-Dist: … extra ==
    // 'and-cuda'`); the extraction below checks them against that METADATA again, so a version bump
    // that forgets this list fails loudly instead of mixing CUDA releases.
    cuda: [
      'nvidia-cublas-cu12==12.2.5.6',
      'nvidia-cuda-cupti-cu12==12.2.142',
      'nvidia-cuda-nvcc-cu12==12.2.140',
      'nvidia-cuda-nvrtc-cu12==12.2.140',
      'nvidia-cuda-runtime-cu12==12.2.140',
      'nvidia-cudnn-cu12==8.9.4.25',
      'nvidia-cufft-cu12==11.0.8.103',
      'nvidia-curand-cu12==10.3.3.141',
      'nvidia-cusolver-cu12==11.5.2.141',
      'nvidia-cusparse-cu12==12.1.2.141',
      'nvidia-nccl-cu12==2.16.5',
      'nvidia-nvjitlink-cu12==12.2.140',
    ],
  },
};

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const mode = args.includes('--gpu') ? 'gpu' : (process.env.ANNEAL_TENSORFLOW ?? 'cpu').toLowerCase();

function say(line) {
  process.stdout.write(`anneal: ${line}\n`);
}
function detail(line) {
  if (!quiet) process.stdout.write(`  ${line}\n`);
}

function readState() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return {};
  }
}

function writeState(variantName, entry) {
  const state = readState();
  state[variantName] = { ...entry, at: new Date().toISOString() };
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2) + '\n');
}

function main() {
  if (mode === 'off' || mode === '0' || mode === 'false') {
    // an addon built by an earlier install would still load: remove it, so that what the trainer
    // uses matches what was asked for
    try {
      const pkgDir = path.dirname(require.resolve(`${VARIANTS.cpu.pkg}/package.json`));
      for (const dir of ['lib', 'deps', 'build']) fs.rmSync(path.join(pkgDir, dir), { recursive: true, force: true });
    } catch {
      // not installed: nothing to remove
    }
    writeState('cpu', { status: 'off', reason: 'ANNEAL_TENSORFLOW=off', fix: 'unset ANNEAL_TENSORFLOW and run `npm run setup:tensorflow`' });
    say('native TensorFlow not built (ANNEAL_TENSORFLOW=off); the trainer will use WASM');
    return;
  }
  const variantName = mode === 'gpu' ? 'gpu' : 'cpu';
  const variant = VARIANTS[variantName];
  const started = Date.now();
  try {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new NotBuilt(
        `the build from PyPI's wheel is made for Linux x86_64, not ${process.platform}/${process.arch}`,
        `\`npm install ${variant.pkg}@4.22.0\` with internet access uses Google's prebuilt library`,
      );
    }
    let pkgJsonPath;
    try {
      pkgJsonPath = require.resolve(`${variant.pkg}/package.json`);
    } catch {
      throw new NotBuilt(`${variant.pkg} is not installed (an optional dependency npm skipped)`, 'run `npm ci` again');
    }
    const pkgDir = path.dirname(pkgJsonPath);
    const previous = readState()[variantName];
    if (previous?.status === 'ok' && fs.existsSync(previous.addon ?? '') && previous.libtensorflow_version === variant.version) {
      try {
        const check = probe(variant.pkg);
        say(`native TensorFlow ${check.tf_version} (${variantName}) already built: ${variant.pkg}`);
        return;
      } catch {
        // rebuilt below
      }
    }
    const libDir = libtensorflowFromWheel(variantName, variant, { say, detail });
    stage(pkgDir, libDir);
    detail(`building ${variant.pkg}'s addon against it (node-gyp)`);
    const addon = build(pkgDir);
    const check = probe(variant.pkg);
    writeState(variantName, {
      status: 'ok',
      package: variant.pkg,
      addon,
      libtensorflow: libDir,
      libtensorflow_version: variant.version,
      tf_version: check.tf_version,
      wheel: `${variant.wheel}==${variant.version}`,
    });
    say(
      `native TensorFlow ${check.tf_version} (${variantName}) built for ${variant.pkg} from PyPI's ${variant.wheel} ${variant.version} ` +
        `in ${((Date.now() - started) / 1000).toFixed(0)} s; \`npx anneal doctor\` shows the backends`,
    );
  } catch (err) {
    const failure = err instanceof NotBuilt ? err : new NotBuilt(err?.message ?? String(err), 'run `npm run setup:tensorflow` to retry');
    writeState(variantName, { status: 'unavailable', reason: failure.message, fix: failure.fix });
    say(`native TensorFlow not built (${failure.message}); the trainer will use WASM. Fix: ${failure.fix}`);
  }
}

main();
