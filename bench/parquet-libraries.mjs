// The Parquet library comparison (docs/library-choices.md): write and read time of parquetjs-lite,
// parquet-wasm, hyparquet(-writer) against pyarrow as the reference, on the same rows; and which
// codecs each JS reader can decode in files pyarrow wrote.
import { spawnSync } from 'node:child_process';
import { writeFileSync, statSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { documents, gc, timed, table, fmt, mb, outDir } from './lib/common.mjs';
import { JS_LIBS, ROW_GROUP_ROWS } from './lib/parquet-js-libraries.mjs';

const PYARROW_CODECS = ['none', 'snappy', 'zstd', 'gzip', 'brotli', 'lz4'];
const INTEROP_CODECS = ['snappy', 'zstd', 'gzip', 'brotli', 'lz4'];
// Extra pyarrow files for the interop table: the most conservative settings pyarrow offers.
const PYARROW_EXTRAS = [
  { name: 'snappy-v1', label: "pyarrow snappy, version='1.0'", options: { compression: 'snappy', version: '1.0' } },
  {
    name: 'snappy-v1-plain',
    label: "pyarrow snappy, version='1.0', use_dictionary=False",
    options: { compression: 'snappy', version: '1.0', use_dictionary: false },
  },
];
const CODEC_NAME = { none: 'uncompressed', snappy: 'snappy', zstd: 'zstd', gzip: 'gzip', brotli: 'brotli', lz4: 'lz4' };

// ------------------------------------------------------------------------------------------------
// pyarrow, timed inside Python.

const PYTHON = String.raw`
import json, os, sys, time
import pyarrow as pa, pyarrow.parquet as pq
cfg = json.loads(sys.argv[1])
rows = [json.loads(line) for line in open(cfg['jsonl'], encoding='utf-8')]
KEYS = ('id', 'text', 'domain', 'quality')
def same(objs):
    if len(objs) != len(rows): return 'rows %d, expected %d' % (len(objs), len(rows))
    for i, (a, b) in enumerate(zip(objs, rows)):
        for k in KEYS:
            if a.get(k) != b[k]: return 'row %d %s differs' % (i, k)
    return None
out = {'version': pa.__version__}
if cfg['task'] == 'bench':
    schema = pa.schema([('id', pa.string()), ('text', pa.string()), ('domain', pa.string()), ('quality', pa.float64())])
    # warm-up (allocator, imports): one untimed round trip
    warm = os.path.join(cfg['dir'], 'pyarrow-warmup.parquet')
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), warm, compression='snappy')
    pq.read_table(warm).to_pylist(); os.remove(warm)
    for codec in cfg['codecs']:
        path = os.path.join(cfg['dir'], 'pyarrow-%s.parquet' % codec)
        best = {}
        def keep(k, v): best[k] = min(best.get(k, float('inf')), v)
        for rep in range(cfg['reps'] if codec in cfg['timed'] else 1):
            t0 = time.perf_counter(); t = pa.Table.from_pylist(rows, schema=schema)
            t1 = time.perf_counter(); pq.write_table(t, path, compression=codec, row_group_size=cfg['rowGroupRows'])
            t2 = time.perf_counter(); del t
            keep('write', t2 - t0); keep('write_table', t2 - t1)
            t0 = time.perf_counter(); t = pq.read_table(path)
            t1 = time.perf_counter(); objs = t.to_pylist()
            t2 = time.perf_counter()
            keep('read', t2 - t0); keep('read_table', t1 - t0)
        md = pq.ParquetFile(path).metadata
        best.update(path=path, size=os.path.getsize(path), check=same(objs),
                    compression=md.row_group(0).column(1).compression, row_groups=md.num_row_groups)
        out[codec] = best
    for extra in cfg.get('extras', []):
        path = os.path.join(cfg['dir'], 'pyarrow-%s.parquet' % extra['name'])
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), path, row_group_size=cfg['rowGroupRows'], **extra['options'])
        t0 = time.perf_counter(); objs = pq.read_table(path).to_pylist()
        out[extra['name']] = {'path': path, 'read': time.perf_counter() - t0, 'check': same(objs), 'size': os.path.getsize(path)}
elif cfg['task'] == 'verify':
    for path in cfg['files']:
        try:
            t0 = time.perf_counter(); objs = pq.read_table(path).to_pylist(); s = time.perf_counter() - t0
            out[path] = {'seconds': s, 'check': same(objs)}
        except Exception as e:
            out[path] = {'error': '%s: %s' % (type(e).__name__, str(e).splitlines()[0] if str(e) else '')}
print(json.dumps(out))
`;

function python(cfg) {
  const r = spawnSync('python3', ['-c', PYTHON, JSON.stringify(cfg)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`python3 failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout);
}

// ------------------------------------------------------------------------------------------------

function sameRows(got, want) {
  if (!Array.isArray(got)) return 'no rows';
  if (got.length !== want.length) return `rows ${got.length}, expected ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    for (const k of ['id', 'text', 'domain', 'quality']) {
      let v = got[i][k];
      if (typeof v === 'bigint') v = Number(v);
      if (v instanceof Uint8Array) v = Buffer.from(v).toString('utf8');
      if (v !== want[i][k]) return `row ${i} ${k}: ${JSON.stringify(v)?.slice(0, 40)} ≠ ${JSON.stringify(want[i][k]).slice(0, 40)}`;
    }
  }
  return undefined;
}

function shortError(err) {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].slice(0, 90);
}

async function attempt(fn) {
  gc();
  try {
    return await timed(fn);
  } catch (err) {
    return { error: shortError(err) };
  }
}

export async function run({ args = {} }) {
  const nRows = Number(args.rows ?? 100_000);
  const reps = Number(args.reps ?? 2);
  const dir = outDir('parquet-libraries');

  const rows = [];
  for (const d of documents(7)) {
    if (rows.length >= nRows) break;
    rows.push({ id: d.id, text: d.text, domain: d.metadata.domain, quality: d.metadata.quality });
  }
  const jsonl = join(dir, 'rows.jsonl');
  writeFileSync(jsonl, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const jsonlBytes = statSync(jsonl).size;
  console.log(
    `${rows.length} rows (id, text, domain, quality), mean text ${fmt(rows.reduce((s, r) => s + r.text.length, 0) / rows.length, 0)} chars, ` +
      `${mb(jsonlBytes)} MB as JSONL; ${ROW_GROUP_ROWS} rows per row group for every writer; best of ${reps} runs each`,
  );

  // pyarrow: the reference, and the interop files (one per codec).
  const py = python({
    task: 'bench',
    jsonl,
    dir,
    codecs: PYARROW_CODECS,
    timed: PYARROW_CODECS.slice(0, 4),
    extras: PYARROW_EXTRAS,
    reps,
    rowGroupRows: ROW_GROUP_ROWS,
  });
  console.log(
    `pyarrow ${py.version}, python3 subprocess; its write = Table.from_pylist + write_table, read = read_table + to_pylist (default threads)\n`,
  );

  // Timings: each JS library writes the rows with each codec it supports, then reads its own file back.
  const timings = [];
  for (const lib of JS_LIBS) {
    for (const codec of lib.codecs) {
      const path = join(dir, `${lib.name}-${codec.split(' ')[0]}.parquet`);
      rmSync(path, { force: true });
      let w;
      for (let i = 0; i < reps; i++) {
        const r = await attempt(() => lib.write(rows, path, codec));
        if (!w || r.error || r.seconds < w.seconds) w = r;
        if (r.error) break;
      }
      let rd;
      let check;
      if (!w.error) {
        for (let i = 0; i < reps; i++) {
          const r = await attempt(() => lib.read(path));
          if (!rd || r.error || r.seconds < rd.seconds) rd = r;
          if (r.error) break;
        }
        check = rd.error ? undefined : sameRows(rd.value, rows);
        if (rd.value) rd.value = undefined;
      }
      timings.push({ lib: lib.name, codec, path, w, rd, check, size: existsSync(path) && !w.error ? statSync(path).size : undefined });
    }
  }

  // Interop: the pyarrow-written files, read by every JS reader (and timed: the same bytes for all).
  const interop = [];
  for (const codec of INTEROP_CODECS) {
    const p = py[codec];
    const cells = {};
    for (const lib of JS_LIBS) {
      const r = await attempt(() => lib.read(p.path));
      if (r.error) cells[lib.name] = { error: r.error };
      else cells[lib.name] = { seconds: r.seconds, check: sameRows(r.value, rows) };
    }
    cells.pyarrow = { seconds: p.read, check: p.check ?? undefined };
    interop.push({ file: `pyarrow ${codec}`, cells, codecInFile: await codecOf(p.path) });
  }
  for (const extra of PYARROW_EXTRAS) {
    const p = py[extra.name];
    const cells = {};
    for (const lib of JS_LIBS) {
      const r = await attempt(() => lib.read(p.path));
      cells[lib.name] = r.error ? { error: r.error } : { seconds: r.seconds, check: sameRows(r.value, rows) };
    }
    cells.pyarrow = { seconds: p.read, check: p.check ?? undefined };
    interop.push({ file: extra.label, cells, codecInFile: await codecOf(p.path) });
  }
  // …and the JS-written files, read back by pyarrow and by the other JS readers.
  const written = timings.filter((t) => !t.w.error);
  const pyVerify = python({ task: 'verify', jsonl, files: written.map((t) => t.path) });
  for (const t of written) {
    const cells = {};
    for (const lib of JS_LIBS) {
      if (lib.name === t.lib) {
        cells[lib.name] = t.rd.error ? { error: t.rd.error } : { seconds: t.rd.seconds, check: t.check };
        continue;
      }
      const r = await attempt(() => lib.read(t.path));
      cells[lib.name] = r.error ? { error: r.error } : { seconds: r.seconds, check: sameRows(r.value, rows) };
    }
    const v = pyVerify[t.path];
    cells.pyarrow = v.error ? { error: v.error } : { seconds: v.seconds, check: v.check ?? undefined };
    interop.push({ file: `${t.lib} ${t.codec}`, cells, codecInFile: await codecOf(t.path) });
  }

  // --- print ---
  const ref = (codec) => py[Object.keys(CODEC_NAME).find((k) => CODEC_NAME[k] === codec.split(' ')[0])];
  const timingRows = [];
  for (const codec of PYARROW_CODECS.slice(0, 4)) {
    const p = py[codec];
    timingRows.push(['pyarrow', CODEC_NAME[codec], mb(p.size), fmt(p.write, 2), fmt(p.read, 2), '1.00', '1.00', p.check ? `FAIL ${p.check}` : 'ok']);
  }
  for (const t of timings) {
    const p = ref(t.codec);
    if (t.w.error) {
      timingRows.push([t.lib, t.codec, '', 'failed', '', '', '', `write: ${t.w.error}`]);
      continue;
    }
    const rdOk = t.rd && !t.rd.error;
    timingRows.push([
      t.lib,
      t.codec,
      mb(t.size),
      fmt(t.w.seconds, 2),
      rdOk ? fmt(t.rd.seconds, 2) : 'failed',
      fmt(t.w.seconds / p.write, 2),
      rdOk ? fmt(t.rd.seconds / p.read, 2) : '',
      rdOk ? (t.check ? `FAIL ${t.check}` : 'ok') : `read: ${t.rd?.error}`,
    ]);
  }
  console.log(
    `Timings (${rows.length} rows; s = seconds; ÷ pyarrow = time ÷ pyarrow's time for the same codec; each library reads the file it wrote)\n`,
  );
  const timingAlign = [false, false, true, true, true, true, true, false]; // right-aligned: the figures
  console.log(table(['library', 'codec', 'file MB', 'write s', 'read s', 'write ÷ pyarrow', 'read ÷ pyarrow', 'values'], timingRows, timingAlign));
  console.log(
    `\npyarrow alone (Arrow ↔ file, no Python objects): ` +
      PYARROW_CODECS.map(
        (c, i) => `${CODEC_NAME[c]}${i < 4 ? '' : ' (1 run)'} write_table ${fmt(py[c].write_table, 2)} s / read_table ${fmt(py[c].read_table, 2)} s`,
      ).join('; '),
  );

  const readers = [...JS_LIBS.map((l) => l.name), 'pyarrow'];
  const cell = (c) => (c.error ? `FAILED: ${c.error}` : c.check ? `MISMATCH ${c.check}` : `ok ${fmt(c.seconds, 2)} s`);
  console.log(
    `\nCodec support / interop (each file holds the same ${rows.length} rows; ok = every value of every row matches; time = one full read to objects, a single run)\n`,
  );
  console.log(
    table(
      ['file written by', 'in the file', ...readers.map((r) => `read by ${r}`)],
      interop.map((r) => [r.file, r.codecInFile, ...readers.map((n) => cell(r.cells[n]))]),
    ),
  );
  console.log(`\n"in the file": format version, codec of the text column and page types, from the footer.`);
  console.log(`versions: ${JS_LIBS.map((l) => `${l.name} ${l.version}`).join('; ')}; pyarrow ${py.version}`);
}

async function codecOf(path) {
  try {
    const md = await parquetMetadataAsync(await asyncBufferFromFile(path));
    const col = md.row_groups[0]?.columns.find((c) => c.meta_data?.path_in_schema.join('.') === 'text')?.meta_data;
    const stats = col?.encoding_stats;
    const pages = stats ? [...new Set(stats.map((s) => s.page_type))].join('+') : 'pages not listed';
    return `v${md.version} ${col?.codec} ${pages}`;
  } catch (err) {
    return `unreadable footer: ${shortError(err)}`;
  }
}
