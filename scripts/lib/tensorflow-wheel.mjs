// The TensorFlow C library from PyPI's wheel: pip downloads the pinned wheels (and, for the GPU
// build, the CUDA wheels, whose pins are checked against the TensorFlow wheel's METADATA), Python's
// zipfile extracts the members the binding needs, and the layout is verified before it is cached.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NotBuilt } from './not-built.mjs';
import { lastLine, run } from './run-command.mjs';

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

/**
 * The wheel's C library, headers (and, for the GPU build, the CUDA libraries) laid out under the
 * cache as `lib/`, `include/`, `nvidia/`; made once, reused by every later install. `say` and
 * `detail` print the installer's progress lines.
 */
export function libtensorflowFromWheel(variantName, variant, { say, detail }) {
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
  const pipDownload = '-m pip download --quiet --disable-pip-version-check --no-cache-dir --no-deps --only-binary=:all:'.split(' ');
  // the wheels for the platform the binding is built on, whatever Python runs pip
  const platform = ['--platform', 'manylinux2014_x86_64', '--python-version', '3.11'];
  const dl = run(py, [...pipDownload, ...platform, '-d', path.join(work, 'wheels'), ...wheelSpecs], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  const neededFiles = [
    'lib/libtensorflow_cc.so.2',
    'lib/libtensorflow_framework.so.2',
    'include/tensorflow/c/c_api.h',
    'include/tensorflow/c/eager/c_api.h',
  ];
  for (const needed of neededFiles) {
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
