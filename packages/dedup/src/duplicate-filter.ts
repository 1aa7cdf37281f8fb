import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RecordError, commitFile, removeStaleTemporariesSync, temporaryPathFor, type PipelineStep } from '@anneal/core';
import { JsonlWriter } from '@anneal/io';

/**
 * Task side of the last pass: documents come back in the order they were observed, so the n-th
 * document is decision n. Representatives keep their cluster's dup_count and id; the others are
 * dropped; documents in no cluster keep the dup_count they had (1 when none).
 */
export function duplicateFilter(name: string, decisionsPath: string, dropReason: string, removedPath?: string): PipelineStep {
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
      // Removed copies, when asked for, go to their own shard (written whole, then renamed).
      let removed: { writer: JsonlWriter; tmp: string } | undefined;
      if (removedPath) {
        await mkdir(dirname(removedPath), { recursive: true });
        removeStaleTemporariesSync(removedPath);
        const tmp = temporaryPathFor(removedPath);
        removed = { writer: new JsonlWriter(tmp, 'zstd'), tmp };
      }
      let index = 0;
      for await (const doc of docs) {
        const decision = decisions.get(index++);
        if (!decision) {
          const dupCount = typeof doc.metadata.dup_count === 'number' ? doc.metadata.dup_count : 1;
          yield dupCount === doc.metadata.dup_count ? doc : { ...doc, metadata: { ...doc.metadata, dup_count: dupCount } };
        } else if (decision[0] === 1) {
          yield { ...doc, metadata: { ...doc.metadata, dup_count: decision[1], dup_cluster_id: decision[2] } };
        } else {
          // A copy the removed-shard writer refuses (RecordError) is that document's error, not the task's end.
          try {
            await removed?.writer.write({ ...doc, metadata: { ...doc.metadata, dup_cluster_id: decision[2] } });
          } catch (err) {
            if (!(err instanceof RecordError)) throw err;
            ctx.error(doc, err.reason);
            continue;
          }
          ctx.drop(doc, dropReason, `in duplicate cluster ${decision[2]}, which keeps another document`);
        }
      }
      if (removed && removedPath) {
        await removed.writer.close();
        await commitFile(removed.tmp, removedPath);
      }
    },
  };
}
