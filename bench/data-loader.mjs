// Data loader and checkpoint benchmark (issue 7, points 3 and 6): what the trainer spends outside
// the model. Each figure sits beside a floor on the same input in the same process:
//   - reading token shards into the loader's per-domain arrays vs only decoding the Arrow batches
//   - cutting batches (seeded domain draw, shuffled epoch order, EOS packing) vs a plain sequential
//     copy of the same number of tokens out of one array
//   - saving a checkpoint (safetensors encode, SHA-256, fsync, rename, keep-K) vs writing the same
//     bytes with one writeFile; loading it (checksums verified, decoded) vs readFile
// and the loader's cost per step beside the ~0.59 s train step of the nanoGPT CPU configuration.
// `npm run bench -- data-loader [--mb 100] [--keep]`  (--mb: MB of uint16 tokens, i.e. mb/2 M tokens)
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TokenShardWriter, buildTokenShardIndex, readTokenShardBatches, readTokenShardIndex, writeTokenShardIndex } from '@anneal/token-shards';
import {
  CheckpointStore,
  PackedWindowLoader,
  decodeTrainingCheckpoint,
  encodeTrainingCheckpoint,
  initialWeights,
  loadTokenShards,
  readCheckpoint,
  resolveModelConfig,
} from '@anneal/trainer';
import { MB, fmt, gc, outDir, rng, table, timed } from './lib/common.mjs';

const VOCAB = 32000;
const EOS = 0;
const DOMAINS = { web: 0.5, code: 0.2, math: 0.15, encyclopedic: 0.15 };

export async function run({ scaleMB: runnerMB, args }) {
  const scaleMB = args.mb === undefined && process.env.BENCH_MB === undefined ? 100 : runnerMB;
  const dir = outDir('data-loader');
  const shards = join(dir, `tokens-${scaleMB}mb`);
  const targetTokens = Math.round((scaleMB * MB) / 2);
  const t0 = Date.now();
  const reused = existsSync(join(shards, 'index.json'));
  if (!reused) await generateShards(shards, targetTokens);
  const index = await readTokenShardIndex(shards);
  console.log(
    `input: ${index.totals.rows.toLocaleString('en-US')} documents, ${index.totals.tokens.toLocaleString('en-US')} tokens (uint16, ${fmt((index.totals.tokens * 2) / MB)} MB) ` +
      `in ${index.shards.length} Arrow token shards; lengths log-uniform 20–20,000 tokens, domains ${JSON.stringify(DOMAINS)}; ` +
      `${reused ? 'reused from an earlier run' : `generated in ${fmt((Date.now() - t0) / 1000)} s`}`,
  );
  console.log(`load before: ${readFileSync('/proc/loadavg', 'utf8').trim()}\n`);

  // 1. shards → corpus
  gc();
  const floor = await timed(async () => {
    let tokens = 0;
    for (const s of index.shards) for await (const b of readTokenShardBatches(join(shards, s.file))) tokens += b.tokens.length;
    return tokens;
  });
  gc();
  const load = await timed(() => loadTokenShards(shards));
  const corpus = load.value.corpus;
  const tokenMB = (index.totals.tokens * 2) / MB;

  // 2. batches: nanoGPT CPU shape (12 × 64) and a long-context shape (4 × 4096)
  const rowsOut = [];
  for (const [batch, seqLen] of [
    [12, 64],
    [12, 1024],
    [4, 4096],
  ]) {
    const sampling = { stage: 'bench', seed: 1, domains: Object.entries(DOMAINS).map(([domain, weight]) => ({ domain, weight })) };
    const loader = new PackedWindowLoader(corpus, sampling, seqLen);
    loader.nextBatch(batch); // the first epoch order is shuffled lazily; keep it out of the timing
    const batches = Math.max(20, Math.floor(20_000_000 / (batch * seqLen)));
    gc();
    const packed = await timed(async () => {
      for (let i = 0; i < batches; i++) loader.nextBatch(batch);
    });
    const flat = corpus.domains.get('web').tokens;
    gc();
    const copy = await timed(async () => {
      const out = new Int32Array(batch * (seqLen + 1));
      let at = 0;
      for (let i = 0; i < batches; i++) {
        for (let r = 0; r < batch; r++) {
          if (at + seqLen + 1 > flat.length) at = 0;
          for (let t = 0; t <= seqLen; t++) out[r * (seqLen + 1) + t] = flat[at + t];
          at += seqLen;
        }
      }
    });
    const resume = await timed(async () => new PackedWindowLoader(corpus, sampling, seqLen, loader.state()).nextBatch(batch));
    const tokens = batches * batch * seqLen;
    rowsOut.push([
      `${batch} × ${seqLen}`,
      fmt(tokens / packed.seconds / 1e6, 1),
      fmt(tokens / copy.seconds / 1e6, 1),
      fmt(copy.seconds / packed.seconds, 2),
      fmt((packed.seconds / batches) * 1e3, 3),
      fmt(resume.seconds * 1e3, 1),
    ]);
  }

  console.log(
    table(
      ['shards → loader corpus', 'MB/s of tokens', 'floor: decode Arrow batches only, MB/s', 'loader ÷ floor'],
      [
        [
          `${index.shards.length} shards, ${fmt(tokenMB)} MB`,
          fmt(tokenMB / load.seconds),
          fmt(tokenMB / floor.seconds),
          fmt(floor.seconds / load.seconds, 2),
        ],
      ],
      [false, true, true, true],
    ),
  );
  console.log();
  console.log(
    table(
      [
        'batch (rows × seq_len)',
        'loader M tokens/s',
        'floor: sequential copy, M tokens/s',
        'loader ÷ floor',
        'ms per batch',
        'resume from state, ms',
      ],
      rowsOut,
      [false, true, true, true, true, true],
    ),
  );
  const perStep = Number(rowsOut[0][4]);
  console.log(
    `\nloader time per 12 × 64 batch: ${fmt(perStep, 3)} ms = ${fmt((perStep / 590) * 100, 3)} % of the ~590 ms train step of the nanoGPT CPU configuration on this machine (issue 7)`,
  );

  // 3. checkpoints of the nanoGPT configuration (4 layers, 4 heads, 128 dim) and a 4× wider one
  const ckRows = [];
  for (const [name, cfg] of [
    ['nanoGPT CPU (4L, d128, vocab 32k)', { vocabSize: VOCAB, dModel: 128, nLayers: 4, nHeads: 4 }],
    ['4L, d512, vocab 32k', { vocabSize: VOCAB, dModel: 512, nLayers: 4, nHeads: 8 }],
  ]) {
    const modelConfig = resolveModelConfig(cfg);
    const weights = initialWeights(modelConfig, 0);
    const moments = new Map();
    for (const [n, w] of weights) {
      moments.set(`exp_avg.${n}`, new Float32Array(w.length).fill(0.001));
      moments.set(`exp_avg_sq.${n}`, new Float32Array(w.length).fill(0.002));
    }
    const state = {
      step: 1,
      stageIndex: 0,
      stageName: 'bench',
      stageStep: 1,
      tokens: 0,
      loader: { stage: 'bench', seed: 0, seqLen: 64, windows: 0, domains: {} },
      model: modelConfig,
      eosId: EOS,
      tokenizerHash: 'bench',
      elapsedSeconds: 0,
    };
    const store = new CheckpointStore(join(dir, 'checkpoints'), 2);
    const files = encodeTrainingCheckpoint({ weights, optimizer: { step: 1, moments }, state });
    const bytes = Object.values(files).reduce((s, f) => s + (typeof f === 'string' ? Buffer.byteLength(f) : f.byteLength), 0);
    // best of 3, alternating, so page-cache writeback from one does not land on the other
    let save, plain, loadCk, readPlain;
    for (let rep = 0; rep < 3; rep++) {
      gc();
      const p = await timed(async () => {
        for (const [n, f] of Object.entries(files)) writeFileSync(join(dir, `plain-${n}`), f);
      });
      gc();
      const s = await timed(() => store.save(rep + 1, encodeTrainingCheckpoint({ weights, optimizer: { step: 1, moments }, state })));
      gc();
      const l = await timed(async () => decodeTrainingCheckpoint(await readCheckpoint(s.value)));
      const r = await timed(async () => {
        for (const n of Object.keys(files)) await readFile(join(dir, `plain-${n}`));
      });
      if (!save || s.seconds < save.seconds) save = s;
      if (!plain || p.seconds < plain.seconds) plain = p;
      if (!loadCk || l.seconds < loadCk.seconds) loadCk = l;
      if (!readPlain || r.seconds < readPlain.seconds) readPlain = r;
    }
    ckRows.push([
      name,
      fmt(bytes / MB),
      fmt(save.seconds * 1e3, 0),
      fmt(plain.seconds * 1e3, 0),
      fmt(save.seconds / plain.seconds, 2),
      fmt(loadCk.seconds * 1e3, 0),
      fmt(readPlain.seconds * 1e3, 0),
      fmt(loadCk.seconds / readPlain.seconds, 2),
    ]);
    rmSync(join(dir, 'checkpoints'), { recursive: true, force: true });
    for (const n of Object.keys(files)) rmSync(join(dir, `plain-${n}`), { force: true });
  }
  console.log();
  console.log(
    table(
      [
        'checkpoint (weights + AdamW moments + state), best of 3',
        'MB',
        'save ms (encode, SHA-256, fsync, rename)',
        'floor: writeFile ms',
        'save ÷ floor',
        'load ms (SHA-256 verified, decoded)',
        'floor: readFile ms',
        'load ÷ floor',
      ],
      ckRows,
      [false, true, true, true, true, true, true, true],
    ),
  );
  console.log(`\nload after: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  if (args.keep !== 'true') rmSync(shards, { recursive: true, force: true });
}

async function generateShards(dir, targetTokens) {
  const r = rng(7);
  const domainNames = Object.keys(DOMAINS);
  const cumulative = [];
  let acc = 0;
  for (const d of domainNames) cumulative.push((acc += DOMAINS[d]));
  const entries = [];
  let tokens = 0;
  let doc = 0;
  const perShard = Math.ceil(targetTokens / 4);
  for (let s = 0; tokens < targetTokens; s++) {
    const file = `${String(s).padStart(5, '0')}.arrow`;
    const w = new TokenShardWriter(join(dir, file), 'uint16', 1024);
    let inShard = 0;
    while (inShard < perShard && tokens < targetTokens) {
      const length = Math.round(Math.exp(Math.log(20) + r() * (Math.log(20000) - Math.log(20))));
      const ids = new Uint16Array(length + 1);
      for (let i = 0; i < length; i++) ids[i] = 1 + Math.floor(r() * (VOCAB - 1));
      ids[length] = EOS;
      const u = r();
      const domain = domainNames[cumulative.findIndex((c) => u < c)] ?? domainNames[0];
      await w.write({ id: `doc-${doc++}`, domain, quality: r(), tokens: ids, textBytes: length * 4 });
      inShard += length + 1;
      tokens += length + 1;
    }
    entries.push({ file, ...(await w.close()) });
  }
  await writeTokenShardIndex(
    dir,
    buildTokenShardIndex({ tokenizer_hash: 'bench', vocab_size: VOCAB, eos_id: EOS, eos_token: '<|endoftext|>', dtype: 'uint16' }, entries),
  );
}
