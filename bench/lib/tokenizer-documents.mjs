// The tokenizer benchmark's inputs: the real documents under shared/datasets/real (when present),
// the committed sample corpus, and the ~2 KB pieces the encoders are timed on.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const ROOT = new URL('../..', import.meta.url).pathname;
const REAL = join(ROOT, '..', 'shared', 'datasets', 'real');

/** Real documents by domain (the README's domains), one per line / file / 64 KB chunk of a book. */
export function realDocuments() {
  if (!existsSync(REAL)) return [];
  const docs = [];
  const files = {
    'gsm8k-train.jsonl': 'math',
    'gsm8k-test.jsonl': 'math',
    'python-stdlib-code.jsonl': 'code',
    'tinyshakespeare.txt': 'books',
    'wikitext2-valid.txt': 'encyclopedic',
    'wikitext2-test.txt': 'encyclopedic',
  };
  for (const [file, domain] of Object.entries(files)) {
    const content = readFileSync(join(REAL, file), 'utf8');
    if (file.endsWith('.jsonl')) {
      content
        .split('\n')
        .filter(Boolean)
        .forEach((line, i) => {
          const o = JSON.parse(line);
          docs.push({ id: `${file}#${i}`, domain, text: o.text ?? `${o.question}\n${o.answer}` });
        });
    } else {
      // plays and articles: cut at line ends into ~8 KB documents
      let start = 0;
      for (let i = 0; start < content.length; i++) {
        let end = content.indexOf('\n', Math.min(content.length, start + 8000));
        end = end < 0 ? content.length : end + 1;
        docs.push({ id: `${file}#${i}`, domain, text: content.slice(start, end) });
        start = end;
      }
    }
  }
  return docs;
}

/** The committed sample corpus (datasets/sample), every document with a text. */
export function sampleDocuments() {
  const dir = join(ROOT, 'datasets', 'sample');
  const docs = [];
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort()) {
    for (const line of gunzipSync(readFileSync(join(dir, f)))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)) {
      const o = JSON.parse(line);
      if (typeof o.text === 'string') docs.push({ id: o.id, domain: o.domain || 'unknown', text: o.text });
    }
  }
  return docs;
}

/** ~2 KB documents cut from the corpus at line ends (the encoding benchmark's unit). */
export function twoKbDocuments(texts) {
  const out = [];
  for (const t of texts) {
    let start = 0;
    while (start < t.length) {
      let end = t.indexOf('\n', Math.min(t.length, start + 2000));
      end = end < 0 ? t.length : end + 1;
      out.push(t.slice(start, end));
      start = end;
    }
  }
  return out;
}

/** `texts` as JSONL records `{ id: "d<i>", text }`, the input anneal tokenize and the Python references read. */
export function writeJsonl(path, texts) {
  writeFileSync(path, texts.map((text, i) => JSON.stringify({ id: `d${i}`, text })).join('\n') + '\n');
}
