import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc } from '@anneal/core';
import { readDocuments } from '@anneal/io';
import { TokenShardWriter, buildTokenShardIndex, writeTokenShardIndex } from '@anneal/token-shards';

/** Byte-level token ids for tests: byte b is id b + 1, EOS is 0 (vocabulary 257). */
export const BYTE_EOS = 0;
export const BYTE_VOCAB = 257;

export const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

export function byteTokens(text: string): number[] {
  return Array.from(Buffer.from(text, 'utf8'), (b) => b + 1);
}

/** Documents of the generated sample corpus (datasets/sample), first `limit` of them. */
export async function sampleDocuments(limit: number): Promise<Doc[]> {
  const docs: Doc[] = [];
  for (const f of ['sample-00000.jsonl.gz', 'sample-00001.jsonl.gz']) {
    for await (const item of readDocuments(join(repoRoot, 'datasets', 'sample', f)).records) {
      if (item.doc && typeof item.doc.metadata.domain === 'string') docs.push(item.doc);
      if (docs.length >= limit) return docs;
    }
  }
  return docs;
}

/** Writes documents as byte-level token shards (two shards) with index.json, as `anneal tokenize` lays them out. */
export async function writeByteTokenShards(dir: string, docs: Doc[], maxBytes = 2000): Promise<void> {
  const entries = [];
  const half = Math.ceil(docs.length / 2);
  for (const [i, part] of [docs.slice(0, half), docs.slice(half)].entries()) {
    const file = `${String(i).padStart(5, '0')}.arrow`;
    const w = new TokenShardWriter(join(dir, file), 'uint16', 64);
    for (const d of part) {
      const text = d.text.slice(0, maxBytes);
      await w.write({ id: d.id, domain: d.metadata.domain as string, tokens: [...byteTokens(text), BYTE_EOS], textBytes: Buffer.byteLength(text) });
    }
    entries.push({ file, ...(await w.close()) });
  }
  await writeTokenShardIndex(
    dir,
    buildTokenShardIndex({ tokenizer_hash: 'bytes', vocab_size: BYTE_VOCAB, eos_id: BYTE_EOS, eos_token: '<eos>', dtype: 'uint16' }, entries),
  );
}
