#!/usr/bin/env node
/**
 * Seeded generator for the anneal sample corpus (datasets/sample/).
 *
 *   node datasets/generate-sample.mjs [--seed 42] [--out datasets/sample] [--scale 1] [--stats] [--quiet]
 *
 * Every document carries its ground truth (true_domain, intended_quality, dup_cluster, language) so
 * that heuristic filters, classifiers, language id and MinHash dedup can be scored against it. For
 * dedup the truth is enforced, not just intended: see NEAR_DUP and COPY_MIN in sample-generator/shingle-similarity.mjs.
 *
 * Determinism: every document draws from its own SeededRng keyed by a generation key
 * ("web/17", "dup/c0042/2", ...), never by iteration order, and gzip output (node:zlib, mtime 0) is
 * byte-stable, so the same seed and scale give byte-identical shards on every run.
 * Math.random and Date are never used.
 *
 * The generators live in sample-generator/, one module per domain (web pages of each quality, code
 * per language, math, encyclopedic, multilingual), with near-duplicate editing, corpus assembly and
 * sharding in their own modules and the word tables as JSON under sample-generator/words/.
 */
import { gzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from './sample-generator/cli-options.mjs';
import { buildCorpus } from './sample-generator/corpus-assembly.mjs';
import { toJsonLine, shardDocs } from './sample-generator/shards.mjs';
import { stats } from './sample-generator/corpus-statistics.mjs';
function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { docs, guard } = buildCorpus(opts.seed, opts.scale);
  const ids = new Set(docs.map((d) => d.id));
  if (ids.size !== docs.length) throw new Error('duplicate ids');
  const shards = shardDocs(opts.seed, docs);
  const encoded = shards.map((list, i) => {
    const jsonl = Buffer.from(list.map(toJsonLine).join('\n') + '\n', 'utf8');
    // gzipSync writes mtime 0 and no file name, so the bytes depend only on the content.
    return { file: `sample-${String(i).padStart(5, '0')}.jsonl.gz`, docs: list.length, bytes: jsonl.length, gz: gzipSync(jsonl, { level: 9 }) };
  });
  const shardInfo = encoded.map((e) => ({ ...e, gzBytes: e.gz.length }));
  if (!opts.statsOnly) {
    const outDir = resolve(opts.out);
    mkdirSync(outDir, { recursive: true });
    for (const e of encoded) {
      const target = join(outDir, e.file);
      writeFileSync(`${target}.tmp`, e.gz);
      renameSync(`${target}.tmp`, target);
    }
  }
  if (!opts.quiet || opts.statsOnly) console.log(stats(opts, docs, shardInfo, guard));
  if (!opts.statsOnly && !opts.quiet) console.log(`wrote ${encoded.length} shards to ${resolve(opts.out)}`);
}

main();
