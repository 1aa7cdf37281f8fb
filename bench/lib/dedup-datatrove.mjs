// The dedup benchmark's Python side: datatrove, driven by bench/lib/dedup_reference.py, which runs
// either datatrove's MinHash signatures on the same texts ('sig') or its four MinHash stages on the
// same corpus ('run'), and prints its measurements as JSON.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The driver script; bench/dedup.mjs also runs it under measureProcessTree for the full-dedup timings. */
export const REFERENCE = fileURLToPath(new URL('./dedup_reference.py', import.meta.url));

/** Whether `python` can import datatrove and the packages its MinHash stages and the driver need. */
export function probePython(python, dir) {
  const r = spawnSync(python, ['-c', 'import datatrove.pipeline.dedup.minhash, xxhash, spacy, orjson'], { cwd: dir, encoding: 'utf8' });
  return r.status === 0;
}

/** "<datatrove version> on Python <version>", for the log. */
export function pythonVersion(python) {
  const r = spawnSync(python, ['-c', 'import importlib.metadata as m, sys; print(m.version("datatrove"), "on Python", sys.version.split()[0])'], {
    encoding: 'utf8',
  });
  return r.stdout.trim();
}

/** Runs the driver with one JSON config and returns the JSON it prints last. */
export function pythonJson(python, cwd, cfg) {
  const r = spawnSync(python, [REFERENCE, JSON.stringify(cfg)], { cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`${python} failed (${r.status}): ${r.stderr.slice(-3000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
