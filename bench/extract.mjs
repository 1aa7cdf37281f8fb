// bench/extract: main-text extraction quality and speed on trafilatura's evaluation set
// (../shared/datasets/web/trafilatura-eval, 990 pages), in one run on the same cores:
//   - quality (precision, recall, F1 over the gold segments, scored as trafilatura's evaluate.py)
//     and pages/s on one core for anneal's `extract`, trafilatura (PyPI, extract() with defaults,
//     the reference), @mozilla/readability on linkedom, and the whole page's text;
//   - pages/s of `anneal run` with the extract step on 2 workers (JSONL of the pages in, JSONL out);
//   - end-to-end MB/s from WARC files (the pages as .warc.gz records) through the reader and extract.
// Options: --python PATH (a python with trafilatura and lxml_html_clean; default python3), --reps N.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { extractMainText } from '@anneal/extract';
import { decodeHtml } from '@anneal/io';
import { BENCH_DIR, MB, fmt, outDir, table } from './lib/common.mjs';
import { loadEvalSet, score } from './lib/extract-eval-set.mjs';

const ROOT = join(BENCH_DIR, '..');
const ANNEAL = join(ROOT, 'packages', 'cli', 'bin', 'anneal.js');

function timeEach(pages, fn) {
  const texts = [];
  const t0 = process.hrtime.bigint();
  for (const page of pages) {
    try {
      texts.push(fn(page));
    } catch {
      texts.push(null);
    }
  }
  return { texts, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

const anneal = (page) => extractMainText(decodeHtml(page.bytes, undefined).text).text;
const readability = (page) => {
  const { document } = parseHTML(decodeHtml(page.bytes, undefined).text);
  return new Readability(document).parse()?.textContent ?? null;
};
const wholePage = (page) => {
  const { document } = parseHTML(decodeHtml(page.bytes, undefined).text);
  for (const el of document.querySelectorAll('script, style, noscript, template')) el.remove();
  return document.body?.textContent ?? document.documentElement?.textContent ?? '';
};

function trafilatura(pages, python, dir) {
  const list = join(dir, 'pages.json');
  writeFileSync(list, JSON.stringify(pages.map((p) => [p.file, p.path])));
  const run = spawnSync(python, [join(BENCH_DIR, 'extract_trafilatura.py'), list], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) return { error: (run.stderr || run.error?.message || '').trim().split('\n').slice(-1)[0] };
  const out = JSON.parse(run.stdout);
  return { texts: pages.map((p) => out.texts[p.file] ?? null), seconds: out.seconds, version: out.version };
}

function runPipeline(dir, name, input, format, steps) {
  const yaml = join(dir, `${name}.yaml`);
  const output = join(dir, `out-${name}`);
  rmSync(output, { recursive: true, force: true });
  writeFileSync(
    yaml,
    [
      `name: ${name}`,
      'input:',
      `  paths: [${JSON.stringify(input)}]`,
      `  format: ${format}`,
      'output:',
      `  path: ${JSON.stringify(output)}`,
      '  format: jsonl',
      'workers: 2',
      `steps: ${steps}`,
      '',
    ].join('\n'),
  );
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [ANNEAL, 'run', yaml, '--no-progress'], { encoding: 'utf8', cwd: dir });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (run.status !== 0) throw new Error(`anneal run ${name} failed: ${run.stderr}`);
  return seconds;
}

/** The evaluation pages as Common Crawl-like .warc.gz files: request + response + metadata per page, one gzip member each. */
function writeWarcs(pages, dir, files) {
  const record = (type, uri, block) => {
    const body = Buffer.isBuffer(block) ? block : Buffer.from(block, 'latin1');
    const head = `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Record-ID: <urn:uuid:${type}-${uri.length}-${Math.random().toString(16).slice(2)}>\r\nWARC-Date: 2026-12-03T00:00:00Z\r\nWARC-Target-URI: ${uri}\r\nContent-Length: ${body.length}\r\n\r\n`;
    return gzipSync(Buffer.concat([Buffer.from(head, 'latin1'), body, Buffer.from('\r\n\r\n')]));
  };
  let uncompressed = 0;
  for (let f = 0; f < files; f++) {
    const parts = [];
    for (let i = f; i < pages.length; i += files) {
      const page = pages[i];
      const response = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n', 'latin1'), page.bytes]);
      uncompressed += response.length;
      parts.push(
        record('request', page.url, `GET / HTTP/1.1\r\nHost: example\r\n\r\n`),
        record('response', page.url, response),
        record('metadata', page.url, 'fetchTimeMs: 100\r\n'),
      );
    }
    writeFileSync(join(dir, `pages-${String(f).padStart(2, '0')}.warc.gz`), Buffer.concat(parts));
  }
  return uncompressed;
}

export async function run({ args }) {
  const pages = loadEvalSet();
  if (!pages) {
    console.log('bench/extract: ../shared/datasets/web/trafilatura-eval is absent; skipped');
    return;
  }
  const dir = outDir('extract');
  mkdirSync(dir, { recursive: true });
  for (const p of pages) p.path = join(BENCH_DIR, '..', '..', 'shared', 'datasets', 'web', 'trafilatura-eval', 'html', `${p.file}.gz`);
  const python = args.python ?? 'python3';
  const reps = Number(args.reps ?? 1);
  console.log(
    `\n## bench/extract: ${pages.length} pages of trafilatura's evaluation set (${fmt(pages.reduce((a, p) => a + p.bytes.length, 0) / MB)} MB of HTML)\n`,
  );

  const rows = [];
  const add = (system, result) => {
    if (result.error) return rows.push([system, '—', '—', '—', '—', `failed: ${result.error}`]);
    const s = score(pages, result.texts);
    rows.push([system, fmt(s.precision, 3), fmt(s.recall, 3), fmt(s.f1, 3), fmt(pages.length / result.seconds, 1), '']);
    return s;
  };
  const best = (fn) => {
    let result;
    for (let r = 0; r < reps; r++) {
      const attempt = timeEach(pages, fn);
      if (!result || attempt.seconds < result.seconds) result = attempt;
    }
    return result;
  };
  const ours = best(anneal);
  const traf = trafilatura(pages, python, dir);
  add('anneal extract', ours);
  add(`trafilatura ${traf.version ?? ''} (reference)`, traf);
  add('readability 0.6 on linkedom', best(readability));
  add('whole page text (linkedom)', best(wholePage));
  console.log(table(['system', 'precision', 'recall', 'F1', 'pages/s (1 core)', 'note'], rows, [false, true, true, true, true, false]));
  if (!traf.error)
    console.log(`\nanneal extract vs trafilatura on one core: ${fmt(ours.seconds > 0 ? traf.seconds / ours.seconds : NaN, 2)}× the pages/s`);

  // 2 workers in a pipeline: JSONL of decoded pages → extract → JSONL
  const shards = [0, 1].map((k) => join(dir, `pages-${k}.jsonl`));
  const lines = pages.map((p) => JSON.stringify({ id: p.file, text: decodeHtml(p.bytes, undefined).text }));
  shards.forEach((s, k) => writeFileSync(s, lines.filter((_, i) => i % 2 === k).join('\n') + '\n'));
  const pipelineSeconds = runPipeline(dir, 'extract-jsonl', 'pages-*.jsonl', 'jsonl', '[{ extract: {} }]');

  // end to end from WARC: reader alone, then reader + extract
  const uncompressed = writeWarcs(pages, dir, 10);
  const warcBytes = [...Array(10).keys()].reduce((a, f) => a + statSync(join(dir, `pages-${String(f).padStart(2, '0')}.warc.gz`)).size, 0);
  const readSeconds = runPipeline(dir, 'warc-read', 'pages-*.warc.gz', 'warc', '[]');
  const warcSeconds = runPipeline(dir, 'warc-extract', 'pages-*.warc.gz', 'warc', '[{ extract: {} }]');
  // a run over the 10 .warc.gz files: rates by pages, by bytes on disk and by HTTP payload bytes
  const warcRow = (label, seconds) => [
    label,
    `10 .warc.gz, ${fmt(warcBytes / MB)} MB`,
    fmt(seconds, 2),
    fmt(pages.length / seconds, 1),
    fmt(warcBytes / MB / seconds, 1),
    fmt(uncompressed / MB / seconds, 1),
  ];
  console.log(
    '\n' +
      table(
        ['anneal run, 2 workers', 'input', 'seconds', 'pages/s', 'MB/s (.warc.gz on disk)', 'MB/s (HTTP payloads)'],
        [
          ['JSONL → extract', `${pages.length} pages in 2 shards`, fmt(pipelineSeconds, 2), fmt(pages.length / pipelineSeconds, 1), '', ''],
          warcRow('WARC → read only', readSeconds),
          warcRow('WARC → extract', warcSeconds),
        ],
        [false, false, true, true, true, true],
      ),
  );
  console.log('(wall time of `anneal run` including process start-up and the worker pool; each page is a request + response + metadata record)');
  if (!args.keep && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}
