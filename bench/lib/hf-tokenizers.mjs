// The real Hugging Face tokenizers (npm devDependencies @lenml/tokenizer-<name>): anneal tokenize end
// to end on 2 cores beside Python tokenizers encode_batch (all cores) and, for Llama 3, whose merges
// are tiktoken ranks, tiktoken built from the same vocabulary and pattern. Part of
// bench/tokenizer.mjs (`node bench/run.mjs tokenizer --only hf`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fmt, table } from './common.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const TOKENIZERS = [
  ['Llama 3', 'llama3', true],
  ['Qwen3', 'qwen3', false],
  ['Llama 2', 'llama2', false],
  ['Gemma 3', 'gemma3', false],
];
const REPEATS = 3;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

function python(py, args) {
  const r = spawnSync(py, [join(ROOT, 'bench', 'tokenizer_reference.py'), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) return { error: r.stderr.split('\n').filter(Boolean).slice(-1)[0] ?? 'failed' };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/**
 * @param docs ~2 KB documents (strings); @param dir scratch folder; @param py Python with
 * tokenizers (and tiktoken); @param havePython whether it has them.
 */
export async function benchHfTokenizers({ docs, dir, py, havePython }) {
  const { BpeEncoder } = await import('../../packages/tokenizer/dist/src/index.js');
  const bytes = docs.reduce((s, t) => s + Buffer.byteLength(t), 0);
  const shardDir = join(dir, 'hf-docs');
  rmSync(shardDir, { recursive: true, force: true });
  mkdirSync(shardDir, { recursive: true });
  const perShard = Math.ceil(docs.length / 4);
  const lines = (part) => part.map((text, i) => JSON.stringify({ id: `d${i}`, text })).join('\n') + '\n';
  for (let s = 0; s < 4; s++) writeFileSync(join(shardDir, `${s}.jsonl`), lines(docs.slice(s * perShard, (s + 1) * perShard)));
  writeFileSync(join(dir, 'hf-encode.jsonl'), lines(docs));
  const cli = join(ROOT, 'packages', 'cli', 'bin', 'anneal.js');
  const rows = [];
  for (const [name, pkg, tiktoken] of TOKENIZERS) {
    const path = join(ROOT, 'node_modules', '@lenml', `tokenizer-${pkg}`, 'models', 'tokenizer.json');
    if (!existsSync(path)) {
      rows.push([name, '—', '—', '—', '—', '—', '—', `${path} missing (npm install)`]);
      continue;
    }
    const vocab = Object.keys(JSON.parse(readFileSync(path, 'utf8')).model.vocab).length;
    const out = join(dir, `hf-tokens-${pkg}`);
    // the first run loads the tokenizer.json and fills an empty compiled-tokenizer cache; the runs
    // after it load its tables from the cache, as every later run with the same file does
    const cache = join(dir, 'tokenizer-cache');
    rmSync(cache, { recursive: true, force: true });
    const seconds = [];
    for (let rep = 0; rep <= REPEATS; rep++) {
      // --bos none: the same ids as encode(add_special_tokens=False) plus EOS, like the references
      const r = spawnSync(
        process.execPath,
        [cli, 'tokenize', '--tokenizer', path, '--input', join(shardDir, '*.jsonl'), '--out', out, '--workers', '2', '--bos', 'none'],
        { encoding: 'utf8', env: { ...process.env, ANNEAL_CACHE_DIR: cache } },
      );
      if (r.status !== 0) throw new Error(`anneal tokenize (${name}) failed: ${r.stderr}`);
      seconds.push(JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8')).seconds);
    }
    const first = bytes / 1e6 / seconds[0];
    const ours = bytes / 1e6 / Math.min(...seconds.slice(1));
    // the same encoder in this thread, texts in memory: load time and steady-state speed apart
    const t0 = performance.now();
    const encoder = BpeEncoder.fromJson(readFileSync(path, 'utf8'), path);
    const loadSeconds = (performance.now() - t0) / 1000;
    // the first pass meets every piece cold, as a run does; later passes find them in the cache
    let encodeSeconds = Infinity;
    let coldSeconds = 0;
    for (let rep = 0; rep < REPEATS; rep++) {
      const t1 = performance.now();
      for (const text of docs) encoder.encodeInto(text);
      const seconds = (performance.now() - t1) / 1000;
      if (rep === 0) coldSeconds = seconds;
      encodeSeconds = Math.min(encodeSeconds, seconds);
    }
    const hf = havePython ? python(py, ['encode-hf', path, join(dir, 'hf-encode.jsonl')]) : { error: 'no Python tokenizers' };
    const hfMbps = hf.error ? NaN : bytes / 1e6 / hf.seconds;
    const tk = havePython && tiktoken ? python(py, ['encode-tiktoken', path, join(dir, 'hf-encode.jsonl'), '2']) : undefined;
    const tkMbps = !tk || tk.error ? NaN : bytes / 1e6 / tk.seconds;
    rows.push([
      name,
      String(vocab),
      `${fmt(first, 2)} / ${fmt(ours, 2)}`,
      `${fmt(bytes / 1e6 / coldSeconds, 2)} / ${fmt(bytes / 1e6 / encodeSeconds, 2)} (load ${fmt(loadSeconds, 1)} s)`,
      hf.error ? '—' : `${fmt(hfMbps, 2)} (${fmt(hf.cpu_seconds / hf.seconds, 2)} cores)`,
      hf.error ? '—' : `${fmt(first / hfMbps, 2)} / ${fmt(ours / hfMbps, 2)}`,
      tk === undefined
        ? 'n/a'
        : tk.error
          ? '—'
          : `${fmt(tkMbps, 2)} (${fmt(first / tkMbps, 2)}× / ${fmt(ours / tkMbps, 2)}×; ids = tokenizers' on ${tk.same_ids}/${tk.texts})`,
      hf.error ? hf.error : '',
    ]);
  }
  console.log(
    `\n## Hugging Face tokenizers (real tokenizer.json files), ${docs.length} documents of ~2 KB (${fmt(bytes / 1e6, 1)} MB), 2 cores (load ${load()})\n`,
  );
  console.log(
    table(
      [
        'tokenizer',
        'model vocab',
        'anneal tokenize --workers 2, MB/s: first run / cached tokenizer',
        'anneal BpeEncoder, 1 thread, encode only, MB/s: first pass / best of 3',
        'Python tokenizers encode_batch, MB/s',
        'anneal tokenize / tokenizers: first / cached',
        'tiktoken, 2 threads, MB/s (anneal tokenize / tiktoken: first / cached)',
        'note',
      ],
      rows,
      [false, true, true, true, true, true, false, false],
    ),
  );
  console.log(
    '\nanneal: end to end (stats.json seconds: loading the tokenizer.json once, its model tables shared with the worker thread, reading 4 JSONL shards, encoding, writing Arrow token shards): the first run, with an empty compiled-tokenizer cache, and the best of the 3 runs after it, which load the tables from that cache; tokenizers: encode_batch of the texts in memory (encode_special_tokens, no post-processor), best of 3; tiktoken: encode_ordinary_batch, best of 3; BpeEncoder: encodeInto over the texts in memory after loading (load time in brackets), the first pass (cold cache, as in a run) and the best of 3 (warm).',
  );
}
