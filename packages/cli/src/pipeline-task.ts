import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import {
  OutputLayout,
  RecordError,
  commitFile,
  filesForRank,
  runTask,
  temporaryPathFor,
  writeFileAtomic,
  type ReadItem,
  type StepStats,
} from '@anneal/core';
import { readDocuments, writeDocuments, extensionOf, type InputFile } from '@anneal/io';
import type { ResolvedPipeline } from './pipeline-config.js';
import { createStep } from './step-registry.js';

/** Everything a task needs, cloneable into a worker thread. */
export interface TaskPlan {
  pipeline: ResolvedPipeline;
  files: InputFile[];
  tasks: number;
  /** How many record errors a task prints to stderr before it only counts them. */
  printErrors: number;
}

export function outputLayout(pipeline: ResolvedPipeline): OutputLayout {
  return new OutputLayout(pipeline.output.path, extensionOf(pipeline.output.format));
}

/**
 * Runs task `rank`: reads its input files, applies the steps, and commits — shard, errors, task
 * stats, then the completion marker, each through a temporary name and a rename (Invariant 4).
 */
export async function runPipelineTask(
  plan: TaskPlan,
  rank: number,
  onProgress?: (documents: number, inputBytes: number) => void,
): Promise<StepStats[]> {
  const { pipeline } = plan;
  const layout = outputLayout(pipeline);
  await mkdir(layout.tmpDir, { recursive: true });
  const files = filesForRank(
    plan.files.map((f) => f.path),
    rank,
    plan.tasks,
  ).map((p) => plan.files.find((f) => f.path === p)!);

  const shardTmp = temporaryPathFor(layout.shardPath(rank), layout.tmpDir);
  const errorsTmp = temporaryPathFor(layout.errorsPath(rank), layout.tmpDir);
  const writer = writeDocuments(shardTmp, pipeline.output.format, {
    parquetCodec: pipeline.output.parquet_codec,
    rowGroupRows: pipeline.output.row_group_rows,
    arrowFormat: pipeline.output.arrow_format,
  });
  let errorsOut: WriteStream | undefined;
  let errorCount = 0;
  const reportError = (err: RecordError) => {
    errorCount++;
    errorsOut ??= createWriteStream(errorsTmp);
    errorsOut.write(JSON.stringify(err.toJSON()) + '\n');
    if (pipeline.on_error === 'skip' && errorCount <= plan.printErrors) process.stderr.write(`anneal: bad record skipped: ${err.message}\n`);
  };

  let bytesBefore = 0;
  let current: { bytesRead(): number } | undefined;
  async function* records(): AsyncGenerator<ReadItem> {
    for (const file of files) {
      const source = readDocuments(file.path, {
        format: pipeline.input.format,
        textKey: pipeline.input.text_key,
        idKey: pipeline.input.id_key,
        displayPath: file.displayPath,
        maxLineBytes: pipeline.input.max_line_bytes,
      });
      current = source;
      yield* source.records;
      bytesBefore += file.bytes;
      current = undefined;
    }
  }

  const steps = pipeline.steps.map((s) => createStep(s));
  let stats: StepStats[];
  try {
    stats = await runTask({
      rank,
      worldSize: plan.tasks,
      seed: pipeline.seed,
      onError: pipeline.on_error,
      records: records(),
      inputBytesRead: () => bytesBefore + (current ? current.bytesRead() : 0),
      steps,
      write: (doc) => writer.write(doc),
      reportError,
      ...(onProgress ? { onProgress } : {}),
    });
    await writer.close();
    if (errorsOut) await closeStream(errorsOut);
  } catch (err) {
    await writer.close().catch(() => undefined);
    if (errorsOut) await closeStream(errorsOut).catch(() => undefined);
    await rm(shardTmp, { force: true });
    await rm(errorsTmp, { force: true });
    throw err;
  }

  await commitFile(shardTmp, layout.shardPath(rank));
  if (errorsOut) await commitFile(errorsTmp, layout.errorsPath(rank));
  else await rm(layout.errorsPath(rank), { force: true }); // stale from an earlier --force run
  await writeFileAtomic(layout.taskStatsPath(rank), JSON.stringify(stats, null, 2) + '\n', layout.tmpDir);
  await writeFileAtomic(layout.completionPath(rank), '', layout.tmpDir);
  return stats;
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('error', reject);
    stream.end(() => resolve());
  });
}
