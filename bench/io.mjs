// Write and read throughput of every anneal shard format, against two floors measured on the same
// bytes in the same process: a raw fs read of the reference JSONL, and JSON.parse of its lines.
import { createReadStream, openSync, writeSync, closeSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readDocuments, writeDocuments } from '@anneal/io';
import { documents, jsonLine, gc, timed, RssPeak, maxRss, table, fmt, mb, MB, outDir } from './lib/common.mjs';

const CASES = [
  { format: 'jsonl', codec: '—' },
  { format: 'jsonl.gz', codec: 'gzip-6' },
  { format: 'jsonl.zst', codec: 'zstd-3' },
  { format: 'parquet', codec: 'snappy' },
  { format: 'parquet', codec: 'zstd' },
  { format: 'parquet', codec: 'gzip' },
  { format: 'parquet', codec: 'uncompressed' },
  { format: 'arrow', codec: '—' },
];

export async function run({ scaleMB, args = {} }) {
  const dir = outDir('io');
  const keep = args.keep !== undefined;

  // 1. Deterministic documents, held in memory so that writes time the writer alone.
  const refPath = join(dir, 'reference.jsonl');
  const gen = await timed(() => generate(refPath, scaleMB * MB));
  const { docs, bytes: refBytes, textChars } = gen.value;
  const refMB = refBytes / MB;
  console.log(
    `input: ${docs.length} documents, ${mb(refBytes)} MB of reference JSONL (MB = 10^6 bytes of the uncompressed ` +
      `JSONL: the text plus its JSON framing), mean text ${fmt(textChars / docs.length, 0)} chars; generated in ${fmt(gen.seconds)} s`,
  );
  console.log(`all reads are from the page cache (each file was just written; the machine has spare memory)\n`);

  // 2. Floors, best of 3.
  gc();
  const fsBest = await best(3, () => fsRead(refPath));
  if (fsBest.value !== refBytes) throw new Error(`fs floor read ${fsBest.value} bytes, expected ${refBytes}`);
  const buffer = readFileSync(refPath);
  const jsonBest = await best(3, () => parseLines(buffer, docs));
  const fsMBs = refMB / fsBest.seconds;
  const jsonMBs = refMB / jsonBest.seconds;

  // 3. Each format: write from memory, then read back through readDocuments.
  const rows = [];
  const memory = [];
  const problems = [];
  for (const c of CASES) {
    const ext = c.format === 'parquet' ? `${c.codec}.parquet` : c.format;
    const path = join(dir, `bench.${ext}`);
    gc();
    let rss = new RssPeak();
    const w = await timed(async () => {
      const writer = writeDocuments(path, c.format, c.format === 'parquet' ? { parquetCodec: c.codec } : {});
      for (let i = 0; i < docs.length; i++) {
        await writer.write(docs[i]);
        if ((i & 4095) === 0) rss.sample();
      }
      await writer.close();
    });
    const writePeak = rss.stop();
    const size = statSync(path).size;

    gc();
    rss = new RssPeak();
    const r = await timed(() => readBack(path, rss));
    const readPeak = rss.stop();
    const check = verify(r.value, docs, textChars);
    if (check) problems.push(`${c.format} ${c.codec}: ${check}`);

    rows.push([
      c.format,
      c.codec,
      mb(size),
      fmt(refMB / w.seconds),
      fmt(refMB / r.seconds),
      fmt(refMB / r.seconds / fsMBs, 3),
      fmt(refMB / r.seconds / jsonMBs, 2),
    ]);
    memory.push([
      c.format,
      c.codec,
      fmt(refBytes / size, 2),
      fmt(w.seconds, 2),
      fmt(r.seconds, 2),
      `${mb(writePeak.peak, 0)} (+${mb(writePeak.growth, 0)})`,
      `${mb(readPeak.peak, 0)} (+${mb(readPeak.growth, 0)})`,
      check ? 'FAIL' : 'ok',
    ]);
    if (!keep) rmSync(path, { force: true });
  }

  console.log(`floors on the same ${mb(refBytes)} MB (best of 3):`);
  console.log(`- fs.createReadStream (1 MiB chunks, bytes discarded): ${fmt(fsMBs)} MB/s`);
  console.log(`- JSON.parse of each line (split on \\n from an in-memory Buffer, utf8 decode + parse): ${fmt(jsonMBs)} MB/s\n`);
  console.log('MB/s = MB of uncompressed reference JSONL per second, for every format (so compressed formats are comparable)\n');
  const throughputAlign = [false, false, true, true, true, true, true]; // right-aligned: the figures
  console.log(table(['format', 'codec', 'file MB', 'write MB/s', 'read MB/s', 'read ÷ fs floor', 'read ÷ JSON.parse floor'], rows, throughputAlign));
  const memoryAlign = [false, false, true, true, true, true, true, false]; // right-aligned: the figures
  console.log('\n' + table(['format', 'codec', 'ratio', 'write s', 'read s', 'write peak RSS MB', 'read peak RSS MB', 'check'], memory, memoryAlign));
  console.log(
    `\nratio = reference JSONL bytes ÷ file bytes. Peak RSS of each phase (sampled every 4096 docs and every 25 ms), and in ` +
      `brackets its growth over the RSS at the phase's start, after a forced GC. The baseline includes the ${docs.length} input ` +
      `documents held in memory for the writes, and memory that V8 and WebAssembly do not hand back after earlier phases.`,
  );
  console.log(`peak RSS of the whole run: ${mb(maxRss(), 0)} MB`);
  console.log(
    `correctness (count, first/last id, total text chars, last doc's metadata): ${problems.length ? problems.join('; ') : 'all formats ok'}`,
  );
  if (!keep) rmSync(refPath, { force: true });
  if (problems.length) throw new Error(`read-back mismatch: ${problems.join('; ')}`);
}

async function generate(path, targetBytes) {
  const docs = [];
  let bytes = 0;
  let textChars = 0;
  const fd = openSync(path, 'w');
  let chunk = '';
  for (const doc of documents(42)) {
    const line = jsonLine(doc);
    docs.push(doc);
    bytes += Buffer.byteLength(line);
    textChars += doc.text.length;
    chunk += line;
    if (chunk.length > 4 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
    if (bytes >= targetBytes) break;
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return { docs, bytes, textChars };
}

async function best(n, fn) {
  let result;
  for (let i = 0; i < n; i++) {
    gc();
    const r = await timed(fn);
    if (!result || r.seconds < result.seconds) result = r;
  }
  return result;
}

async function fsRead(path) {
  let n = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) n += chunk.length;
  return n;
}

function parseLines(buffer, docs) {
  let start = 0;
  let count = 0;
  let last;
  for (;;) {
    const nl = buffer.indexOf(10, start);
    if (nl === -1) break;
    last = JSON.parse(buffer.toString('utf8', start, nl));
    count++;
    start = nl + 1;
  }
  if (count !== docs.length || last.id !== docs.at(-1).id) throw new Error(`JSON.parse floor saw ${count} lines`);
  return count;
}

async function readBack(path, rss) {
  const source = readDocuments(path);
  let count = 0;
  let errors = 0;
  let firstError;
  let first;
  let last;
  let chars = 0;
  for await (const item of source.records) {
    if (item.error) {
      errors++;
      firstError ??= item.error.message;
      continue;
    }
    const doc = item.doc;
    first ??= doc;
    last = doc;
    chars += doc.text.length;
    if ((++count & 4095) === 0) rss.sample();
  }
  return { count, errors, firstError, first, last, chars };
}

function verify(r, docs, textChars) {
  const want = docs.at(-1);
  const out = [];
  if (r.errors) out.push(`${r.errors} errors (first: ${r.firstError})`);
  if (r.count !== docs.length) out.push(`${r.count} docs, expected ${docs.length}`);
  if (r.first?.id !== docs[0].id) out.push(`first id ${r.first?.id}`);
  if (r.last?.id !== want.id) out.push(`last id ${r.last?.id}`);
  if (r.chars !== textChars) out.push(`${r.chars} text chars, expected ${textChars}`);
  if (JSON.stringify(r.last?.metadata) !== JSON.stringify(want.metadata)) out.push(`last metadata ${JSON.stringify(r.last?.metadata)}`);
  return out.join(', ');
}
