import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SeededRng, type Doc } from '@anneal/core';
import { writeDocuments } from '@anneal/io';

const WORDS = 'the of model data token shard curate domain quality anneal river stone light window paper garden number signal'.split(' ');

export interface GeneratedInputs {
  files: string[];
  /** Every good document written, by file. */
  docs: Map<string, Doc[]>;
  /** Bad records written (malformed lines), by file. */
  bad: Map<string, number>;
}

/**
 * Writes `fileCount` input files of seeded documents: JSONL (plain and gzip) with a share of
 * malformed lines, and Parquet, so runs exercise every reader and the error path.
 */
export async function generateInputs(
  dir: string,
  opts: { seed: number; fileCount: number; docsPerFile: number; maxWords: number; badRate: number; parquet?: boolean },
): Promise<GeneratedInputs> {
  const rng = new SeededRng(opts.seed, 'inputs');
  const out: GeneratedInputs = { files: [], docs: new Map(), bad: new Map() };
  for (let f = 0; f < opts.fileCount; f++) {
    const kind = opts.parquet && f % 3 === 2 ? 'parquet' : f % 2 === 0 ? 'jsonl' : 'jsonl.gz';
    const path = join(dir, `in-${String(f).padStart(3, '0')}.${kind}`);
    const docs: Doc[] = [];
    const lines: string[] = [];
    let bad = 0;
    for (let i = 0; i < opts.docsPerFile; i++) {
      if (kind !== 'parquet' && rng.chance(opts.badRate)) {
        lines.push(`{"id": "broken-${f}-${i}", "text": `);
        bad++;
        continue;
      }
      const n = rng.int(0, opts.maxWords);
      const text = Array.from({ length: n }, () => rng.pick(WORDS)).join(rng.chance(0.2) ? '  ' : ' ');
      const doc: Doc = { id: `f${f}-d${i}`, text, metadata: { domain: rng.pick(['web', 'code', 'math']), quality: rng.int(0, 100) / 100 } };
      docs.push(doc);
      lines.push(JSON.stringify({ id: doc.id, text: doc.text, ...doc.metadata }));
    }
    if (kind === 'parquet') {
      const w = writeDocuments(path, 'parquet', { rowGroupRows: 500 });
      for (const d of docs) await w.write(d);
      await w.close();
    } else {
      const body = lines.join('\n') + '\n';
      await writeFile(path, kind === 'jsonl' ? body : gzipSync(body));
    }
    out.files.push(path);
    out.docs.set(path, docs);
    out.bad.set(path, bad);
  }
  return out;
}
