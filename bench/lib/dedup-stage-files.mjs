// What the dedup benchmark reports about the files a run leaves: anneal's stage files under
// <output>/stages/0-dedup_minhash/ (sizes per kind, the largest band, the cluster summary), the
// per-phase times read from completion-marker mtimes, and datatrove's work folder sizes.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, mb } from './common.mjs';

function walk(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push({ path: p, bytes: statSync(p).size });
  }
  return out;
}

export function dirSizes(root) {
  const sizes = {};
  for (const e of readdirSync(root, { withFileTypes: true }))
    if (e.isDirectory()) sizes[e.name] = walk(join(root, e.name)).reduce((s, f) => s + f.bytes, 0);
  return sizes;
}

const STAGE_DIRS = {
  keys: 'band keys per bucket and task (20 B per document per band)',
  signatures: 'full signatures per task (for verification)',
  docs: 'doc tables (id, quality, dup_count)',
  pairs: 'candidate pairs per bucket',
  decisions: 'cluster decisions per task',
  shards: 'intermediate Arrow shards (observed documents)',
};

export function stageFileSizes(stageDir) {
  const rows = [];
  for (const [name, what] of Object.entries(STAGE_DIRS)) {
    const fs = walk(join(stageDir, name));
    rows.push([
      `${name}/`,
      fs.length,
      mb(
        fs.reduce((s, f) => s + f.bytes, 0),
        2,
      ),
      mb(Math.max(0, ...fs.map((f) => f.bytes)), 2),
      what,
    ]);
  }
  let largestBand = 0;
  const keysDir = join(stageDir, 'keys');
  if (existsSync(keysDir))
    for (const b of readdirSync(keysDir))
      largestBand = Math.max(
        largestBand,
        walk(join(keysDir, b)).reduce((s, f) => s + f.bytes, 0),
      );
  let summary;
  try {
    summary = JSON.parse(readFileSync(join(stageDir, 'done', 'clusters-00000'), 'utf8'));
  } catch {
    summary = undefined;
  }
  return { rows, largestBand, summary };
}

export function annealPhases(outDirPath, stageDir, start) {
  const last = (paths) => Math.max(...paths.filter(existsSync).map((p) => statSync(p).mtimeMs));
  const inDir = (d, re = /./) =>
    existsSync(d)
      ? readdirSync(d)
          .filter((f) => re.test(f))
          .map((f) => join(d, f))
      : [];
  const observe = last(inDir(join(stageDir, 'completions')));
  const buckets = last(inDir(join(stageDir, 'done'), /^buckets-/));
  const clusters = last(inDir(join(stageDir, 'done'), /^clusters-/));
  const apply = last(inDir(join(outDirPath, 'completions')));
  const s = (x) => fmt(x / 1000, 1);
  return `read + signatures + intermediate shards ${s(observe - start)}, buckets ${s(buckets - observe)}, clusters ${s(clusters - buckets)}, filter + write ${s(apply - clusters)}`;
}
