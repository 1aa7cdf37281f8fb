// Dedup benchmark (issue 4, point 5; issue 17, point 7): MinHash signature throughput and accuracy
// against the `minhash` npm package and datatrove (Python), then a full fuzzy dedup (`dedup_minhash`)
// of a generated near-duplicate corpus, anneal vs datatrove's four MinHash stages on the same files —
// datatrove once with its default English word tokenizer (spaCy) and once with a whitespace split,
// the same words anneal's shingles use, so that the second row compares MinHash with MinHash.
// `npm run bench -- dedup [--mb 100] [--files 8] [--python PATH] [--ref none] [--ref-max-mb N]
//   [--ref-tokenizers spacy,whitespace] [--log PATH] [--keep]`
// Everything printed is also saved as a log (default bench/results/dedup-<date>-<mb>mb.log), ending
// with the raw measurements as JSON: the published figures come from that file.
import { createRequire } from 'node:module';
import { createReadStream, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MinHashSignature, dedupText, estimatedJaccard, wordShingles } from '@anneal/dedup';
import { BENCH_DIR, MB, best, fmt, machine, mb, outDir, table } from './lib/common.mjs';
import { plainTexts, similarPairs, writeNearDupCorpus } from './lib/dedup-corpus.mjs';
import { annealPhases, dirSizes, stageFileSizes } from './lib/dedup-stage-files.mjs';
import { measureProcessTree } from './lib/process-tree-memory.mjs';
import { ReportLog } from './lib/report-log.mjs';
import { REFERENCE, probePython, pythonJson, pythonVersion } from './lib/dedup-datatrove.mjs';

const require = createRequire(import.meta.url);
const { Minhash, LshIndex } = require('minhash');
const CHILD = fileURLToPath(new URL('./lib/dedup-anneal-child.mjs', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));

const CONFIG = { ngram: 5, bands: 14, rows: 8, seed: 1 };
const THRESHOLD = 0.8;

export async function run({ scaleMB: runnerMB, args }) {
  // run.mjs defaults to 200 MB for every benchmark; this one's default is 100 MB (a few minutes on an idle
  // machine, most of it datatrove with spaCy words).
  const scaleMB = args.mb === undefined && process.env.BENCH_MB === undefined ? 100 : runnerMB;
  const dir = outDir('dedup');
  const python = args.python ?? process.env.BENCH_PYTHON ?? 'python3';
  const files = Number(args.files ?? 8);
  const withRef = args.ref !== 'none' && probePython(python, dir);
  const log = new ReportLog();
  // The log is committed: no machine paths in it (--python and --log are left out).
  const measurements = { scaleMB, files, args: Object.fromEntries(Object.entries(args).filter(([k]) => k !== 'python' && k !== 'log')) };
  log.print(machine());
  log.load('before');
  if (!withRef)
    log.print(
      `(datatrove reference skipped: ${args.ref === 'none' ? '--ref none' : `\`${python}\` cannot import datatrove; pip install datatrove 'xxhash<4' spacy regex tokenizers orjson, then --python PATH`})\n`,
    );
  else {
    measurements.datatrove = pythonVersion(python);
    log.print(
      `reference: datatrove ${measurements.datatrove}, MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8, seed=1), bench/lib/dedup_reference.py`,
    );
  }
  log.print(
    'hash width: anneal hashes each shingle once with xxh32 and derives its 112 functions as fmix32(h ⊕ saltᵢ): 32-bit signature values (hash_bits 64: two lanes); ' +
      'datatrove hashes each shingle with 64-bit xxhash and applies (a·h + b) mod 2^61−1: 64-bit values (its HashConfig default)',
  );
  log.print(
    `verification: anneal (threshold ${THRESHOLD}) merges a candidate pair only if the estimated Jaccard of the two full 112-value signatures is ≥ ${THRESHOLD} (no true Jaccard on shingle sets); ` +
      'datatrove merges every pair that shares a bucket (all 8 values of one band equal), unverified\n',
  );

  measurements.signatures = await signatureSection(log, dir, python, withRef, args);
  measurements.fullDedup = await fullDedupSection(log, dir, python, withRef, scaleMB, files, args);
  log.load('after');
  log.print('\nmeasurements (bytes, seconds): ' + JSON.stringify(measurements));
  const logPath = args.log ?? join(BENCH_DIR, 'results', `dedup-${new Date().toISOString().slice(0, 10)}-${scaleMB}mb.log`);
  log.save(logPath);
  console.log(`\n(log: ${logPath})`);
  if (args.keep === undefined) rmSync(dir, { recursive: true, force: true });
}

// --- 1. signatures ------------------------------------------------------------------------------

async function signatureSection(log, dir, python, withRef, args) {
  const texts = plainTexts(Number(args['sig-docs'] ?? 4000));
  const textBytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  const npmDocs = Number(args['npm-docs'] ?? 400);
  const rows = [];
  const perDoc = (name, n, bytes, seconds, note) => rows.push([name, n, fmt(n / seconds, 0), fmt(bytes / MB / seconds, 2), note]);

  const anneal32 = new MinHashSignature(CONFIG);
  const anneal64 = new MinHashSignature({ ...CONFIG, hashBits: 64 });
  const tA = best(texts, (t) => anneal32.signature(t), 3);
  const tA64 = best(texts, (t) => anneal64.signature(t), 3);
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
  const tN128 = best(npmTexts, (t) => npmSig(t, 128), 2);
  const tN112 = best(npmTexts, (t) => npmSig(t, 112), 2);
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
    return {
      mae: d.reduce((s, x) => s + Math.abs(x), 0) / d.length,
      bias: d.reduce((s, x) => s + x, 0) / d.length,
      max: Math.max(...d.map(Math.abs)),
    };
  };
  const expectedMae = (k) => truth.reduce((s, j) => s + Math.sqrt(((2 / Math.PI) * (j * (1 - j))) / k), 0) / truth.length;
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
    writeFileSync(
      textsPath,
      texts
        .slice(0, Number(args['py-docs'] ?? 1500))
        .map((t) => JSON.stringify(t))
        .join('\n') + '\n',
    );
    writeFileSync(pairsPath, pairs.map((p) => JSON.stringify([p.a, p.b])).join('\n') + '\n');
    py = pythonJson(python, dir, { mode: 'sig', texts: textsPath, pairs: pairsPath });
    const words = { spacy: 'spaCy word tokenizer, its English default', whitespace: 'whitespace split, as anneal' };
    for (const [name, r] of Object.entries(py.tokenizers)) {
      perDoc(
        `datatrove MinhashDedupSignature 14×8, ${name} words (Python, 1 core)`,
        py.docs,
        py.bytes,
        r.seconds,
        `get_shingles (${words[name]}) + get_signature`,
      );
      const truthDiff = Math.max(...r.pairs.map(([t], i) => Math.abs(t - truth[i])));
      acc.push([
        `datatrove 14×8, 64-bit, ${name} words`,
        112,
        err(r.pairs.map(([, e]) => e)),
        `its own shingle sets' Jaccard differs from anneal's by at most ${fmt(truthDiff, 4)}`,
      ]);
    }
    perDoc('  of which get_signature alone (numpy)', py.docs, py.bytes, py.tokenizers.spacy.sigSeconds, 'shingles hashed beforehand');
  }

  const annealRate = texts.length / tA;
  log.print(
    `### Signature throughput (one core, ~2 KB documents; ${texts.length} docs for anneal, ${npmTexts.length} for minhash npm${py ? `, ${py.docs} for datatrove` : ''}; best of 3 / 2 / 1 runs)\n`,
  );
  log.print(
    table(
      ['implementation', 'docs', 'docs/s', 'MB/s per core', 'anneal 32-bit ÷ this', 'notes'],
      rows.map((r) => [r[0], r[1], r[2], r[3], fmt(annealRate / Number(r[2]), 1) + '×', r[4]]),
      [false, true, true, true, true, false],
    ),
  );
  if (py) log.print(`\ndatatrove's spaCy words equal a whitespace split of the simplified text for ${py.sameTokens} of ${py.docs} documents`);

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
  log.print(`\n${lshNote}\n`);

  log.print(
    `### Estimated vs true Jaccard (${pairs.length} pairs: a ~2 KB document and a copy with k ∈ {1,2,4,8,16,32,64} words replaced; true Jaccard ${fmt(Math.min(...truth), 2)}–${fmt(Math.max(...truth), 2)})\n`,
  );
  log.print(
    table(
      ['implementation', 'hash functions', 'mean abs error', 'expected MAE (sampling)', 'mean bias', 'max abs error', 'note'],
      acc.map(([name, k, e, note]) => [name, k, fmt(e.mae, 4), fmt(expectedMae(k), 4), fmt(e.bias, 4), fmt(e.max, 3), note ?? '']),
      [false, true, true, true, true, true, false],
    ),
  );
  log.print('\nexpected MAE = mean over pairs of √(2/π · J(1−J)/k), the error of k independent hash functions.\n');
  return { rows, accuracy: acc.map(([name, k, e]) => ({ name, k, ...e })), datatroveSameTokens: py?.sameTokens, datatroveDocs: py?.docs };
}

// --- 2. full fuzzy dedup ------------------------------------------------------------------------

async function fullDedupSection(log, dir, python, withRef, scaleMB, files, args) {
  const corpusDir = join(dir, `corpus-${scaleMB}mb`);
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  const t0 = Date.now();
  const corpus = writeNearDupCorpus(corpusDir, { targetBytes: scaleMB * MB, files });
  const copies = corpus.copies;
  const clusters = new Set(copies.values()).size;
  log.print(
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
  const a = await measureProcessTree(process.execPath, [CHILD, yaml], REPO);
  if (a.code !== 0) throw new Error(`anneal run failed (${a.code}): ${a.stderr.slice(-3000)}`);
  const annealResult = JSON.parse(a.stdout.trim().split('\n').pop());
  const annealKept = await keptIds(
    readdirSync(annealOut)
      .filter((f) => /^\d{5}\.jsonl$/.test(f))
      .map((f) => join(annealOut, f)),
  );
  const annealStats = annealResult.stats.steps.find((s) => s.name === 'dedup_minhash');
  const stageDir = join(annealOut, 'stages', '0-dedup_minhash');
  const stageSizes = stageFileSizes(stageDir);
  const phases = annealPhases(annealOut, stageDir, a.start);

  // datatrove, once per word tokenizer (spaCy: its English default; whitespace: the words anneal uses)
  const refs = [];
  if (withRef && args['ref-max-mb'] !== undefined && scaleMB > Number(args['ref-max-mb'])) {
    log.print(`(datatrove full run skipped above --ref-max-mb ${args['ref-max-mb']})\n`);
  } else if (withRef) {
    for (const tokenizer of String(args['ref-tokenizers'] ?? 'spacy,whitespace').split(',')) {
      const refOut = join(dir, `datatrove-${tokenizer}-${scaleMB}mb`);
      rmSync(refOut, { recursive: true, force: true });
      const r = await measureProcessTree(
        python,
        [REFERENCE, JSON.stringify({ mode: 'run', input: corpusDir, work: refOut, tasks: files, workers: 2, tokenizer })],
        dir,
      );
      if (r.code !== 0) throw new Error(`datatrove run failed (${r.code}): ${r.stderr.slice(-3000)}`);
      const info = JSON.parse(r.stdout.trim().split('\n').pop());
      const kept = await keptIds(readdirSync(join(refOut, 'output')).map((f) => join(refOut, 'output', f)));
      refs.push({ ...r, tokenizer, info, kept, sizes: dirSizes(refOut) });
      if (args.keep === undefined) rmSync(refOut, { recursive: true, force: true });
    }
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
  const rows = [row('anneal dedup_minhash (threshold 0.8)', a, annealResult.peakRss, annealResult.vmHWM, corpus, qa, copies.size)];
  for (const ref of refs) {
    ref.quality = quality(ref.kept);
    rows.push(row(`datatrove MinHash stages 1–4, ${ref.tokenizer} words`, ref, undefined, undefined, corpus, ref.quality, copies.size));
  }
  log.print(
    table(
      [
        'run',
        'wall s',
        'docs/s',
        'MB/s',
        'peak PSS tree MB',
        'peak RSS sum MB',
        'processes',
        'in-process peak / VmHWM MB',
        'removed / injected copies',
        'copies left (cluster kept >1)',
        'clusters emptied',
        'unrelated docs removed',
      ],
      rows,
      [false, true, true, true, true, true, true, true, true, true, true, true],
    ),
  );
  log.print(
    '\npeak PSS tree = the largest sum over the process tree of Pss (shared pages split between the processes sharing them), sampled every 50 ms; ' +
      'peak RSS sum = the same with VmRSS, which counts pages shared by forked workers once per process; processes = the most processes seen in the tree at once',
  );
  for (const ref of refs) {
    log.print(
      `ratios anneal ÷ datatrove (${ref.tokenizer} words): wall ${fmt(a.seconds / ref.seconds, 2)}× (anneal ${fmt(ref.seconds / a.seconds, 2)}× as fast), ` +
        `peak PSS ${fmt(a.peakPss / ref.peakPss, 2)}×, peak RSS sum ${fmt(a.peakTree / ref.peakTree, 2)}×`,
    );
    log.print(
      `datatrove stages, ${ref.tokenizer} words (s): ${Object.entries(ref.info.stages)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}`,
    );
  }
  log.print(`anneal phases (s, from completion-marker times): ${phases}`);
  log.print(
    `anneal ledger: dedup_minhash in ${annealStats.in.toLocaleString('en-US')}, out ${annealStats.out.toLocaleString('en-US')}, dropped ${JSON.stringify(annealStats.dropped)}; ` +
      `clusters ${stageSizes.summary ? `${stageSizes.summary.clusters} (candidate pairs ${stageSizes.summary.candidatePairs}, rejected by verification ${stageSizes.summary.rejectedPairs})` : '?'}\n`,
  );

  log.print(`anneal stage files under <output>/stages/0-dedup_minhash/ (${scaleMB} MB input):\n`);
  log.print(table(['files', 'count', 'total MB', 'largest MB', 'what'], stageSizes.rows, [false, true, true, true, false]));
  log.print(
    `\nlargest band (all tasks' key files of one bucket, what one bucket task loads): ${mb(stageSizes.largestBand, 2)} MB; ` +
      `peak PSS of the whole run: ${mb(a.peakPss)} MB, RSS ${mb(a.peakTree)} MB (Node baseline with the packages loaded ≈ 60–80 MB)`,
  );
  for (const ref of refs)
    log.print(
      `datatrove work files, ${ref.tokenizer} words: ${Object.entries(ref.sizes)
        .map(([k, v]) => `${k} ${mb(v, 1)} MB`)
        .join(', ')}`,
    );
  log.print('');
  if (args.keep === undefined) {
    rmSync(corpusDir, { recursive: true, force: true });
    rmSync(annealOut, { recursive: true, force: true });
  }
  const measured = (m) => ({ seconds: m.seconds, peakPss: m.peakPss, peakRssSum: m.peakTree, processes: m.peakProcesses, samples: m.samples });
  return {
    docs: corpus.docs,
    bytes: corpus.bytes,
    injectedCopies: copies.size,
    anneal: { ...measured(a), inProcessPeakRss: annealResult.peakRss, vmHWM: annealResult.vmHWM, ...qa, summary: stageSizes.summary },
    datatrove: refs.map((r) => ({ tokenizer: r.tokenizer, ...measured(r), stages: r.info.stages, ...r.quality })),
  };
}

function row(name, m, inner, hwm, corpus, q, injected) {
  return [
    name,
    fmt(m.seconds, 1),
    fmt(corpus.docs / m.seconds, 0),
    fmt(corpus.bytes / MB / m.seconds, 1),
    mb(m.peakPss, 0),
    mb(m.peakTree, 0),
    m.peakProcesses,
    inner ? `${mb(inner, 0)} / ${mb(hwm, 0)}` : '—',
    `${q.removed.toLocaleString('en-US')} / ${injected.toLocaleString('en-US')}`,
    q.missed.toLocaleString('en-US'),
    q.emptied.toLocaleString('en-US'),
    q.uniqueRemoved.toLocaleString('en-US'),
  ];
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
