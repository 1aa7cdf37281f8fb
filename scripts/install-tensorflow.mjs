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
//   node scripts/install-tensorflow.mjs           CPU build (what `npm ci` runs)
//   node scripts/install-tensorflow.mjs --gpu     GPU build: tensorflow 2.15.1 (CUDA 12) + the pinned nvidia-*-cu12 wheels
//   ANNEAL_TENSORFLOW=off|cpu|gpu                 off: skip; gpu: the GPU build instead of the CPU one
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

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

class NotBuilt extends Error {
  constructor(reason, fix) {
    super(reason);
    this.fix = fix;
  }
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

function run(cmd, cmdArgs, options = {}) {
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  return { ok: r.status === 0, status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

function cacheRoot() {
  const base = process.env.ANNEAL_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'anneal');
  return base;
}

function python() {
  for (const candidate of [process.env.ANNEAL_PYTHON, 'python3', 'python'].filter(Boolean)) {
    const r = run(candidate, ['-m', 'pip', '--version']);
    if (r.ok) return candidate;
  }
  throw new NotBuilt(
    'no python3 with pip found (the TensorFlow library comes from its PyPI wheel)',
    'install python3 and pip (Debian: apt-get install python3-pip), then run `npm run setup:tensorflow`',
  );
}

function checkCompiler() {
  for (const cxx of [process.env.CXX, 'c++', 'g++', 'clang++'].filter(Boolean)) {
    if (run(cxx, ['--version']).ok) {
      if (!run('make', ['--version']).ok) {
        throw new NotBuilt(
          'no `make` found (node-gyp needs it to build the addon)',
          'install make (Debian: apt-get install build-essential), then run `npm run setup:tensorflow`',
        );
      }
      return cxx;
    }
  }
  throw new NotBuilt(
    'no C++ compiler found (the tfjs-node addon is built from source)',
    'install a C++ compiler (Debian: apt-get install build-essential), then run `npm run setup:tensorflow`',
  );
}

/** The directory holding `include/node/node_api.h` for the running Node, so node-gyp fetches no headers. */
function nodeDir() {
  const candidates = [path.dirname(path.dirname(process.execPath)), '/usr', '/usr/local'];
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'include', 'node', 'node_api.h'))) return dir;
  }
  return undefined;
}

function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ].filter(Boolean);
  for (const c of candidates) if (fs.existsSync(c)) return c;
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    throw new NotBuilt('node-gyp not found (it comes with npm)', 'run the install through npm: `npm run setup:tensorflow`');
  }
}

/**
 * The wheel's C library, headers (and, for the GPU build, the CUDA libraries) laid out under the
 * cache as `lib/`, `include/`, `nvidia/`; made once, reused by every later install.
 */
function libtensorflowFromWheel(variantName, variant) {
  const dir = path.join(cacheRoot(), `libtensorflow-${variant.version}-${variantName}`);
  const done = path.join(dir, '.complete');
  if (fs.existsSync(done)) {
    detail(`libtensorflow ${variant.version} (${variantName}) from cache: ${dir}`);
    return dir;
  }
  const py = python();
  const work = `${dir}.partial-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'wheels'), { recursive: true });
  const wheelSpecs = [`${variant.wheel}==${variant.version}`, ...variant.cuda];
  say(
    `fetching ${wheelSpecs.length === 1 ? wheelSpecs[0] : `${wheelSpecs[0]} and ${wheelSpecs.length - 1} CUDA wheels`} from PyPI (once; cached in ${dir})`,
  );
  // --no-cache-dir: what is kept is the extracted layout below; pip's own copy of the wheels would be a
  // second 0.5 GB (CPU) or 3 GB (GPU) on disk that nothing reads again.
  const dl = run(
    py,
    [
      '-m',
      'pip',
      'download',
      '--quiet',
      '--disable-pip-version-check',
      '--no-cache-dir',
      '--no-deps',
      '--only-binary=:all:',
      '--platform',
      'manylinux2014_x86_64',
      '--python-version',
      '3.11',
      '-d',
      path.join(work, 'wheels'),
      ...wheelSpecs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (!dl.ok) {
    fs.rmSync(work, { recursive: true, force: true });
    throw new NotBuilt(
      `pip could not download ${wheelSpecs[0]}: ${lastLine(dl.out)}`,
      'check that PyPI is reachable (pip config), then run `npm run setup:tensorflow`',
    );
  }
  // Python's zipfile, because pip (hence Python) is already required and a wheel is a zip; only the
  // members the binding needs are written (the TensorFlow wheel unpacks to ~1.5 GB).
  const extract = `
import sys, zipfile, glob, os, re, json
work = sys.argv[1]
expected_cuda = sorted(json.loads(sys.argv[2]))
if expected_cuda:
    # The and-cuda extra of the TensorFlow wheel names the CUDA wheels it was built against.
    tf_whl = [w for w in glob.glob(os.path.join(work, 'wheels', '*.whl')) if not os.path.basename(w).startswith('nvidia_')][0]
    z = zipfile.ZipFile(tf_whl)
    meta = z.read([n for n in z.namelist() if n.endswith('.dist-info/METADATA')][0]).decode()
    pins = sorted(m.group(1) + '==' + m.group(2) for m in re.finditer(r"^Requires-Dist: (nvidia-[\\w-]+) ?\\(?==([^);\\s]+)\\)? ?; extra == .and-cuda.", meta, re.M))
    if pins != expected_cuda:
        sys.exit('the and-cuda pins in ' + os.path.basename(tf_whl) + ' are ' + ', '.join(pins) + '; the script lists ' + ', '.join(expected_cuda))
lib = os.path.join(work, 'lib'); inc = os.path.join(work, 'include'); os.makedirs(lib); os.makedirs(inc)
INC = 'tensorflow/include/'
def write(z, info, target):
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with z.open(info) as src, open(target, 'wb') as dst:
        while True:
            chunk = src.read(1 << 20)
            if not chunk:
                break
            dst.write(chunk)
for whl in glob.glob(os.path.join(work, 'wheels', '*.whl')):
    z = zipfile.ZipFile(whl)
    members = {i.filename: i for i in z.infolist() if not i.filename.endswith('/')}
    # Headers: tensorflow/c/**, the ctstring headers the binding includes itself, and, transitively,
    # every quoted include they name that the wheel has.
    todo = [n for n in members if n.startswith(INC) and (n.startswith(INC + 'tensorflow/c/') or 'ctstring' in n)]
    seen = set(todo)
    while todo:
        n = todo.pop()
        write(z, members[n], os.path.join(inc, n[len(INC):]))
        for ref in re.findall(rb'#\\s*include\\s*"([^"]+)"', z.read(n)):
            m = INC + ref.decode()
            if m in members and m not in seen:
                seen.add(m); todo.append(m)
    for n, info in members.items():
        if n.startswith('tensorflow/') and os.path.basename(n) in ('libtensorflow_cc.so.2', 'libtensorflow_framework.so.2'):
            target = os.path.join(lib, os.path.basename(n))
        elif n.startswith('nvidia/') and '/lib/' in n:
            target = os.path.join(work, n)
        else:
            continue
        write(z, info, target)
        os.chmod(target, 0o755)
`;
  const ex = run(py, ['-c', extract, work, JSON.stringify(variant.cuda)]);
  fs.rmSync(path.join(work, 'wheels'), { recursive: true, force: true });
  for (const needed of [
    'lib/libtensorflow_cc.so.2',
    'lib/libtensorflow_framework.so.2',
    'include/tensorflow/c/c_api.h',
    'include/tensorflow/c/eager/c_api.h',
  ]) {
    if (!ex.ok || !fs.existsSync(path.join(work, needed))) {
      fs.rmSync(work, { recursive: true, force: true });
      throw new NotBuilt(
        `the ${variant.wheel} ${variant.version} wheel did not yield ${needed}${ex.ok ? '' : `: ${lastLine(ex.out)}`}`,
        'report this: the wheel layout differs from the one this script knows',
      );
    }
  }
  fs.writeFileSync(path.join(work, '.complete'), `${variant.wheel}==${variant.version}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(work, dir);
  return dir;
}

/** Hard link where the cache and node_modules share a file system (instant), else copy. */
function linkOrCopy(from, to) {
  fs.rmSync(to, { force: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

/**
 * Lays the library out inside the package as tfjs-node's installer would (`deps/lib`, `deps/include`),
 * plus `deps/nvidia` for the GPU build, where the library's RUNPATH ($ORIGIN/../nvidia/…) looks.
 */
function stage(pkgDir, libDir) {
  const deps = path.join(pkgDir, 'deps');
  fs.rmSync(deps, { recursive: true, force: true });
  fs.mkdirSync(path.join(deps, 'lib'), { recursive: true });
  for (const name of ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']) {
    linkOrCopy(path.join(libDir, 'lib', name), path.join(deps, 'lib', name));
  }
  // The binding links `-ltensorflow -ltensorflow_framework`; the sonames it then records are the
  // wheel's own (libtensorflow_cc.so.2), found beside these links through its rpath.
  fs.symlinkSync('libtensorflow_cc.so.2', path.join(deps, 'lib', 'libtensorflow.so'));
  fs.symlinkSync('libtensorflow_cc.so.2', path.join(deps, 'lib', 'libtensorflow.so.2'));
  fs.symlinkSync('libtensorflow_framework.so.2', path.join(deps, 'lib', 'libtensorflow_framework.so'));
  fs.cpSync(path.join(libDir, 'include'), path.join(deps, 'include'), { recursive: true });
  if (fs.existsSync(path.join(libDir, 'nvidia'))) fs.symlinkSync(path.join(libDir, 'nvidia'), path.join(deps, 'nvidia'));
}

function build(pkgDir) {
  const cxx = checkCompiler();
  const gyp = nodeGyp();
  const nodedir = nodeDir();
  const napi = '8'; // the highest N-API version tfjs-node lists; node-pre-gyp's find() picks it on Node ≥ 18
  const pkgJson = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const modulePath = pkgJson.binary.module_path.replace('{napi_build_version}', napi);
  const env = { ...process.env, CXX: cxx };
  const gypArgs = [
    'rebuild',
    `--napi_build_version=${napi}`,
    `--module_name=${pkgJson.binary.module_name}`,
    `--module_path=${path.join(pkgDir, modulePath)}`,
    '--jobs=max',
  ];
  if (nodedir) gypArgs.push(`--nodedir=${nodedir}`);
  const r = run(process.execPath, [gyp, ...gypArgs], { cwd: pkgDir, env });
  const log = path.join(pkgDir, 'deps', 'anneal-build.log');
  fs.writeFileSync(log, r.out);
  if (!r.ok) {
    throw new NotBuilt(
      `node-gyp could not build ${pkgJson.name}'s addon (log: ${path.relative(root, log)}): ${lastLine(r.out)}`,
      'read the log; `npm run setup:tensorflow` retries',
    );
  }
  return path.join(pkgDir, modulePath, `${pkgJson.binary.module_name}.node`);
}

/** Loads the built backend in a child (a crash there must not take the install down) and asks TF its version. */
function probe(pkg) {
  const code = `
    const tf = require(${JSON.stringify(pkg)});
    const backend = tf.backend();
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const sum = tf.matMul(a, a).sum().dataSync()[0];
    console.log(JSON.stringify({ backend: tf.getBackend(), tf_version: backend.binding.TF_Version, check: sum }));`;
  // allow growth: on a GPU machine the probe must not reserve all of a GPU that others may be using
  const r = run(process.execPath, ['-e', code], { cwd: root, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2', TF_FORCE_GPU_ALLOW_GROWTH: 'true' } });
  const line = r.out
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!r.ok || !line) throw new NotBuilt(`the built addon does not load: ${lastLine(r.out)}`, 'run `npm run setup:tensorflow` to rebuild');
  const result = JSON.parse(line);
  if (result.check !== 54) throw new NotBuilt(`the built addon computes wrong results (${result.check} for 54)`, 'report this');
  return result;
}

function lastLine(text) {
  const lines = String(text)
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '');
  return (lines.at(-1) ?? '').trim().slice(0, 300);
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
    const libDir = libtensorflowFromWheel(variantName, variant);
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
