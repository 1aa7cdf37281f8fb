// Dedup benchmark (issue 4, point 5): MinHash signature throughput and accuracy against the
// `minhash` npm package and datatrove (Python), then a full fuzzy dedup (`dedup_minhash`) of a
// generated near-duplicate corpus, anneal vs datatrove's four MinHash stages on the same files.
// `npm run bench -- dedup [--mb 100] [--files 8] [--python PATH] [--ref none] [--ref-max-mb N] [--keep]`
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MinHashSignature, dedupText, estimatedJaccard, wordShingles } from '@anneal/dedup';
import { MB, fmt, mb, outDir, table } from './lib/common.mjs';
import { plainTexts, similarPairs, writeNearDupCorpus } from './lib/dedup-corpus.mjs';

const require = createRequire(import.meta.url);
const { Minhash, LshIndex } = require('minhash');
const CHILD = fileURLToPath(new URL('./lib/dedup-anneal-child.mjs', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));

const CONFIG = { ngram: 5, bands: 14, rows: 8, seed: 1 };
const THRESHOLD = 0.8;

export async function run({ scaleMB: runnerMB, args }) {
  // run.mjs defaults to 200 MB for every benchmark; this one's default is 100 MB (about 3 minutes).
  const scaleMB = args.mb === undefined && process.env.BENCH_MB === undefined ? 100 : runnerMB;
  const dir = outDir('dedup');
  const python = args.python ?? process.env.BENCH_PYTHON ?? 'python3';
  const files = Number(args.files ?? 8);
  const withRef = args.ref !== 'none' && probePython(python, dir);
  if (!withRef) console.log(`(datatrove reference skipped: ${args.ref === 'none' ? '--ref none' : `\`${python}\` cannot import datatrove; pip install datatrove 'xxhash<4' spacy regex tokenizers orjson, then --python PATH`})\n`);
  else console.log(`reference: datatrove ${pythonVersion(python)} (${python}), MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8, seed=1), its default 64-bit xxhash shingles + (a·h+b) mod 2^61−1\n`);

  await signatureSection(dir, python, withRef, args);
  await fullDedupSection(dir, python, withRef, scaleMB, files, args);
  if (args.keep === undefined) rmSync(dir, { recursive: true, force: true });
}

// --- 1. signatures ------------------------------------------------------------------------------

async function signatureSection(dir, python, withRef, args) {
  const texts = plainTexts(Number(args['sig-docs'] ?? 4000));
  const textBytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  const npmDocs = Number(args['npm-docs'] ?? 400);
  const rows = [];
  const perDoc = (name, n, bytes, seconds, note) => rows.push([name, n, fmt(n / seconds, 0), fmt(bytes / MB / seconds, 2), note]);

  const anneal32 = new MinHashSignature(CONFIG);
  const anneal64 = new MinHashSignature({ ...CONFIG, hashBits: 64 });
  const best = (fn, reps = 3) => Math.min(...Array.from({ length: reps }, () => timeIt(fn)));
  const tA = best(() => texts.forEach((t) => anneal32.signature(t)));
  const tA64 = best(() => texts.forEach((t) => anneal64.signature(t)));
  perDoc('anneal MinHashSignature 14×8, 32-bit', texts.length, textBytes, tA, 'simplify + 5-gram shingles + 112 hashes');
  perDoc('anneal MinHashSignature 14×8, hash_bits 64', texts.length, textBytes, tA64, '');

  // minhash npm: as its README shows, update() with each shingle (the same shingles anneal hashes).
  const npmTexts = texts.slice(0, npmDocs);
  const npmBytes = npmTexts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  const npmSig = (t, numPerm) => {
    const m = new Minhash({ numPerm });
    for (const s of wordShingles(dedupText(t), CONFIG.ngram)) m.update(s);
    return m;
  };
  const tN128 = best(() => npmTexts.forEach((t) => npmSig(t, 128)), 2);
  const tN112 = best(() => npmTexts.forEach((t) => npmSig(t, 112)), 2);
  perDoc('minhash npm 0.0.9, 128 permutations', npmTexts.length, npmBytes, tN128, 'same shingles; re-hashes each string per permutation');
  perDoc('minhash npm 0.0.9, 112 permutations', npmTexts.length, npmBytes, tN112, '');

  // Pairs at known similarities; true Jaccard on anneal's shingle sets (the npm package gets the same ones).
  const pairs = similarPairs([1, 2, 4, 8, 16, 32, 64], 50);
  const shingleSet = (t) => new Set(wordShingles(dedupText(t), CONFIG.ngram));
  const truth = pairs.map((p) => {
    const a = shingleSet(p.a);
    const b = shingleSet(p.b);
    let both = 0;
    for (const s of a) if (b.has(s)) both++;
    return both / (a.size + b.size - both);
  });
  const err = (estimates) => {
    const d = estimates.map((e, i) => e - truth[i]);
    return { mae: d.reduce((s, x) => s + Math.abs(x), 0) / d.length, bias: d.reduce((s, x) => s + x, 0) / d.length, max: Math.max(...d.map(Math.abs)) };
  };
  const expectedMae = (k) => truth.reduce((s, j) => s + Math.sqrt((2 / Math.PI) * (j * (1 - j)) / k), 0) / truth.length;
  const acc = [
    ['anneal 14×8, 32-bit', 112, err(pairs.map((p) => estimatedJaccard(anneal32.signature(p.a), anneal32.signature(p.b))))],
    ['anneal 14×8, hash_bits 64', 112, err(pairs.map((p) => estimatedJaccard(anneal64.signature(p.a), anneal64.signature(p.b))))],
    ['minhash npm, 128 permutations', 128, err(pairs.map((p) => npmSig(p.a, 128).jaccard(npmSig(p.b, 128))))],
    ['minhash npm, 112 permutations', 112, err(pairs.map((p) => npmSig(p.a, 112).jaccard(npmSig(p.b, 112))))],
  ];

  let py;
  if (withRef) {
    const textsPath = join(dir, 'sig-texts.jsonl');
    const pairsPath = join(dir, 'sig-pairs.jsonl');
    writeFileSync(textsPath, texts.slice(0, Number(args['py-docs'] ?? 1500)).map((t) => JSON.stringify(t)).join('\n') + '\n');
    writeFileSync(pairsPath, pairs.map((p) => JSON.stringify([p.a, p.b])).join('\n') + '\n');
    py = pythonJson(python, dir, { mode: 'sig', texts: textsPath, pairs: pairsPath });
    perDoc('datatrove MinhashDedupSignature 14×8 (Python, 1 core)', py.docs, py.bytes, py.seconds, 'get_shingles (spaCy word tokenizer) + get_signature');
    perDoc('  of which get_signature alone (numpy)', py.docs, py.bytes, py.sigSeconds, 'shingles hashed beforehand');
    const d = py.pairs.map(([, e], i) => e - truth[i]);
    const truthDiff = Math.max(...py.pairs.map(([t], i) => Math.abs(t - truth[i])));
    acc.push(['datatrove 14×8, 64-bit (own shingles)', 112, err(py.pairs.map(([, e]) => e)), `its own shingle sets' Jaccard differs from anneal's by at most ${fmt(truthDiff, 4)}`]);
    void d;
  }

  const annealRate = texts.length / tA;
  console.log(`### Signature throughput (one core, ~2 KB documents; ${texts.length} docs for anneal, ${npmTexts.length} for minhash npm${py ? `, ${py.docs} for datatrove` : ''}; best of 3 / 2 / 1 runs)\n`);
  console.log(
    table(
      ['implementation', 'docs', 'docs/s', 'MB/s per core', 'anneal 32-bit ÷ this', 'notes'],
      rows.map((r) => [r[0], r[1], r[2], r[3], fmt(annealRate / Number(r[2]), 1) + '×', r[4]]),
      [false, true, true, true, true, false],
    ),
  );

  // LshIndex.query reproduces the throw: a band with no entry in the index is undefined.
  const index = new LshIndex({ bandSize: 8 });
  index.insert('a', npmSig(texts[0], 112));
  let lshNote;
  try {
    index.query(npmSig(texts[1], 112));
    lshNote = 'minhash npm LshIndex.query on an unrelated document: no error';
  } catch (e) {
    lshNote = `minhash npm LshIndex.query on a document whose bands match nothing throws: ${e.constructor.name}: ${e.message}`;
  }
  console.log(`\n${lshNote}\n`);

  console.log(`### Estimated vs true Jaccard (${pairs.length} pairs: a ~2 KB document and a copy with k ∈ {1,2,4,8,16,32,64} words replaced; true Jaccard ${fmt(Math.min(...truth), 2)}–${fmt(Math.max(...truth), 2)})\n`);
  console.log(
    table(
      ['implementation', 'hash functions', 'mean abs error', 'expected MAE (sampling)', 'mean bias', 'max abs error', 'note'],
      acc.map(([name, k, e, note]) => [name, k, fmt(e.mae, 4), fmt(expectedMae(k), 4), fmt(e.bias, 4), fmt(e.max, 3), note ?? '']),
      [false, true, true, true, true, true, false],
    ),
  );
  console.log('\nexpected MAE = mean over pairs of √(2/π · J(1−J)/k), the error of k independent hash functions.\n');
}

// --- 2. full fuzzy dedup ------------------------------------------------------------------------

async function fullDedupSection(dir, python, withRef, scaleMB, files, args) {
  const corpusDir = join(dir, `corpus-${scaleMB}mb`);
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  const t0 = Date.now();
  const corpus = writeNearDupCorpus(corpusDir, { targetBytes: scaleMB * MB, files });
  const copies = corpus.copies;
  const clusters = new Set(copies.values()).size;
  console.log(
    `### Full fuzzy dedup, ${scaleMB} MB: ${corpus.docs.toLocaleString('en-US')} documents (${mb(corpus.bytes)} MB JSONL in ${files} files, generated in ${fmt((Date.now() - t0) / 1000)} s); ` +
      `${copies.size.toLocaleString('en-US')} injected near-copies (1–3 word edits) of ${clusters.toLocaleString('en-US')} originals\n`,
  );

  // anneal
  const annealOut = join(dir, `anneal-${scaleMB}mb`);
  const yaml = join(dir, `pipeline-${scaleMB}mb.yaml`);
  writeFileSync(
    yaml,
    [
      `name: bench-dedup`,
      `input: { paths: ["${corpusDir}/*.jsonl"] }`,
      `output: { path: ${annealOut}, format: jsonl }`,
      `workers: 2`,
      `tasks: ${files}`,
      `steps:`,
      `  - dedup_minhash: { ngram: ${CONFIG.ngram}, bands: ${CONFIG.bands}, rows: ${CONFIG.rows}, seed: ${CONFIG.seed}, threshold: ${THRESHOLD} }`,
    ].join('\n') + '\n',
  );
  const a = await measureProcess(process.execPath, [CHILD, yaml], REPO);
  if (a.code !== 0) throw new Error(`anneal run failed (${a.code}): ${a.stderr.slice(-3000)}`);
  const annealResult = JSON.parse(a.stdout.trim().split('\n').pop());
  const annealKept = await keptIds(readdirSync(annealOut).filter((f) => /^\d{5}\.jsonl$/.test(f)).map((f) => join(annealOut, f)));
  const annealStats = annealResult.stats.steps.find((s) => s.name === 'dedup_minhash');
  const stageDir = join(annealOut, 'stages', '0-dedup_minhash');
  const stageSizes = stageFileSizes(stageDir);
  const phases = annealPhases(annealOut, stageDir, a.start);

  // datatrove
  let ref;
  if (withRef && args['ref-max-mb'] !== undefined && scaleMB > Number(args['ref-max-mb'])) {
    console.log(`(datatrove full run skipped above --ref-max-mb ${args['ref-max-mb']})\n`);
  } else if (withRef) {
    const refOut = join(dir, `datatrove-${scaleMB}mb`);
    rmSync(refOut, { recursive: true, force: true });
    const r = await measureProcess(python, ['-c', PYTHON, JSON.stringify({ mode: 'run', input: corpusDir, work: refOut, tasks: files, workers: 2 })], dir);
    if (r.code !== 0) throw new Error(`datatrove run failed (${r.code}): ${r.stderr.slice(-3000)}`);
    const info = JSON.parse(r.stdout.trim().split('\n').pop());
    const kept = await keptIds(readdirSync(join(refOut, 'output')).map((f) => join(refOut, 'output', f)));
    ref = { ...r, info, kept, sizes: dirSizes(refOut) };
  }

  // Truth: each original with its copies is one cluster that should keep exactly one document.
  const clusterOf = new Map([...copies].map(([copy, orig]) => [copy, orig]));
  for (const orig of copies.values()) clusterOf.set(orig, orig);
  const quality = (kept) => {
    const keptPerCluster = new Map();
    let removed = 0;
    let uniqueRemoved = 0;
    for (let i = 0; i < corpus.docs; i++) {
      const id = `doc-${String(i).padStart(9, '0')}`;
      const c = clusterOf.get(id);
      if (kept.has(id)) {
        if (c) keptPerCluster.set(c, (keptPerCluster.get(c) ?? 0) + 1);
        continue;
      }
      removed++;
      if (!c) uniqueRemoved++;
    }
    let missed = 0;
    let emptied = 0;
    for (const c of new Set(copies.values())) {
      const k = keptPerCluster.get(c) ?? 0;
      if (k === 0) emptied++;
      else missed += k - 1;
    }
    return { removed, missed, emptied, uniqueRemoved };
  };
  const qa = quality(annealKept);
  const rows = [
    row('anneal dedup_minhash (threshold 0.8)', a, annealResult.peakRss, annealResult.vmHWM, corpus, qa, copies.size),
  ];
  if (ref) rows.push(row('datatrove MinHash stages 1–4', ref, undefined, undefined, corpus, quality(ref.kept), copies.size));
  console.log(
    table(
      ['run', 'wall s', 'docs/s', 'MB/s', 'peak RSS tree MB', 'in-process peak / VmHWM MB', 'removed / injected copies', 'copies left (cluster kept >1)', 'clusters emptied', 'unrelated docs removed'],
      rows,
      [false, true, true, true, true, true, true, true, true, true],
    ),
  );
  if (ref) {
    console.log(
      `\nratios anneal ÷ datatrove: wall ${fmt(a.seconds / ref.seconds, 2)}× (anneal ${fmt(ref.seconds / a.seconds, 2)}× as fast), peak RSS ${fmt(a.peakTree / ref.peakTree, 2)}×`,
    );
    console.log(`datatrove stages (s): ${Object.entries(ref.info.stages).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
  }
  console.log(`anneal phases (s, from completion-marker times): ${phases}`);
  console.log(
    `anneal ledger: dedup_minhash in ${annealStats.in.toLocaleString('en-US')}, out ${annealStats.out.toLocaleString('en-US')}, dropped ${JSON.stringify(annealStats.dropped)}; ` +
      `clusters ${stageSizes.summary ? `${stageSizes.summary.clusters} (candidate pairs ${stageSizes.summary.candidatePairs}, rejected by verification ${stageSizes.summary.rejectedPairs})` : '?'}\n`,
  );

  console.log(`anneal stage files under <output>/stages/0-dedup_minhash/ (${scaleMB} MB input):\n`);
  console.log(
    table(
      ['files', 'count', 'total MB', 'largest MB', 'what'],
      stageSizes.rows,
      [false, true, true, true, false],
    ),
  );
  console.log(
    `\nlargest band (all tasks' key files of one bucket, what one bucket task loads): ${mb(stageSizes.largestBand, 2)} MB; ` +
      `peak RSS of the whole run: ${mb(a.peakTree)} MB (Node baseline with the packages loaded ≈ 60–80 MB)`,
  );
  if (ref) console.log(`datatrove work files: ${Object.entries(ref.sizes).map(([k, v]) => `${k} ${mb(v, 1)} MB`).join(', ')}`);
  console.log('');
  if (args.keep === undefined) {
    rmSync(corpusDir, { recursive: true, force: true });
    rmSync(annealOut, { recursive: true, force: true });
  }
}

function row(name, m, inner, hwm, corpus, q, injected) {
  return [
    name,
    fmt(m.seconds, 1),
    fmt(corpus.docs / m.seconds, 0),
    fmt(corpus.bytes / MB / m.seconds, 1),
    mb(m.peakTree, 0),
    inner ? `${mb(inner, 0)} / ${mb(hwm, 0)}` : '—',
    `${q.removed.toLocaleString('en-US')} / ${injected.toLocaleString('en-US')}`,
    q.missed.toLocaleString('en-US'),
    q.emptied.toLocaleString('en-US'),
    q.uniqueRemoved.toLocaleString('en-US'),
  ];
}

// --- helpers ------------------------------------------------------------------------------------

function timeIt(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Spawns a process and samples the RSS of its whole tree (it and every descendant) every 50 ms. */
function measureProcess(cmd, argv, cwd) {
  return new Promise((resolve) => {
    const start = Date.now();
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-100_000)));
    let peakTree = 0;
    const timer = setInterval(() => {
      const rss = treeRss(child.pid);
      if (rss > peakTree) peakTree = rss;
    }, 50);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr, seconds: Number(process.hrtime.bigint() - t0) / 1e9, peakTree, start });
    });
  });
}

function treeRss(pid) {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      for (const tid of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim();
        if (kids) stack.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // the process ended between the listing and the read
    }
  }
  return total;
}

/** Ids present in JSONL files (anneal or datatrove output), by parsing each line. */
async function keptIds(paths) {
  const ids = new Set();
  for (const p of paths) {
    const lines = createInterface({ input: createReadStream(p), crlfDelay: Infinity });
    for await (const line of lines) if (line) ids.add(JSON.parse(line).id);
  }
  return ids;
}

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

function dirSizes(root) {
  const sizes = {};
  for (const e of readdirSync(root, { withFileTypes: true })) if (e.isDirectory()) sizes[e.name] = walk(join(root, e.name)).reduce((s, f) => s + f.bytes, 0);
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

function stageFileSizes(stageDir) {
  const rows = [];
  for (const [name, what] of Object.entries(STAGE_DIRS)) {
    const fs = walk(join(stageDir, name));
    rows.push([`${name}/`, fs.length, mb(fs.reduce((s, f) => s + f.bytes, 0), 2), mb(Math.max(0, ...fs.map((f) => f.bytes)), 2), what]);
  }
  let largestBand = 0;
  const keysDir = join(stageDir, 'keys');
  if (existsSync(keysDir)) for (const b of readdirSync(keysDir)) largestBand = Math.max(largestBand, walk(join(keysDir, b)).reduce((s, f) => s + f.bytes, 0));
  let summary;
  try {
    summary = JSON.parse(readFileSync(join(stageDir, 'done', 'clusters-00000'), 'utf8'));
  } catch {
    summary = undefined;
  }
  return { rows, largestBand, summary };
}

function annealPhases(outDirPath, stageDir, start) {
  const last = (paths) => Math.max(...paths.filter(existsSync).map((p) => statSync(p).mtimeMs));
  const inDir = (d, re = /./) => (existsSync(d) ? readdirSync(d).filter((f) => re.test(f)).map((f) => join(d, f)) : []);
  const observe = last(inDir(join(stageDir, 'completions')));
  const buckets = last(inDir(join(stageDir, 'done'), /^buckets-/));
  const clusters = last(inDir(join(stageDir, 'done'), /^clusters-/));
  const apply = last(inDir(join(outDirPath, 'completions')));
  const s = (x) => fmt(x / 1000, 1);
  return `read + signatures + intermediate shards ${s(observe - start)}, buckets ${s(buckets - observe)}, clusters ${s(clusters - buckets)}, filter + write ${s(apply - clusters)}`;
}

// --- Python (datatrove) -------------------------------------------------------------------------

function probePython(python, dir) {
  const r = spawnSync(python, ['-c', 'import datatrove.pipeline.dedup.minhash, xxhash, spacy, orjson'], { cwd: dir, encoding: 'utf8' });
  return r.status === 0;
}

function pythonVersion(python) {
  const r = spawnSync(python, ['-c', 'import importlib.metadata as m, sys; print(m.version("datatrove"), "on Python", sys.version.split()[0])'], { encoding: 'utf8' });
  return r.stdout.trim();
}

function pythonJson(python, cwd, cfg) {
  const r = spawnSync(python, ['-c', PYTHON, JSON.stringify(cfg)], { cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`${python} failed (${r.status}): ${r.stderr.slice(-3000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const PYTHON = String.raw`
import json, sys, time
cfg = json.loads(sys.argv[1])
from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupSignature, MinhashDedupBuckets,
    MinhashDedupCluster, MinhashDedupFilter)
config = MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8, seed=1)

if cfg["mode"] == "sig":
    import numpy as np
    step = MinhashDedupSignature(output_folder="sig-unused", config=config)
    texts = [json.loads(l) for l in open(cfg["texts"], encoding="utf8")]
    step.get_signature(step.get_shingles(texts[0]))  # warm up (spaCy, parameters)
    t0 = time.perf_counter()
    for t in texts:
        step.get_signature(step.get_shingles(t))
    seconds = time.perf_counter() - t0
    shingles = [step.get_shingles(t) for t in texts]
    t0 = time.perf_counter()
    for s in shingles:
        step.get_signature(s)
    sig_seconds = time.perf_counter() - t0
    pairs = []
    for line in open(cfg["pairs"], encoding="utf8"):
        a, b = json.loads(line)
        sa, sb = step.get_shingles(a), step.get_shingles(b)
        A, B = set(sa.ravel().tolist()), set(sb.ravel().tolist())
        truth = len(A & B) / len(A | B)
        ga = np.concatenate([np.array(x) for x in step.get_signature(sa)])
        gb = np.concatenate([np.array(x) for x in step.get_signature(sb)])
        pairs.append([truth, float(np.mean(ga == gb))])
    print(json.dumps({"docs": len(texts), "bytes": sum(len(t.encode("utf8")) for t in texts),
                      "seconds": seconds, "sigSeconds": sig_seconds, "pairs": pairs}))
else:
    import os
    from datatrove.executor.local import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers.jsonl import JsonlWriter
    w, tasks, workers = cfg["work"], cfg["tasks"], cfg["workers"]
    stages = {}
    def run(name, pipeline, n):
        t0 = time.perf_counter()
        LocalPipelineExecutor(pipeline=pipeline, tasks=n, workers=min(workers, n), logging_dir=f"{w}/logs/{name}",
                              skip_completed=False).run()
        stages[name] = time.perf_counter() - t0
    reader = lambda: JsonlReader(cfg["input"], glob_pattern="*.jsonl", compression=None)
    run("signatures", [reader(), MinhashDedupSignature(output_folder=f"{w}/signatures", config=config)], tasks)
    run("buckets", [MinhashDedupBuckets(input_folder=f"{w}/signatures", output_folder=f"{w}/buckets", config=config)], config.num_buckets)
    run("clusters", [MinhashDedupCluster(input_folder=f"{w}/buckets", output_folder=f"{w}/remove_ids", config=config)], 1)
    run("filter", [reader(), MinhashDedupFilter(input_folder=f"{w}/remove_ids"),
                   JsonlWriter(f"{w}/output", compression=None)], tasks)
    print(json.dumps({"stages": stages}))
`;
