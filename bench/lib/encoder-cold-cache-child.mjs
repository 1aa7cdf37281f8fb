// One process of bench/encoder-cold-cache.mjs: `node encoder-cold-cache-child.mjs <tokenizer dist> <tokenizer.json> <docs dir>`.
// Prints three MB/s figures for one thread encoding the even-numbered documents (one worker's half):
// (1) a fresh process (cold JIT, cold piece cache), after a pass over the odd half on another encoder;
// (2) a new encoder on the even half (warm JIT, cold cache: what a worker meets once the run is going);
// (3) the same encoder again (warm JIT, warm cache).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, tokenizerPath, docsDir] = process.argv.slice(2);
const T = await import(pathToFileURL(resolve(dist, 'src', 'index.js')).href);
const docs = [];
for (const f of readdirSync(docsDir).sort())
  for (const line of readFileSync(join(docsDir, f), 'utf8').split('\n')) if (line) docs.push(JSON.parse(line).text);
const even = docs.filter((_, i) => i % 2 === 0);
const odd = docs.filter((_, i) => i % 2 === 1);
const mb = (set) => set.reduce((s, d) => s + Buffer.byteLength(d), 0) / 1e6;
const json = readFileSync(tokenizerPath, 'utf8');
const rate = (encoder, set) => {
  const t = performance.now();
  for (const d of set) encoder.encodeInto(d);
  return mb(set) / ((performance.now() - t) / 1000);
};
const coldJit = rate(T.BpeEncoder.fromJson(json), odd);
const encoder = T.BpeEncoder.fromJson(json);
const coldCache = rate(encoder, even);
const warm = rate(encoder, even);
console.log(JSON.stringify({ coldJit, coldCache, warm }));
