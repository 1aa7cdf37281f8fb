/**
 * Shards: the JSONL record of a document and the seeded split of the corpus into SHARD_COUNT files.
 */
import { SeededRng } from '@anneal/core';
export const SHARD_COUNT = 4;

export function toJsonLine(d) {
  const record = { id: d.id, text: d.text };
  if (d.domain !== undefined) record.domain = d.domain;
  Object.assign(record, {
    source: d.source,
    true_domain: d.true_domain,
    dup_cluster: d.dup_cluster,
    intended_quality: d.intended_quality,
    language: d.language,
  });
  return JSON.stringify(record);
}

export function shardDocs(seed, docs) {
  const order = new SeededRng(seed, 'shards').shuffle(docs.slice());
  const shards = Array.from({ length: SHARD_COUNT }, () => []);
  order.forEach((d, i) => shards[i % SHARD_COUNT].push(d));
  return shards;
}
