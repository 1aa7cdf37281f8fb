import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Doc, RecordError } from '@anneal/core';
import { readDocuments } from '@anneal/io';

/** One WARC record as a writer would emit it: header block, block, CRLF CRLF. */
function warcRecord(type: string, block: Buffer | string, extra: Record<string, string> = {}): Buffer {
  const body = typeof block === 'string' ? Buffer.from(block, 'latin1') : block;
  const id = extra.id ?? `<urn:uuid:${type}-${Math.random().toString(16).slice(2)}>`;
  const fields = {
    'WARC-Type': type,
    'WARC-Record-ID': id,
    'WARC-Date': '2026-12-03T10:00:00Z',
    'WARC-Target-URI': extra.url ?? 'http://example.org/',
    'Content-Type': type === 'response' ? 'application/http; msgtype=response' : type === 'conversion' ? 'text/plain' : 'application/warc-fields',
    'Content-Length': String(body.length),
  };
  const head =
    'WARC/1.0\r\n' +
    Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('') +
    '\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), body, Buffer.from('\r\n\r\n')]);
}

function httpResponse(headers: string[], payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([Buffer.from(['HTTP/1.1 200 OK', ...headers].join('\r\n') + '\r\n\r\n', 'latin1'), body]);
}

async function tempFile(name: string, bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-warc-'));
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function readAll(path: string): Promise<{ docs: Doc[]; errors: RecordError[]; skipped: Record<string, number> }> {
  const source = readDocuments(path);
  const docs: Doc[] = [];
  const errors: RecordError[] = [];
  for await (const item of source.records) {
    if (item.error) errors.push(item.error);
    else docs.push(item.doc);
  }
  return { docs, errors, skipped: source.skipped?.() ?? {} };
}

const PAGE = '<html><head><title>t</title></head><body><p>caf\u00e9 na\u00efve</p></body></html>';

test('a response becomes a document with id, url, date, content type and offset; request/metadata/revisit are counted, not errors', async () => {
  const records = [
    warcRecord('warcinfo', 'software: test\r\n'),
    warcRecord('request', 'GET / HTTP/1.1\r\nHost: example.org\r\n\r\n'),
    warcRecord('response', httpResponse(['Content-Type: text/html; charset=utf-8'], PAGE), { id: '<urn:uuid:page-1>', url: 'http://example.org/a' }),
    warcRecord('metadata', 'via: x\r\n'),
    warcRecord('revisit', 'HTTP/1.1 200 OK\r\n\r\n'),
    warcRecord('response', httpResponse(['Content-Type: image/png'], Buffer.from([0x89, 0x50, 0x4e, 0x47]))),
  ];
  for (const gz of [false, true]) {
    const bytes = Buffer.concat(gz ? records.map((r) => gzipSync(r)) : records);
    const path = await tempFile(gz ? 'a.warc.gz' : 'a.warc', bytes);
    const { docs, errors, skipped } = await readAll(path);
    assert.deepEqual(errors, []);
    assert.equal(docs.length, 1);
    const doc = docs[0]!;
    assert.equal(doc.id, '<urn:uuid:page-1>');
    assert.equal(doc.text, PAGE);
    assert.equal(doc.metadata.url, 'http://example.org/a');
    assert.equal(doc.metadata.date, '2026-12-03T10:00:00Z');
    assert.equal(doc.metadata.content_type, 'text/html');
    const offset = gz ? gzipSync(records[0]!).length + gzipSync(records[1]!).length : records[0]!.length + records[1]!.length;
    assert.equal(doc.metadata.warc_offset, offset, 'the offset of the record (of its gzip member in a .warc.gz)');
    assert.deepEqual(skipped, { warc_warcinfo: 1, warc_request: 1, warc_metadata: 1, warc_revisit: 1, warc_non_html: 1 });
  }
});

test('charset: a BOM wins over the header, the header over <meta>, <meta> over detection; Windows-1252 and Shift_JIS pages decode', async () => {
  const cp1252 = Buffer.from('<html><body><p>Caf\xe9 \x93quoted\x94 \x80 5</p></body></html>', 'latin1');
  const metaSjis = Buffer.concat([
    Buffer.from('<html><head><meta charset="Shift_JIS"></head><body><p>', 'latin1'),
    Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]), // 日本語
    Buffer.from('</p></body></html>', 'latin1'),
  ]);
  const cases: { name: string; headers: string[]; body: Buffer; text: string; charset: string }[] = [
    {
      name: 'header windows-1252',
      headers: ['Content-Type: text/html; charset=windows-1252'],
      body: cp1252,
      text: 'Café “quoted” € 5',
      charset: 'windows-1252',
    },
    {
      name: 'header iso-8859-1 is windows-1252 (WHATWG)',
      headers: ['Content-Type: text/html; charset=ISO-8859-1'],
      body: cp1252,
      text: 'Café “quoted” € 5',
      charset: 'windows-1252',
    },
    { name: 'meta Shift_JIS', headers: ['Content-Type: text/html'], body: metaSjis, text: '日本語', charset: 'shift_jis' },
    {
      name: 'header beats meta',
      headers: ['Content-Type: text/html; charset=utf-8'],
      body: Buffer.from('<meta charset="windows-1252"><p>café</p>', 'utf8'),
      text: 'café',
      charset: 'utf-8',
    },
    {
      name: 'BOM beats header',
      headers: ['Content-Type: text/html; charset=windows-1252'],
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>café</p>', 'utf8')]),
      text: 'café',
      charset: 'utf-8',
    },
    {
      name: 'undeclared UTF-8 detected',
      headers: ['Content-Type: text/html'],
      body: Buffer.from('<p>naïve 東京</p>', 'utf8'),
      text: 'naïve 東京',
      charset: 'utf-8',
    },
    {
      name: 'undeclared Windows-1252 detected',
      headers: ['Content-Type: text/html'],
      body: Buffer.from(
        "<html><body><p>Les \xe9l\xe8ves ont r\xe9ussi l'examen de fran\xe7ais, tr\xe8s bien fait. Le th\xe9\xe2tre est \xe0 c\xf4t\xe9 de la for\xeat.</p></body></html>",
        'latin1',
      ),
      text: 'Les élèves ont réussi',
      charset: 'windows-1252',
    },
  ];
  for (const c of cases) {
    const path = await tempFile('c.warc', warcRecord('response', httpResponse(c.headers, c.body)));
    const { docs, errors } = await readAll(path);
    assert.deepEqual(errors, [], c.name);
    assert.equal(docs.length, 1, c.name);
    assert.ok(docs[0]!.text.includes(c.text), `${c.name}: ${JSON.stringify(docs[0]!.text)}`);
    assert.equal(docs[0]!.metadata.charset, c.charset, c.name);
  }
});

test('chunked transfer coding and gzip content coding are decoded, together too', async () => {
  const html = Buffer.from(`<html><body><p>${'chunked and gzipped text. '.repeat(50)}</p></body></html>`, 'utf8');
  const chunked = (bytes: Buffer) => {
    const parts: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 100) {
      const piece = bytes.subarray(i, i + 100);
      parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
    }
    return Buffer.concat([...parts, Buffer.from('0\r\n\r\n')]);
  };
  const variants = [
    httpResponse(['Content-Type: text/html', 'Transfer-Encoding: chunked'], chunked(html)),
    httpResponse(['Content-Type: text/html', 'Content-Encoding: gzip'], gzipSync(html)),
    httpResponse(['Content-Type: text/html', 'Content-Encoding: gzip', 'Transfer-Encoding: chunked'], chunked(gzipSync(html))),
    // a crawler that stored the payload decoded but kept the header
    httpResponse(['Content-Type: text/html', 'Content-Encoding: gzip', 'Transfer-Encoding: chunked'], html),
  ];
  const path = await tempFile('e.warc.gz', Buffer.concat(variants.map((v) => gzipSync(warcRecord('response', v)))));
  const { docs, errors } = await readAll(path);
  assert.deepEqual(errors, []);
  assert.equal(docs.length, variants.length);
  for (const doc of docs) assert.equal(doc.text, html.toString('utf8'));
});

test('damaged records: errors name the file and byte offset, and the records after them are read', async () => {
  const good = (n: number) => warcRecord('response', httpResponse(['Content-Type: text/html'], `<p>page ${n}</p>`), { id: `<urn:uuid:${n}>` });
  const members = [gzipSync(good(1)), gzipSync(good(2)), gzipSync(good(3))];
  const broken = Buffer.from(members[1]!);
  broken.fill(0x55, 20, 40); // corrupt the deflate data of the middle member
  const gzPath = await tempFile('d.warc.gz', Buffer.concat([members[0]!, broken, members[2]!]));
  const gz = await readAll(gzPath);
  assert.deepEqual(
    gz.docs.map((d) => d.id),
    ['<urn:uuid:1>', '<urn:uuid:3>'],
  );
  assert.equal(gz.errors.length, 1);
  assert.equal(gz.errors[0]!.location.file, gzPath);
  assert.equal(gz.errors[0]!.location.offset, members[0]!.length);
  assert.match(gz.errors[0]!.message, /byte offset \d+: corrupt gzip member/);

  const record2 = good(2);
  const wrongLength = Buffer.from(
    record2.toString('latin1').replace(/Content-Length: (\d+)/, (_, n) => `Content-Length: ${Number(n) + 7}`),
    'latin1',
  );
  const plainPath = await tempFile('d.warc', Buffer.concat([good(1), wrongLength, good(3), good(4).subarray(0, 150)]));
  const plain = await readAll(plainPath);
  assert.deepEqual(
    plain.docs.map((d) => d.id),
    ['<urn:uuid:1>', '<urn:uuid:2>', '<urn:uuid:3>'],
  );
  assert.equal(plain.errors.length, 2, plain.errors.map((e) => e.message).join('\n'));
  assert.equal(plain.errors[0]!.location.offset, good(1).length);
  assert.match(plain.errors[0]!.message, /not followed by CRLF CRLF/);
  assert.match(plain.errors[1]!.message, /truncated record/);
});

test('a 50 MB page is an error over max_record_bytes, skipped in bounded memory (child RSS), and the next page is read', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-warc-big-'));
  const bigHtml = Buffer.alloc(50 * 1024 * 1024, 'a');
  bigHtml.write('<html><body><p>', 0);
  const small = warcRecord('response', httpResponse(['Content-Type: text/html'], '<p>after the big one</p>'), { id: '<urn:uuid:small>' });
  const big = warcRecord('response', httpResponse(['Content-Type: text/html'], bigHtml), { id: '<urn:uuid:big>' });
  const plain = join(dir, 'big.warc');
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(plain);
    out.on('error', reject);
    out.write(big);
    out.end(small, () => resolve());
  });
  await writeFile(join(dir, 'big.warc.gz'), Buffer.concat([gzipSync(big), gzipSync(small)]));
  const script = fileURLToPath(new URL('./read-warc-child.js', import.meta.url));
  for (const name of ['big.warc', 'big.warc.gz']) {
    const child = spawnSync(process.execPath, [script, join(dir, name)], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    const report = JSON.parse(child.stdout) as { ids: string[]; errors: string[]; maxRssMiB: number; baselineMiB: number };
    t.diagnostic(`${name}: peak RSS ${report.maxRssMiB} MiB (baseline before reading ${report.baselineMiB} MiB)`);
    assert.deepEqual(report.ids, ['<urn:uuid:small>'], name);
    assert.equal(report.errors.length, 1, name);
    assert.match(report.errors[0]!, /max_record_bytes/);
    // The page alone is 50 MiB; holding it (or its string) would add at least that much.
    assert.ok(report.maxRssMiB - report.baselineMiB < 40, `${name}: reading grew RSS by ${report.maxRssMiB - report.baselineMiB} MiB`);
  }
});

test('WET: conversion records become documents with their UTF-8 text; warcinfo is counted', async () => {
  const text = 'Extracted text of a page.\nSecond line: naïve 東京.';
  const path = await tempFile(
    'CC-MAIN-x.warc.wet.gz',
    Buffer.concat([
      gzipSync(warcRecord('warcinfo', 'software: test\r\n')),
      gzipSync(warcRecord('conversion', Buffer.from(text, 'utf8'), { id: '<urn:uuid:wet-1>', url: 'http://example.org/wet' })),
    ]),
  );
  const { docs, errors, skipped } = await readAll(path);
  assert.deepEqual(errors, []);
  assert.deepEqual(
    docs.map((d) => [d.id, d.text, d.metadata.url, d.metadata.content_type]),
    [['<urn:uuid:wet-1>', text, 'http://example.org/wet', 'text/plain']],
  );
  assert.deepEqual(skipped, { warc_warcinfo: 1 });
});

test('files that are not WARC: an empty file, HTML named .warc, plain text named .warc.gz — one error each, naming file and offset', async () => {
  for (const [name, bytes, reason] of [
    ['empty.warc', Buffer.alloc(0), /empty file/],
    ['page.warc', Buffer.from('<html><body>not a WARC</body></html>'), /no WARC record starts here/],
    ['text.warc.gz', Buffer.from('WARC/1.0 but not gzip'), /no gzip member starts here/],
  ] as const) {
    const path = await tempFile(name, bytes);
    const { docs, errors } = await readAll(path);
    assert.equal(docs.length, 0, name);
    assert.equal(errors.length, 1, `${name}: ${errors.map((e) => e.message).join(' | ')}`);
    assert.equal(errors[0]!.location.offset, 0, name);
    assert.match(errors[0]!.message, reason);
  }
});
