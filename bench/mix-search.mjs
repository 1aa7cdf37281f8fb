// anneal mix search on real text: the real domains of ../shared/datasets/real/ (books: Tiny
// Shakespeare; math: GSM8K train; encyclopedic: WikiText-2 valid; code: CPython stdlib) plus the
// sample corpus's web pages. Target: the held-out splits of two of them, never trained on —
// WikiText-2 *test* and GSM8K *test* (question + answer), weight 1 each.
//   node bench/run.mjs mix-search [--phase workers|search|transfer|all] [--proxies 32] [--proxy-tokens 150000] [--transfer-seed 0]
// Phases: workers (2 proxies on 2 worker processes × 1 thread vs 1 process × 2 threads), search
// (the whole `anneal mix search` through the CLI, timed), transfer (a 4× larger model for 4× the
// tokens on the searched mixture and on natural, uniform and UniMax; same budget and seed).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { BENCH_DIR, outDir } from './lib/common.mjs';
import { trainProxies, targetLoss, parseSearchConfig } from '../packages/mix-search/dist/src/index.js';

const REAL = join(BENCH_DIR, '..', '..', 'shared', 'datasets', 'real');
const ANNEAL = join(BENCH_DIR, '..', 'packages', 'cli', 'bin', 'anneal.js');

function cli(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [ANNEAL, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`anneal ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-4000)}`);
  return { ...r, seconds: (performance.now() - t0) / 1000 };
}

/** Text cut into documents of about `size` characters at blank lines (or line breaks). */
function blocks(text, size) {
  const out = [];
  let cur = '';
  for (const line of text.split('\n')) {
    cur += `${line}\n`;
    if (cur.length >= size && line.trim() === '') {
      out.push(cur.trim());
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** The five domains as JSONL with a `domain` field: the curated inputs of the search. */
function prepareDocuments(dir) {
  const docs = join(dir, 'docs');
  if (existsSync(join(docs, 'done'))) return docs;
  mkdirSync(docs, { recursive: true });
  const write = (domain, texts) =>
    writeFileSync(join(docs, `${domain}.jsonl`), texts.map((text, i) => JSON.stringify({ id: `${domain}-${i}`, text, domain })).join('\n') + '\n');
  write('books', blocks(readFileSync(join(REAL, 'tinyshakespeare.txt'), 'utf8'), 2000));
  write(
    'math',
    readFileSync(join(REAL, 'gsm8k-train.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const r = JSON.parse(l);
        return `${r.question}\n${r.answer}`;
      }),
  );
  // WikiText-2 valid, one document per article (" = Title = " lines start one)
  const wiki = readFileSync(join(REAL, 'wikitext2-valid.txt'), 'utf8')
    .split(/\n(?= = [^=].* = \n)/)
    .map((a) => a.trim())
    .filter((a) => a.length > 200);
  write('encyclopedic', wiki);
  write(
    'code',
    readFileSync(join(REAL, 'python-stdlib-code.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).text),
  );
  const web = [];
  for (let i = 0; i < 4; i++) {
    for (const l of gunzipSync(readFileSync(join(BENCH_DIR, '..', 'datasets', 'sample', `sample-0000${i}.jsonl.gz`)))
      .toString('utf8')
      .split('\n')) {
      if (!l) continue;
      const r = JSON.parse(l);
      if (r.domain === 'web') web.push(r.text);
    }
  }
  write('web', web);
  writeFileSync(join(docs, 'done'), '');
  return docs;
}

function prepareTokens(dir, docs) {
  const tokenizer = join(dir, 'tokenizer', 'tokenizer.json');
  const tokens = join(dir, 'tokens');
  if (!existsSync(tokenizer)) {
    writeFileSync(
      join(dir, 'tokenizer.yaml'),
      `name: bench-mix-search
input: { paths: ["${docs}/*.jsonl"], text_key: text, domain_key: domain }
output: ${join(dir, 'tokenizer')}
vocab_size: 1024
min_frequency: 2
special_tokens: ["<|endoftext|>", "<|pad|>"]
sample: { bytes: 6000000, seed: 0 }
workers: 2
`,
    );
    cli(['tokenizer', 'train', '--config', join(dir, 'tokenizer.yaml'), '--quiet']);
  }
  if (!existsSync(join(tokens, 'index.json')))
    cli([
      'tokenize',
      '--tokenizer',
      tokenizer,
      '--input',
      ...['books', 'math', 'encyclopedic', 'code', 'web'].map((d) => join(docs, `${d}.jsonl`)),
      '--out',
      tokens,
      '--workers',
      '2',
    ]);
  return { tokenizer, tokens };
}

function writeConfigs(dir, docs, prepared, a) {
  mkdirSync(dir, { recursive: true });
  const mixture = join(dir, 'mixture.yaml');
  writeFileSync(
    mixture,
    `name: real-two-stage
inputs: ["${docs}/*.jsonl"]
output: ${join(dir, 'mix-unused')}
tokenizer: ${prepared.tokenizer}
seed: 1
max_epochs: 4
stages:
  - { name: broad, tokens: 12M, strategy: unimax }
  - { name: anneal, tokens: 3M, strategy: natural, upweight: { math: 2, encyclopedic: 2 } }
`,
  );
  const search = join(dir, 'search.yaml');
  writeFileSync(
    search,
    `name: real-domains
shards: ${prepared.tokens}
held_out_fraction: 0.02
tokenizer: ${prepared.tokenizer}
mixture: ${mixture}
output: ${join(dir, 'search')}
target:
  - { file: ${join(REAL, 'wikitext2-test.txt')} }
  - { file: ${join(REAL, 'gsm8k-test.jsonl')}, text_keys: [question, answer] }
proxy: { d_model: ${a.dModel}, n_layers: ${a.layers}, n_heads: ${a.heads}, seq_len: 64, batch_size: 8, tokens: ${a.proxyTokens}, eval_windows: 32, trajectory_points: 8, backend: tensorflow }
proxies: ${a.proxies}
candidates: 100000
top_k: 100
seed: 0
workers: ${a.workers}
threads_per_worker: ${a.threads}
`,
  );
  return { mixture, search };
}

/**
 * Two proxies on 2 processes of 1 TensorFlow thread each, against 1 process of 2 threads, alternated
 * `reps` times (the machine is shared, so one pair of runs says little). The proxies' phase is timed
 * from their own clocks: the longer of the two in parallel, their sum in sequence.
 */
async function measureWorkers(dir, prepared, docs, a) {
  const rows = [];
  for (let rep = 0; rep < a.reps; rep++) {
    for (const [workers, threads] of [
      [2, 1],
      [1, 2],
    ]) {
      const sub = join(dir, `workers-${workers}x${threads}`);
      rmSync(sub, { recursive: true, force: true });
      const { search } = writeConfigs(sub, docs, prepared, { ...a, proxies: 2, proxyTokens: a.measureTokens, workers, threads });
      const t0 = performance.now();
      cli(['mix', 'search', search, '--set', 'candidates=1000', '--set', 'top_k=10']);
      const seconds = (performance.now() - t0) / 1000;
      const s = JSON.parse(readFileSync(join(sub, 'search', 'search.json'), 'utf8'));
      const tokens = s.proxies.reduce((t, p) => t + p.tokens, 0);
      const each = s.proxies.map((p) => p.seconds);
      const proxyWall = workers === 2 ? Math.max(...each) : each.reduce((x, y) => x + y, 0);
      rows.push({
        layout: `${workers} process × ${threads} thread`,
        rep,
        seconds,
        proxyWall,
        tokens,
        perProxy: s.proxies.map((p) => p.tokens_per_s),
      });
    }
  }
  console.log(
    "| layout (2 proxies) | run | wall s (whole search) | proxies' wall s | tokens/s each | proxy tokens/s together |\n| --- | ---: | ---: | ---: | --- | ---: |",
  );
  for (const r of rows)
    console.log(
      `| ${r.layout} | ${r.rep + 1} | ${r.seconds.toFixed(1)} | ${r.proxyWall.toFixed(1)} | ${r.perProxy.join(', ')} | ${Math.round(r.tokens / r.proxyWall)} |`,
    );
  return rows;
}

/** The 4× model on 4× the tokens, two stages (broad then anneal, the plan's shares), on each mixture. */
async function transfer(dir, a) {
  const s = JSON.parse(readFileSync(join(dir, 'search', 'search.json'), 'utf8'));
  const config = parseSearchConfig(JSON.parse(JSON.stringify((await import('yaml')).parse(readFileSync(join(dir, 'search.yaml'), 'utf8')))));
  const data = { domains: s.domains, fileTargets: new Map() };
  const tokens = 4 * a.proxyTokens;
  const perStep = 8 * 64;
  const steps = Math.ceil(tokens / perStep);
  const broadSteps = Math.round(steps * (12 / 15));
  const stage = (name) => s.stages.find((x) => x.stage === name);
  const mixtures = {
    searched: [stage('broad').mixture, stage('anneal').mixture],
    natural: [stage('broad').reference.natural, stage('anneal').reference.natural],
    uniform: [stage('broad').reference.uniform, stage('anneal').reference.uniform],
    unimax: [stage('broad').reference.unimax, stage('anneal').reference.unimax],
  };
  const chosen = Object.entries(mixtures).filter(([name]) => !a.mixtures || a.mixtures.includes(name));
  const jobs = chosen.map(([name, [broad, anneal]], index) => {
    const runDir = join(dir, a.transferSeed === 0 ? 'transfer' : `transfer-seed${a.transferSeed}`, name);
    rmSync(runDir, { recursive: true, force: true });
    return {
      index,
      runDir,
      threads: a.threads * a.workers,
      training: {
        run_dir: runDir,
        seed: a.transferSeed,
        backend: 'tensorflow',
        data: { shards: join(dir, 'search', 'data', 'train'), validation_shards: join(dir, 'search', 'data', 'held-out'), eval_windows: 32 },
        model: { d_model: a.transferDModel, n_layers: 3, n_heads: 4 },
        batch_size: 8,
        eval_every: steps,
        checkpoint_every: steps,
        keep_checkpoints: 1,
        log_every_s: 3600,
        stages: [
          { name: 'broad', steps: broadSteps, seq_len: 64, mixture: broad, lr_phase: 'warmup_stable' },
          { name: 'anneal', steps: steps - broadSteps, seq_len: 64, mixture: anneal, lr_phase: 'decay' },
        ],
      },
    };
  });
  const t0 = performance.now();
  const results = [];
  await trainProxies(jobs, 1, (r) => results.push(r));
  const seconds = (performance.now() - t0) / 1000;
  const fileTargets = new Map(
    config.target.map((t) => [
      t.file,
      `target-${t.file
        .split('/')
        .pop()
        .replace(/\.(jsonl|txt)$/, '')
        .replace(/[^A-Za-z0-9_.-]/g, '_')}`,
    ]),
  );
  const rows = results
    .sort((x, y) => x.index - y.index)
    .map((r) => {
      const last = r.trajectory[r.trajectory.length - 1];
      return {
        mixture: jobs[r.index].runDir.split('/').pop(),
        loss: targetLoss(last.loss, config.target, { ...data, fileTargets }, 'transfer'),
        tokens: r.tokens,
        tokensPerSecond: r.tokens_per_s,
        perTarget: last.loss,
      };
    });
  console.log(
    `\ntransfer: d_model ${a.transferDModel}, 3 layers (0.73M parameters at d_model 128; the proxies: d_model ${a.dModel}, ${a.layers} layers), ${tokens.toLocaleString('en-US')} tokens (4× the proxies'), ${steps} steps (${broadSteps} broad + ${steps - broadSteps} anneal), seed ${a.transferSeed}; ${seconds.toFixed(0)} s`,
  );
  console.log(
    '| mixture | target loss (mean of WikiText-2 test, GSM8K test) | wikitext2-test | gsm8k-test | tokens/s |\n| --- | ---: | ---: | ---: | ---: |',
  );
  for (const r of rows)
    console.log(
      `| ${r.mixture} | ${r.loss.toFixed(4)} | ${r.perTarget['target-wikitext2-test'].toFixed(4)} | ${r.perTarget['target-gsm8k-test'].toFixed(4)} | ${r.tokensPerSecond} |`,
    );
  return rows;
}

export async function run({ args }) {
  if (!existsSync(REAL)) {
    console.log(`skipped: ${REAL} is absent (the real datasets live beside the repository)`);
    return;
  }
  const a = {
    proxies: Number(args.proxies ?? 32),
    proxyTokens: Number(args['proxy-tokens'] ?? 150000),
    measureTokens: Number(args['measure-tokens'] ?? 40000),
    reps: Number(args.reps ?? 2),
    transferSeed: Number(args['transfer-seed'] ?? 0),
    mixtures: args.mixtures?.split(','),
    dModel: Number(args['d-model'] ?? 64),
    layers: Number(args['proxy-layers'] ?? 2),
    transferDModel: Number(args['transfer-d-model'] ?? 128),
    heads: Number(args['proxy-heads'] ?? 4),
    workers: Number(args.workers ?? 1),
    threads: Number(args.threads ?? 2),
  };
  const phase = args.phase ?? 'all';
  const dir = outDir(args.out ?? 'mix-search');
  const docs = prepareDocuments(dir);
  const prepared = prepareTokens(dir, docs);
  console.log(
    `domains (tokens): ${Object.entries(JSON.parse(readFileSync(join(prepared.tokens, 'index.json'), 'utf8')).totals.domains)
      .map(([d, c]) => `${d} ${c.tokens.toLocaleString('en-US')}`)
      .join(', ')}`,
  );
  if (phase === 'workers' || phase === 'all') await measureWorkers(dir, prepared, docs, a);
  if (phase === 'search' || phase === 'all') {
    const { search } = writeConfigs(dir, docs, prepared, a);
    const r = cli(['mix', 'search', search]);
    process.stdout.write(r.stdout);
    const s = JSON.parse(readFileSync(join(dir, 'search', 'search.json'), 'utf8'));
    const rates = s.proxies.map((p) => p.tokens_per_s);
    console.log(
      `\nsearch: ${a.proxies} proxies × ${a.proxyTokens.toLocaleString('en-US')} tokens (d_model ${a.dModel}, ${a.layers} layers), ${a.workers} workers × ${a.threads} thread; wall ${r.seconds.toFixed(0)} s (${s.trainedNow} proxies trained in this run); proxy tokens/s: mean ${Math.round(rates.reduce((x, y) => x + y, 0) / rates.length)}, min ${Math.min(...rates)}, max ${Math.max(...rates)}`,
    );
    for (const st of s.stages)
      console.log(`stage ${st.stage}: CV Spearman ρ ${st.models.map((m) => `${m.kind} ${m.spearman.toFixed(3)}`).join(', ')}`);
  }
  if (phase === 'transfer' || phase === 'all') await transfer(dir, a);
}
