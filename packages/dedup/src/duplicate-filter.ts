import { readFileSync } from 'node:fs';
import type { PipelineStep } from '@anneal/core';

/**
 * Task side of the last pass: documents come back in the order they were observed, so the n-th
 * document is decision n. Representatives keep their cluster's dup_count and id; the others are
 * dropped; documents in no cluster keep the dup_count they had (1 when none).
 */
export function duplicateFilter(name: string, decisionsPath: string, dropReason: string): PipelineStep {
  const decisions = new Map<number, [number, number, string]>();
  const text = readFileSync(decisionsPath, 'utf8');
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [index, keep, dupCount, clusterId] = JSON.parse(line) as [number, number, number, string];
    decisions.set(index, [keep, dupCount, clusterId]);
  }
  return {
    name,
    async *run(docs, ctx) {
      let index = 0;
      for await (const doc of docs) {
        const decision = decisions.get(index++);
        if (!decision) {
          const dupCount = typeof doc.metadata.dup_count === 'number' ? doc.metadata.dup_count : 1;
          yield dupCount === doc.metadata.dup_count ? doc : { ...doc, metadata: { ...doc.metadata, dup_count: dupCount } };
        } else if (decision[0] === 1) {
          yield { ...doc, metadata: { ...doc.metadata, dup_count: decision[1], dup_cluster_id: decision[2] } };
        } else {
          ctx.drop(doc, dropReason);
        }
      }
    },
  };
}
