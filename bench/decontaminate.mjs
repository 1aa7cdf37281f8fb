// bench/decontaminate: throughput of the `decontaminate` step with the GSM8K-test + HumanEval index
// against plain scans of the same documents without it (a loop that counts whitespace words, and
// the `normalize` step), in process (no I/O); the index's build time and memory; and the `pii`
// step beside them. Documents: ../shared/datasets/real (WikiText-2, Shakespeare, GSM8K train,
// CPython modules) plus the sample corpus, with 1 % of them given a planted GSM8K-test item.
// `--reps N` (default 3): best of N passes.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as F from '@anneal/filters';
import { BENCH_DIR, MB, fmt, gc, outDir, table } from './lib/common.mjs';
import {
  REAL,
  cpythonModules,
  gsm8kProblems,
  gsm8kTestItems,
  sampleRecords,
  shakespeareScenes,
  wikitextArticles,
} from './lib/filter-bench-texts.mjs';
import { stepThroughputTable, timeSteps } from './lib/step-throughput.mjs';

const ROOT = join(BENCH_DIR, '..');

function documents() {
  const texts = [
    ...sampleRecords().map((r) => r.text),
    ...wikitextArticles(),
    ...shakespeareScenes(),
    ...gsm8kProblems('gsm8k-train.jsonl'),
    ...cpythonModules(),
  ].filter((t) => t.trim());
  const test = gsm8kTestItems();
  // every 100th document gets a test item in its middle
  return texts.map((text, i) => {
    if (i % 100 !== 0) return { id: `doc-${i}`, text, metadata: {} };
    const item = test[(i / 100) % test.length];
    const half = text.length >> 1;
    return { id: `doc-${i}`, text: `${text.slice(0, half)}\n\n${item.question}\n${item.answer}\n\n${text.slice(half)}`, metadata: {} };
  });
}

/**
 * Whole `anneal run`s on the same documents (4 JSONL files, 2 worker threads): read → write, and
 * read → decontaminate → write; the index is built once in the main thread and shared.
 */
function pipelineRuns(docs, reps) {
  const dir = outDir('decontaminate');
  const files = [0, 1, 2, 3].map((k) => {
    const path = join(dir, `in-${k}.jsonl`);
    writeFileSync(
      path,
      docs
        .filter((_, i) => i % 4 === k)
        .map((d) => JSON.stringify({ id: d.id, text: d.text }))
        .join('\n') + '\n',
    );
    return path;
  });
  const sets = `[{ name: gsm8k_test, path: ${join(REAL, 'gsm8k-test.jsonl')}, fields: [question, answer] }, { name: humaneval, path: ${join(REAL, 'humaneval.jsonl.gz')}, fields: [prompt, canonical_solution], id_field: task_id }]`;
  const variants = [
    ['read → write (no step)', 'steps: []'],
    ['read → decontaminate → write', `steps:\n  - decontaminate: { sets: ${sets} }`],
  ];
  const rows = variants.map(([label, steps]) => {
    const cfg = join(dir, 'pipeline.yaml');
    writeFileSync(cfg, `input: { paths: ${JSON.stringify(files)} }\noutput: { path: ${join(dir, 'out')}, format: jsonl }\nworkers: 2\n${steps}\n`);
    let seconds = Infinity;
    for (let r = 0; r < reps; r++) {
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      const t0 = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [join(ROOT, 'packages/cli/bin/anneal.js'), 'run', cfg, '--no-progress'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`anneal run failed: ${run.stderr}`);
      seconds = Math.min(seconds, Number(process.hrtime.bigint() - t0) / 1e9);
    }
    return [label, seconds];
  });
  rmSync(dir, { recursive: true, force: true });
  return rows;
}

export async function run({ args }) {
  if (!existsSync(REAL)) {
    console.log(`decontaminate: ${REAL} not found; skipped (it needs GSM8K test and HumanEval)`);
    return;
  }
  const reps = Number(args.reps ?? 3);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const index = await F.buildBenchmarkIndex({
    ngram: 13,
    min_item_words: 8,
    sets: [
      { name: 'gsm8k_test', path: join(REAL, 'gsm8k-test.jsonl'), fields: ['question', 'answer'], if_missing: 'fail' },
      {
        name: 'humaneval',
        path: join(REAL, 'humaneval.jsonl.gz'),
        fields: ['prompt', 'canonical_solution'],
        id_field: 'task_id',
        if_missing: 'fail',
      },
    ],
  });
  const buildSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const shared = F.benchmarkIndexBytes(index);

  const docs = documents();
  const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0);
  const decon = F.decontaminateStep(index, {});
  let hits = 0;
  for (const d of docs) if ('dropped' in decon.apply(d)) hits++;
  const rows = timeSteps(
    docs,
    [
      ['decontaminate (drop), GSM8K test + HumanEval', decon.apply],
      ['decontaminate (remove_spans)', F.decontaminateStep(index, { action: 'remove_spans' }).apply],
      ['pii (all kinds)', F.piiStep({}).apply],
    ],
    reps,
  );

  console.log(
    `\n### index: ${index.itemId.length} items (${index.sets.map((s) => `${s.name} ${s.items}`).join(', ')}), ${index.table.size.toLocaleString('en')} distinct 13-grams\n`,
  );
  console.log(
    table(
      ['built in', 'shared memory (SharedArrayBuffer: table + per-field arrays)', 'heap besides (item ids, set names)'],
      [[`${fmt(buildSeconds * 1000, 0)} ms`, `${fmt(shared / MB, 2)} MB`, `${fmt(Math.max(0, heapAfter - heapBefore) / MB, 2)} MB`]],
      [true, true, true],
    ),
  );
  console.log(
    `\n### throughput: ${docs.length.toLocaleString('en')} documents, ${fmt(bytes / MB, 2)} MB (1 % with a planted GSM8K-test item; ${hits} found), best of ${reps}\n`,
  );
  console.log(stepThroughputTable(docs, bytes, rows));
  const runs = pipelineRuns(docs, reps);
  console.log(
    `\n### whole \`anneal run\`s: the same documents in 4 JSONL files, 2 worker threads, process start and index build included, best of ${reps}\n`,
  );
  console.log(
    table(
      ['pipeline', 'seconds', 'docs/s', '÷ read → write'],
      runs.map(([label, s]) => [label, fmt(s, 2), Math.round(docs.length / s).toLocaleString('en'), fmt(runs[0][1] / s, 2)]),
      [false, true, true, true],
    ),
  );
}
