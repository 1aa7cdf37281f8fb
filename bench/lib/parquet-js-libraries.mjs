// The JavaScript Parquet libraries bench/parquet-libraries.mjs compares, each as
// write(rows, path, codec) and read(path) → rows of { id, text, domain, quality }, with the codecs
// each one is tried with.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { Table, Utf8, Float64, vectorFromArray, tableToIPC, tableFromIPC } from 'apache-arrow';
import * as parquetWasm from 'parquet-wasm/node';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetWriteFile } from 'hyparquet-writer';
import { compress as zstdCompress } from 'zstd-napi';

export const ROW_GROUP_ROWS = 16384; // anneal's default; every writer below is given the same

const require = createRequire(import.meta.url);
const parquetjs = require('parquetjs-lite');
/** A package's version, read from its package.json (some packages do not export that path). */
function versionOf(name) {
  const url = import.meta.resolve('../../node_modules/' + name + '/package.json');
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')).version;
}

const parquetjsLite = {
  name: 'parquetjs-lite',
  version: versionOf('parquetjs-lite'),
  codecs: ['uncompressed', 'snappy', 'gzip', 'brotli', 'zstd'], // brotli, zstd: attempted, to record the failure
  async write(rows, path, codec) {
    const compression = codec.toUpperCase();
    const schema = new parquetjs.ParquetSchema({
      id: { type: 'UTF8', compression },
      text: { type: 'UTF8', compression },
      domain: { type: 'UTF8', compression },
      quality: { type: 'DOUBLE', compression },
    });
    const writer = await parquetjs.ParquetWriter.openFile(schema, path, { rowGroupSize: ROW_GROUP_ROWS });
    try {
      for (const row of rows) await writer.appendRow(row);
    } finally {
      await writer.close();
    }
  },
  async read(path) {
    const reader = await parquetjs.ParquetReader.openFile(path);
    try {
      const cursor = reader.getCursor();
      const out = [];
      let row;
      while ((row = await cursor.next())) out.push(row);
      return out;
    } finally {
      await reader.close();
    }
  },
};

const WASM_CODECS = {
  uncompressed: parquetWasm.Compression.UNCOMPRESSED,
  snappy: parquetWasm.Compression.SNAPPY,
  zstd: parquetWasm.Compression.ZSTD,
  gzip: parquetWasm.Compression.GZIP,
};

const parquetWasmLib = {
  name: 'parquet-wasm',
  version: versionOf('parquet-wasm'),
  codecs: Object.keys(WASM_CODECS),
  // objects → Arrow columns (apache-arrow) → IPC → arrow-rs in wasm → Parquet bytes → file
  async write(rows, path, codec) {
    const arrow = new Table({
      id: vectorFromArray(
        rows.map((r) => r.id),
        new Utf8(),
      ),
      text: vectorFromArray(
        rows.map((r) => r.text),
        new Utf8(),
      ),
      domain: vectorFromArray(
        rows.map((r) => r.domain),
        new Utf8(),
      ),
      quality: vectorFromArray(
        Float64Array.from(rows, (r) => r.quality),
        new Float64(),
      ),
    });
    const props = new parquetWasm.WriterPropertiesBuilder().setCompression(WASM_CODECS[codec]).setMaxRowGroupSize(ROW_GROUP_ROWS).build();
    const bytes = parquetWasm.writeParquet(parquetWasm.Table.fromIPCStream(tableToIPC(arrow, 'stream')), props);
    writeFileSync(path, bytes);
  },
  // file → wasm Table → IPC → apache-arrow Table → plain objects
  async read(path) {
    const wasmTable = parquetWasm.readParquet(readFileSync(path));
    return arrowToObjects(tableFromIPC(wasmTable.intoIPCStream()));
  },
};

function arrowToObjects(t) {
  const cols = ['id', 'text', 'domain', 'quality'].map((name) => {
    const child = t.getChild(name);
    if (!child) throw new Error(`no column ${name}`);
    return child.toArray();
  });
  const [id, text, domain, quality] = cols;
  const out = new Array(t.numRows);
  for (let i = 0; i < out.length; i++) out[i] = { id: id[i], text: text[i], domain: domain[i], quality: quality[i] };
  return out;
}

// hyparquet-writer compresses SNAPPY itself; any other codec needs a compressor passed in. These
// come from Node (zlib) and zstd-napi, so its gzip/zstd/brotli rows time those, not hyparquet code.
const HYPARQUET_WRITE = {
  uncompressed: { codec: 'UNCOMPRESSED' },
  snappy: { codec: 'SNAPPY' },
  'zstd (zstd-napi)': { codec: 'ZSTD', compressors: { ZSTD: (b) => zstdCompress(b, { compressionLevel: 3 }) } },
  'gzip (node zlib)': { codec: 'GZIP', compressors: { GZIP: (b) => gzipSync(b) } },
};

const hyparquetLib = {
  name: 'hyparquet',
  version: `${versionOf('hyparquet')} + writer ${versionOf('hyparquet-writer')} + compressors ${versionOf('hyparquet-compressors')}`,
  codecs: Object.keys(HYPARQUET_WRITE),
  async write(rows, path, codec) {
    const { codec: c, compressors: extra } = HYPARQUET_WRITE[codec];
    parquetWriteFile({
      filename: path,
      codec: c,
      compressors: extra,
      rowGroupSize: ROW_GROUP_ROWS,
      columnData: [
        { name: 'id', data: rows.map((r) => r.id), type: 'STRING' },
        { name: 'text', data: rows.map((r) => r.text), type: 'STRING' },
        { name: 'domain', data: rows.map((r) => r.domain), type: 'STRING' },
        { name: 'quality', data: Float64Array.from(rows, (r) => r.quality), type: 'DOUBLE' },
      ],
    });
  },
  // hyparquet with hyparquet-compressors (pure JS / wasm decoders for every codec), as anneal reads
  async read(path) {
    const file = await asyncBufferFromFile(path);
    return parquetReadObjects({ file, compressors });
  },
};

export const JS_LIBS = [parquetjsLite, parquetWasmLib, hyparquetLib];
