// tfjs-node's addon built from its sources against the library from the wheel: staged as
// tfjs-node's own installer would lay it out, compiled with node-gyp, then loaded in a child to check it.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { NotBuilt } from './not-built.mjs';
import { lastLine, run } from './run-command.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(path.join(root, 'package.json'));

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
export function stage(pkgDir, libDir) {
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

/** Builds the addon with node-gyp against the staged library; returns the built .node file. */
export function build(pkgDir) {
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
export function probe(pkg) {
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
