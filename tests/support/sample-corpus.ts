import assert from 'node:assert/strict';
import { join } from 'node:path';
import { docToRecord, expandInputs } from '@anneal/io';
import { readShards } from '@anneal/stats';
import { repoRoot } from './harness.js';

/** The checked-in sample corpus that datasets/generate-sample.mjs writes. */
export const sampleDir = join(repoRoot, 'datasets', 'sample');
export const sampleGlob = join(sampleDir, '*.jsonl.gz');

/**
 * Every record of the sample corpus, shard by shard, as its JSON lines hold it (id, text and the
 * generator's ground-truth fields), read the way anneal reads shards; a bad record fails the test.
 */
export async function readSampleRecords<T>(): Promise<T[]> {
  const records: T[] = [];
  for await (const item of readShards(await expandInputs([sampleGlob], repoRoot))) {
    assert.ok(item.doc, item.error?.message);
    records.push(docToRecord(item.doc) as T);
  }
  return records;
}
