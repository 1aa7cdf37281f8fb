// Mixture benchmark (issue 5, point 6): time and peak memory of `anneal stats` (per-domain statistics)
// and `anneal mix` (three-stage manifests) over generated document shards, beside a straightforward
// pyarrow + pandas script computing the same on the same files (bench/lib/mixture_reference.py).
// `npm run bench -- mixture [--mb 1000] [--files 8] [--python PATH] [--ref none] [--keep]`
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MB, documents, fmt, jsonLine, mb, outDir, rng, table } from './lib/common.mjs';

const CHILD = fileURLToPath(new URL('./lib/mixture-child.mjs', import.meta.url));
const REFERENCE = fileURLToPath(new URL('./lib/mixture_reference.py', import.meta.url));
/** A web-heavy corpus, as real crawls are, so balancing has something to do. */
const DOMAIN_WEIGHTS = { web: 0.4, news: 0.15, wiki: 0.1, forum: 0.1, code: 0.1, legal: 0.05, science: 0.07, fiction: 0.03 };

export async function run({ scaleMB: runnerMB, args }) {
  // run.mjs defaults to 200 MB for every benchmark; the issue asks for 1 GB here.
  const scaleMB = args.mb === undefined && process.env.BENCH_MB === undefined ? 1000 : runnerMB;
  const files = Number(args.files ?? 8);
  const dir = outDir('mixture');
  const shards = join(dir, `shards-${scaleMB}mb-${files}`);
  const python = args.python ?? process.env.BENCH_PYTHON ?? 'python3';
  const withRef = args.ref !== 'none' && probePython(python);

  const t0 = Date.now();
  const generated = generate(shards, scaleMB * MB, files);
  console.log(
    `input: ${generated.documents.toLocaleString('en-US')} documents in ${files} JSONL shards, ${mb(generated.bytes)} MB ` +
      `(bench/lib/common.mjs documents(): ~1 KB Zipf-like pseudo-word text, seed 42; domain drawn ${JSON.stringify(DOMAIN_WEIGHTS)}, ` +
      `quality uniform, dup_count 1 for 85 %, else 2–31); ${generated.reused ? 'reused from an earlier run' : `generated in ${fmt((Date.now() - t0) / 1000)} s`}`,
  );
  if (!withRef)
    console.log(
      `(pyarrow/pandas reference skipped: ${args.ref === 'none' ? '--ref none' : `\`${python}\` cannot import pyarrow, pandas and numpy; pip install pyarrow pandas numpy, then --python PATH`})`,
    );
  else
    console.log(
      `reference: ${pythonVersions(python)} — pyarrow.json.read_json (multithreaded) into pandas, groupby aggregates, numpy water-filling and rounding`,
    );
  console.log(`load before: ${readFileSync('/proc/loadavg', 'utf8').trim()}\n`);

  const rows = [];
  const annealStats = child(process.execPath, [CHILD, 'stats', shards]);
  const refStats = withRef ? child(python, [REFERENCE, 'stats', shards]) : undefined;
  rows.push(
    row('stats: per-domain docs, bytes, tokens, quality/length quantiles + histograms, dup_count, samples', generated.bytes, annealStats, refStats),
  );

  const config = mixtureConfig(shards, join(dir, 'manifests-anneal'), annealStats);
  const annealMix = child(process.execPath, [CHILD, 'mix', JSON.stringify(config)]);
  const refMix = withRef ? child(python, [REFERENCE, 'mix', JSON.stringify(config), join(dir, 'manifests-reference')]) : undefined;
  rows.push(row('mix: 3 stages (unimax / natural top-30 % / long-doc up-sampling), manifests written', generated.bytes, annealMix, refMix));

  console.log(
    table(
      ['task', 'anneal s', 'anneal MB/s', 'anneal peak RSS MB', 'reference s', 'reference peak RSS MB', 'time anneal ÷ ref', 'memory anneal ÷ ref'],
      rows,
      [false, true, true, true, true, true, true, true],
    ),
  );
  console.log(`load after: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);

  // The two sides must have computed the same thing for the figures to compare.
  const checks = [];
  if (refStats) {
    let worst = 0;
    for (const [d, a] of Object.entries(annealStats.domains)) {
      const r = refStats.domains[d];
      if (!r || r.documents !== a.documents || r.tokens !== a.tokens)
        checks.push(`stats ${d}: anneal ${a.documents} docs / ${a.tokens} tokens, reference ${r?.documents} / ${r?.tokens}`);
      if (r) worst = Math.max(worst, Math.abs(a.quality_p50 - r.quality_p50));
    }
    console.log(
      `check: per-domain documents and tokens identical in both (${Object.keys(annealStats.domains).length} domains); quality p50 differs by at most ${fmt(worst, 4)} (anneal: fixed 0.001 bins)`,
    );
  }
  let worstAnneal = 0;
  let worstRef = 0;
  let worstTarget = 0;
  for (const [stage, doms] of Object.entries(annealMix.stages)) {
    for (const [d, a] of Object.entries(doms)) {
      if (a.target > 0) worstAnneal = Math.max(worstAnneal, Math.abs(a.tokens - a.target) / a.target);
      const r = refMix?.stages[stage]?.[d];
      if (r && r.target > 0) {
        worstRef = Math.max(worstRef, Math.abs(r.tokens - r.target) / r.target);
        worstTarget = Math.max(worstTarget, Math.abs(r.target - a.target) / a.target);
      }
    }
  }
  console.log(
    `check: largest per-domain miss of its target: anneal ${fmt(worstAnneal * 100, 3)} %` +
      (refMix ? `, reference ${fmt(worstRef * 100, 3)} % (no total-fixing pass); domain targets agree within ${fmt(worstTarget * 100, 4)} %` : ''),
  );
  for (const c of checks) console.log(`MISMATCH ${c}`);
  if (args.keep === undefined) rmSync(dir, { recursive: true, force: true });
}

function row(task, bytes, a, r) {
  return [
    task,
    fmt(a.seconds, 1),
    fmt(bytes / MB / a.seconds, 0),
    mb(a.vmHWM, 0),
    r ? fmt(r.seconds, 1) : '—',
    r ? mb(r.peakRss, 0) : '—',
    r ? fmt(a.seconds / r.seconds, 2) : '—',
    r ? fmt(a.vmHWM / r.peakRss, 2) : '—',
  ];
}

function mixtureConfig(shards, output, stats) {
  const total = stats.tokens;
  const round = (x) => Math.round(x / 1000) * 1000;
  return {
    name: 'bench',
    inputs: [shards],
    output,
    seed: 1,
    stages: [
      { name: 'broad', tokens: round(1.5 * total), strategy: 'unimax', min_quality: 0.05 },
      { name: 'anneal', tokens: round(0.2 * total), strategy: 'natural', top_quality_fraction: 0.3, upweight: { code: 2, science: 2 } },
      { name: 'long_context', tokens: round(0.2 * total), strategy: 'natural', long_documents: { min_tokens: 300, weight: 4 } },
    ],
  };
}

function child(cmd, argv) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.slice(0, 2).join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function generate(dir, targetBytes, files) {
  const marker = join(dir, 'complete.json');
  if (existsSync(marker)) return { ...JSON.parse(readFileSync(marker, 'utf8')), reused: true };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const perFile = targetBytes / files;
  const pick = rng(7);
  const cumulative = [];
  let acc = 0;
  for (const [d, w] of Object.entries(DOMAIN_WEIGHTS)) cumulative.push([d, (acc += w)]);
  const gen = documents(42);
  let bytes = 0;
  let count = 0;
  for (let f = 0; f < files; f++) {
    const fd = openSync(join(dir, `${String(f).padStart(5, '0')}.jsonl`), 'w');
    let inFile = 0;
    let chunk = [];
    let chunkBytes = 0;
    while (inFile < perFile) {
      const doc = gen.next().value;
      const u = pick();
      doc.metadata.domain = cumulative.find(([, c]) => u < c)?.[0] ?? 'web';
      doc.metadata.dup_count = pick() < 0.85 ? 1 : 2 + Math.floor(pick() ** 2 * 30);
      const line = jsonLine(doc);
      const n = Buffer.byteLength(line);
      chunk.push(line);
      chunkBytes += n;
      inFile += n;
      count++;
      if (chunkBytes > 4 << 20) {
        writeSync(fd, chunk.join(''));
        chunk = [];
        chunkBytes = 0;
      }
    }
    if (chunk.length) writeSync(fd, chunk.join(''));
    closeSync(fd);
    bytes += inFile;
  }
  const info = { documents: count, bytes };
  writeFileSync(marker, JSON.stringify(info));
  return { ...info, reused: false };
}

function probePython(python) {
  const r = spawnSync(python, ['-c', 'import pyarrow, pandas, numpy'], { encoding: 'utf8' });
  return r.status === 0;
}

function pythonVersions(python) {
  const r = spawnSync(
    python,
    [
      '-c',
      'import sys, pyarrow, pandas, numpy; print(f"Python {sys.version.split()[0]}, pyarrow {pyarrow.__version__}, pandas {pandas.__version__}, numpy {numpy.__version__}")',
    ],
    { encoding: 'utf8' },
  );
  return r.stdout.trim();
}
