// Tokenizer: BPE training time (anneal vs Python tokenizers vs SentencePiece spm_train) on the same
// ~20 MB of text for vocab 8k and 32k; encoding throughput on 2 cores end to end into Arrow token
// shards (anneal tokenize) beside Python tokenizers encode_batch, tiktoken (Python, built from our
// tokenizer's ranks), the Rust npm binding, tiktoken wasm and @huggingface/tokenizers on the same
// ~2 KB documents; bytes per token per domain on the real data (ours and cl100k for reference).
//
// Then the real Hugging Face tokenizers (Llama 3, Qwen3, Llama 2, Gemma 3; lib/hf-tokenizers.mjs) on
// the real documents.
//
//   node bench/run.mjs tokenizer [--corpus-mb 20] [--hf-mb 8] [--only hf] [--pairs 5] [--python /tmp/venv/bin/python]
//
// Python parts need `pip install tokenizers tiktoken`; spm_train comes from `apt-get install
// sentencepiece`. Missing tools show as "—".
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fmt, outDir, table, timed } from './lib/common.mjs';
import { benchHfTokenizers } from './lib/hf-tokenizers.mjs';
import { pairedWholeProcessRuns } from './lib/paired-process-runs.mjs';
import { realDocuments, sampleDocuments, twoKbDocuments, writeJsonl } from './lib/tokenizer-documents.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const SPECIALS = ['<|endoftext|>', '<|pad|>', '<|im_start|>', '<|im_end|>', '<|system|>', '<|user|>', '<|assistant|>', '<|tool|>'];
const require = createRequire(import.meta.url);
const utf8 = (s) => Buffer.byteLength(s);
/** Timings of the encoders are the best of this many runs: the machine is shared, and load comes and goes. */
const REPEATS = 3;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** CPU seconds (user + system) of this process's finished children, from /proc (Linux). */
function childCpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // fields[13], fields[14]: cutime, cstime (fields counted from the state field, index 0)
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

function python(py, args) {
  const r = spawnSync(py, [join(ROOT, 'bench', 'tokenizer_reference.py'), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) return { error: r.stderr.split('\n').filter(Boolean).slice(-1)[0] ?? 'failed' };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

export async function run({ args }) {
  const T = await import('../packages/tokenizer/dist/src/index.js');
  const py = args.python ?? process.env.BENCH_PYTHON ?? 'python3';
  const havePython = spawnSync(py, ['-c', 'import tokenizers, tiktoken'], { encoding: 'utf8' }).status === 0;
  const haveSpm = spawnSync('spm_train', ['--help'], { encoding: 'utf8' }).error === undefined;
  const dir = outDir('tokenizer');
  // anneal tokenize keeps compiled tokenizers (docs/tokenizer.md): here in the bench's folder, not
  // ~/.cache, emptied first, so the first run of each tokenizer loads it from its JSON
  process.env.ANNEAL_CACHE_DIR = join(dir, 'tokenizer-cache');
  rmSync(process.env.ANNEAL_CACHE_DIR, { recursive: true, force: true });
  const targetMB = Number(args['corpus-mb'] ?? 20);

  // ---- the corpus: real text + the bundled sample, repeated to the target size
  const real = realDocuments();
  const base = [...real, ...sampleDocuments()];
  const baseBytes = base.reduce((s, d) => s + utf8(d.text), 0);
  const corpus = [...base];
  let bytes = baseBytes;
  for (let r = 1; bytes < targetMB * 1e6; r++) {
    for (const d of base) {
      if (bytes >= targetMB * 1e6) break;
      corpus.push({ ...d, id: `${d.id}~${r}` });
      bytes += utf8(d.text);
    }
  }
  const texts = corpus.map((d) => d.text);
  if (args.only === 'hf') {
    // the real tokenizers only, on --hf-mb of the distinct real documents
    const hfDocs = [];
    let hfBytes = 0;
    for (const t of twoKbDocuments((real.length ? real : base).map((d) => d.text))) {
      if (hfBytes >= Number(args['hf-mb'] ?? 8) * 1e6) break;
      hfDocs.push(t);
      hfBytes += utf8(t);
    }
    await benchHfTokenizers({ docs: hfDocs, dir, py, havePython: spawnSync(py, ['-c', 'import tokenizers'], { encoding: 'utf8' }).status === 0 });
    return;
  }
  console.log(
    `corpus: ${fmt(bytes / 1e6, 1)} MB = ${fmt(baseBytes / 1e6, 1)} MB distinct (${real.length ? '../shared/datasets/real' : 'no real data found'} + datasets/sample), the rest repeats it; ${texts.length} documents`,
  );
  console.log(
    `python: ${havePython ? py : 'tokenizers/tiktoken not installed'}; spm_train: ${haveSpm ? 'yes' : 'not installed'}; cores: ${cpus().length}; load before: ${load()}\n`,
  );
  writeJsonl(join(dir, 'train.jsonl'), texts);
  if (haveSpm) writeFileSync(join(dir, 'train.txt'), texts.join('\n') + '\n');

  // ---- training
  const pattern = T.preTokenizerPattern();
  const trainRows = [];
  const tokenizers = {};
  for (const vocab of [8192, 32768]) {
    const ours = await timed(async () => {
      const counts = await T.countWordsInParallel(texts, pattern, 2);
      return T.trainBpe(counts, { vocabSize: vocab, minFrequency: 2, specialTokens: SPECIALS });
    });
    const json = T.serializeTokenizerJson(T.toTokenizerJson(ours.value, pattern));
    const path = join(dir, `anneal-${vocab}.json`);
    writeFileSync(path, json);
    tokenizers[vocab] = path;
    let hf = { error: 'not installed' };
    let same = '—';
    if (havePython) {
      hf = python(py, ['train', join(dir, 'train.jsonl'), String(vocab), '2', pattern, SPECIALS.join(','), join(dir, `hf-${vocab}.json`)]);
      if (!hf.error) {
        const ref = JSON.parse(readFileSync(join(dir, `hf-${vocab}.json`), 'utf8'));
        const a = ours.value.merges.map((m) => m.join(' '));
        const b = ref.model.merges.map((m) => (Array.isArray(m) ? m.join(' ') : m));
        same = a.length === b.length && a.every((m, i) => m === b[i]) ? `yes (${a.length})` : 'NO';
      }
    }
    let spm = { error: 'not installed' };
    if (haveSpm) {
      const t = await timed(async () =>
        spawnSync(
          'spm_train',
          [
            `--input=${join(dir, 'train.txt')}`,
            `--model_prefix=${join(dir, `spm-${vocab}`)}`,
            `--vocab_size=${vocab}`,
            '--model_type=bpe',
            '--character_coverage=1.0',
            '--byte_fallback=true',
            '--num_threads=2',
            '--max_sentence_length=1000000',
            '--input_sentence_size=0',
            '--minloglevel=2',
          ],
          { encoding: 'utf8' },
        ),
      );
      spm = t.value.status === 0 ? { seconds: t.seconds } : { error: t.value.stderr.split('\n').filter(Boolean).pop() };
    }
    trainRows.push([
      String(vocab),
      fmt(ours.seconds, 1),
      hf.error ? '—' : fmt(hf.seconds, 1),
      spm.error ? '—' : fmt(spm.seconds, 1),
      hf.error ? '—' : fmt(hf.seconds / ours.seconds, 2),
      spm.error ? '—' : fmt(spm.seconds / ours.seconds, 2),
      same,
    ]);
  }
  console.log(`## BPE training, ${fmt(bytes / 1e6, 1)} MB, min_frequency 2, ${SPECIALS.length} special tokens, 2 cores (load ${load()})\n`);
  console.log(
    table(
      ['vocab', 'anneal (s)', 'Python tokenizers (s)', 'spm_train (s)', 'tokenizers / anneal', 'spm / anneal', 'same merges as tokenizers'],
      trainRows,
      [true, true, true, true, true, true, false],
    ),
  );
  console.log(
    '\nanneal: word counts on 2 worker threads + merges, texts in memory; tokenizers: train_from_iterator (Rust, rayon), texts in memory; spm_train: whole process reading a text file (BPE, byte_fallback, 2 threads; a different pre-tokenization, so a reference for speed only).\n',
  );

  // ---- encoding
  const tokenizerPath = tokenizers[32768];
  const tokenizerJson = readFileSync(tokenizerPath, 'utf8');
  const docs = twoKbDocuments(texts);
  const encBytes = docs.reduce((s, t) => s + utf8(t), 0);
  const shardDir = join(dir, 'docs');
  rmSync(shardDir, { recursive: true, force: true });
  mkdirSync(shardDir, { recursive: true });
  const perShard = Math.ceil(docs.length / 4);
  for (let s = 0; s < 4; s++) writeJsonl(join(shardDir, `${s}.jsonl`), docs.slice(s * perShard, (s + 1) * perShard));
  writeJsonl(join(dir, 'encode.jsonl'), docs);
  const mbps = (seconds, b = encBytes) => b / 1e6 / seconds;

  const encoder = T.BpeEncoder.fromJson(tokenizerJson);
  const reference = docs.map((t) => encoder.encode(t));
  const sameAs = (ids, i) => ids.length === reference[i].length && ids.every((x, j) => x === reference[i][j]);
  const rows = [];

  const cli = join(ROOT, 'packages', 'cli', 'bin', 'anneal.js');
  for (const workers of [2, 1]) {
    const out = join(dir, `tokens-${workers}`);
    let best = { seconds: Infinity, process: Infinity, cpu: NaN };
    for (let rep = 0; rep < REPEATS; rep++) {
      const childCpu0 = childCpuSeconds();
      const e2e = await timed(async () =>
        spawnSync(
          process.execPath,
          [cli, 'tokenize', '--tokenizer', tokenizerPath, '--input', join(shardDir, '*.jsonl'), '--out', out, '--workers', String(workers)],
          { encoding: 'utf8' },
        ),
      );
      if (e2e.value.status !== 0) throw new Error(`anneal tokenize failed: ${e2e.value.stderr}`);
      const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
      if (stats.seconds < best.seconds) best = { seconds: stats.seconds, process: e2e.seconds, cpu: childCpuSeconds() - childCpu0 };
    }
    rows.push({
      name: `anneal tokenize, --workers ${workers}`,
      what: 'end to end: 4 JSONL shards → Arrow token shards + index.json',
      mbps: mbps(best.seconds),
      same: 'reference',
    });
    rows.push({
      name: `  same, whole \`anneal\` process`,
      what: `+ CLI start-up (${fmt(best.process - best.seconds, 2)} s: node and the tokenize verb's packages)`,
      mbps: mbps(best.process),
      cores: best.cpu / best.process,
      same: '',
    });
  }

  let oneThread = { seconds: Infinity };
  for (let rep = 0; rep < REPEATS; rep++) {
    const fresh = T.BpeEncoder.fromJson(tokenizerJson);
    const t = await timed(async () => {
      let n = 0;
      for (const text of docs) n += fresh.encodeInto(text).length;
      return n;
    });
    if (t.seconds < oneThread.seconds) oneThread = t;
  }
  rows.push({
    name: 'anneal BpeEncoder, 1 thread',
    what: 'encode only, texts in memory, cold cache',
    mbps: mbps(oneThread.seconds),
    same: 'reference',
  });

  if (havePython) {
    const hf = python(py, ['encode-hf', tokenizerPath, join(dir, 'encode.jsonl')]);
    rows.push({
      name: 'Python tokenizers encode_batch',
      what: 'encode only, texts in memory, all cores',
      mbps: hf.error ? NaN : mbps(hf.seconds),
      cores: hf.cpu_seconds / hf.seconds,
      same: hf.error ? hf.error : 'yes (interop test)',
    });
    const tk = python(py, ['encode-tiktoken', tokenizerPath, join(dir, 'encode.jsonl'), '2']);
    rows.push({
      name: 'tiktoken (Python) encode_ordinary_batch, 2 threads',
      what: 'encode only, our ranks, texts in memory',
      mbps: tk.error ? NaN : mbps(tk.seconds),
      cores: tk.cpu_seconds / tk.seconds,
      same: tk.error ? tk.error : `${tk.same_ids}/${tk.texts} docs`,
      reference: true,
    });
  }

  const { Tokenizer: RustTokenizer } = require('tokenizers');
  const rust = RustTokenizer.fromFile(tokenizerPath);
  await rust.encodeBatch(docs.slice(0, 100));
  const rustRun = await timed(async () => {
    const out = [];
    for (let i = 0; i < docs.length; i += 1024) out.push(...(await rust.encodeBatch(docs.slice(i, i + 1024), { addSpecialTokens: false })));
    return out;
  });
  // (one run only: it is the slowest full-size row, and its rank does not depend on noise)
  rows.push({
    name: 'tokenizers (npm, Rust binding) encodeBatch',
    what: 'encode only, in Node, texts in memory',
    mbps: mbps(rustRun.seconds),
    same: `${rustRun.value.filter((e, i) => sameAs(e.getIds(), i)).length}/${docs.length} docs`,
  });

  const { Tiktoken } = require('tiktoken/lite');
  const parsed = JSON.parse(tokenizerJson);
  const special = Object.fromEntries(parsed.added_tokens.map((t) => [t.content, t.id]));
  const ranks = Object.entries(parsed.model.vocab)
    .filter(([tok]) => !(tok in special))
    .map(([tok, id]) => `${Buffer.from(T.fromByteLevel(tok)).toString('base64')} ${id}`)
    .join('\n');
  const wasm = new Tiktoken(ranks, special, parsed.pre_tokenizer.pretokenizers[0].pattern.Regex);
  const wasmRun = await timed(async () => docs.map((t) => wasm.encode_ordinary(t)));
  rows.push({
    name: 'tiktoken (npm, wasm), 1 thread',
    what: 'encode only, our ranks, texts in memory',
    mbps: mbps(wasmRun.seconds),
    same: `${wasmRun.value.filter((ids, i) => sameAs(Array.from(ids), i)).length}/${docs.length} docs`,
  });
  wasm.free();

  const { Tokenizer: JsTokenizer } = await import('@huggingface/tokenizers');
  const js = new JsTokenizer(parsed, {});
  const subset = docs.slice(0, Math.min(docs.length, 1000));
  const subsetBytes = subset.reduce((s, t) => s + utf8(t), 0);
  const jsRun = await timed(async () => subset.map((t) => js.encode(t, { add_special_tokens: false }).ids));
  rows.push({
    name: '@huggingface/tokenizers (pure JS), 1 thread',
    what: `encode only, first ${subset.length} docs`,
    mbps: mbps(jsRun.seconds, subsetBytes),
    same: `${jsRun.value.filter((ids, i) => sameAs(ids, i)).length}/${subset.length} docs`,
  });

  const tiktokenRow = rows.find((r) => r.reference);
  console.log(`## Encoding, vocab 32768, ${docs.length} documents of ~2 KB (${fmt(encBytes / 1e6, 1)} MB), 2 cores (load ${load()})\n`);
  console.log(
    table(
      ['encoder', 'what is timed', 'MB/s', 'vs tiktoken (Python)', 'cores used', 'ids identical to anneal'],
      rows.map((r) => [
        r.name,
        r.what,
        fmt(r.mbps, 2),
        tiktokenRow ? fmt(r.mbps / tiktokenRow.mbps, 2) : '—',
        r.cores === undefined ? '' : fmt(r.cores, 2),
        r.same,
      ]),
      [false, false, true, true, true, false],
    ),
  );

  console.log(
    '\n"cores used" = CPU seconds / wall seconds of that run: how much of the 2 shared cores it actually got (other engineers\' jobs ran on the same machine). Timings are the best of 3 runs, except the Rust binding and @huggingface/tokenizers (one run).',
  );

  const pairs = Number(args.pairs ?? 5);
  if (havePython && pairs > 0) {
    await pairedWholeProcessRuns({
      pairs,
      bytes: encBytes,
      annealArgs: [
        cli,
        'tokenize',
        '--tokenizer',
        tokenizerPath,
        '--input',
        join(shardDir, '*.jsonl'),
        '--out',
        join(dir, 'tokens-pairs'),
        '--workers',
        '2',
      ],
      tiktoken: () => python(py, ['encode-tiktoken', tokenizerPath, join(dir, 'encode.jsonl'), '2']).seconds,
    });
  }

  // ---- bytes per token per domain on the real data
  const { get_encoding } = require('tiktoken');
  const cl100k = get_encoding('cl100k_base');
  const byDomain = new Map();
  for (const d of real.length ? real : base) {
    const e = byDomain.get(d.domain) ?? { bytes: 0, ours8: 0, ours32: 0, cl100k: 0, docs: 0 };
    e.bytes += utf8(d.text);
    e.ours32 += encoder.encodeInto(d.text).length;
    e.cl100k += cl100k.encode_ordinary(d.text).length;
    e.docs++;
    byDomain.set(d.domain, e);
  }
  const enc8 = T.BpeEncoder.fromJson(readFileSync(tokenizers[8192], 'utf8'));
  for (const d of real.length ? real : base) byDomain.get(d.domain).ours8 += enc8.encodeInto(d.text).length;
  cl100k.free();
  console.log(
    `\n## Bytes per token by domain, ${real.length ? 'real data (../shared/datasets/real)' : 'sample corpus'}; the tokenizers were trained on the corpus above (which contains this text), cl100k_base (GPT-4, 100k) for reference\n`,
  );
  console.log(
    table(
      ['domain', 'documents', 'MB', 'anneal 8k', 'anneal 32k', 'cl100k_base'],
      [...byDomain]
        .sort()
        .map(([d, e]) => [
          d,
          String(e.docs),
          fmt(e.bytes / 1e6, 2),
          fmt(e.bytes / e.ours8, 2),
          fmt(e.bytes / e.ours32, 2),
          fmt(e.bytes / e.cl100k, 2),
        ]),
      [false, true, true, true, true, true],
    ),
  );
  const hfDocs = docs.slice(0, Math.max(1, Math.round((docs.length * Number(args['hf-mb'] ?? 8) * 1e6) / encBytes)));
  await benchHfTokenizers({ docs: hfDocs, dir, py, havePython: spawnSync(py, ['-c', 'import tokenizers'], { encoding: 'utf8' }).status === 0 });
  console.log(`\nload after: ${load()}`);
}
