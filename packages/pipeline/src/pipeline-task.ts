import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import {
  type RecordError,
  RunLayout,
  commitFile,
  filesForRank,
  namingWrittenFile,
  runTask,
  temporaryPathFor,
  writeFileAtomic,
  type Doc,
  type DroppedDocument,
  type GlobalStepContext,
  type ReadItem,
  type StageLayout,
  type StepStats,
} from '@anneal/core';
import { readDocuments, writeDocuments, extensionOf } from '@anneal/io';
import { inputSources, withSourceMetadata, type SourcedInputFile } from './input-sources.js';
import type { ResolvedPipeline } from './pipeline-config.js';
import { DroppedWriter } from './dropped-writer.js';
import { planSegments, stageLayout } from './pipeline-segments.js';
import { createGlobalStep, createStep } from './step-registry.js';

/** What one worker-pool run does: tasks of a segment, or tasks of a global step's phase. */
export type PlanJob = { kind: 'segment'; segment: number } | { kind: 'phase'; stepIndex: number; phase: number };

/** Everything a task needs, cloneable into a worker thread. */
export interface TaskPlan {
  pipeline: ResolvedPipeline;
  files: SourcedInputFile[];
  tasks: number;
  /** How many record errors a task prints to stderr before it only counts them. */
  printErrors: number;
  job: PlanJob;
  /** What steps prepared once for the run, by step position (StepDefinition.prepare); shared buffers in it are not copied per worker. */
  prepared?: Record<number, unknown>;
}

/** Every path of this pipeline's run output (RunLayout). */
export function outputLayout(pipeline: ResolvedPipeline): RunLayout {
  return new RunLayout(pipeline.output.path, extensionOf(pipeline.output.format));
}

export function globalStepContext(pipeline: ResolvedPipeline, tasks: number, stage: StageLayout): GlobalStepContext {
  return { workDir: stage.workDir, tasks, seed: pipeline.seed };
}

/** Runs unit `unit` of the plan's job (a task rank for a segment, a phase task for a phase). */
export async function runPlanJob(plan: TaskPlan, unit: number, onProgress?: (documents: number, inputBytes: number) => void): Promise<unknown> {
  if (plan.job.kind === 'segment') return runSegmentTask(plan, plan.job.segment, unit, onProgress);
  const { stepIndex, phase } = plan.job;
  const resolved = plan.pipeline.steps[stepIndex]!;
  const stage = outputLayout(plan.pipeline).stage(stepIndex, resolved.name);
  const step = createGlobalStep(resolved);
  await step.phases(globalStepContext(plan.pipeline, plan.tasks, stage))[phase]!.run(unit);
  return undefined;
}

/**
 * Runs task `rank` of one segment: reads its input (the task's input files, or its intermediate
 * shard), applies the steps, and commits — shard, errors, ledger, then the completion marker, each
 * through a temporary name and a rename (Invariant 4). The ledger carries every step so far, so
 * the last segment's ledger is the whole pipeline's for that task.
 */
export async function runSegmentTask(
  plan: TaskPlan,
  segmentIndex: number,
  rank: number,
  onProgress?: (documents: number, inputBytes: number) => void,
): Promise<StepStats[]> {
  const { pipeline } = plan;
  const layout = outputLayout(pipeline);
  const segment = planSegments(pipeline)[segmentIndex]!;
  const before = segment.after ? stageLayout(layout, segment.after) : undefined;
  const barrier = segment.barrier ? stageLayout(layout, segment.barrier) : undefined;
  await mkdir(layout.tmpDir, { recursive: true });

  const files: SourcedInputFile[] = before
    ? [{ path: before.shardPath(rank), displayPath: before.shardPath(rank), bytes: 0, source: -1 }]
    : filesForRank(
        plan.files.map((f) => f.path),
        rank,
        plan.tasks,
      ).map((p) => plan.files.find((f) => f.path === p)!);

  const shardPath = barrier ? barrier.shardPath(rank) : layout.shardPath(rank);
  const errorsPath = layout.errorsPath(rank, segmentIndex);
  const shardTmp = temporaryPathFor(shardPath, layout.tmpDir);
  const errorsTmp = temporaryPathFor(errorsPath, layout.tmpDir);
  const writer = barrier
    ? writeDocuments(shardTmp, 'arrow', { rowGroupRows: 4096 })
    : writeDocuments(shardTmp, pipeline.output.format, {
        parquetCodec: pipeline.output.parquet_codec,
        rowGroupRows: pipeline.output.row_group_rows,
        arrowFormat: pipeline.output.arrow_format,
      });
  let errorsOut: WriteStream | undefined;
  let errorCount = 0;
  const reportError = (err: RecordError) => {
    errorCount++;
    if (!errorsOut) {
      errorsOut = createWriteStream(errorsTmp);
      // a failed write (full disk) must fail the task through closeStream, not crash the process
      errorsOut.on('error', () => undefined);
    }
    errorsOut.write(JSON.stringify(err.toJSON()) + '\n');
    if (pipeline.on_error === 'skip' && errorCount <= plan.printErrors) process.stderr.write(`anneal: bad record skipped: ${err.message}\n`);
  };

  let bytesBefore = 0;
  let current: { bytesRead(): number } | undefined;
  // Records a reader passes over by kind (a WARC's request and revisit records): the read step's drops.
  const skippedByKind: Record<string, number> = {};
  async function* records(): AsyncGenerator<ReadItem> {
    const sources = inputSources(pipeline);
    for (const file of files) {
      // intermediate shards (source -1) are anneal's own Arrow files, already carrying the metadata
      const input = file.source >= 0 ? sources[file.source]! : undefined;
      const source = readDocuments(file.path, {
        format: input ? input.format : 'arrow',
        textKey: input ? input.text_key : 'text',
        idKey: input ? input.id_key : 'id',
        displayPath: file.displayPath,
        maxLineBytes: input ? input.max_line_bytes : sources[0]!.max_line_bytes,
        maxRecordBytes: input ? input.max_record_bytes : sources[0]!.max_record_bytes,
        maxRowGroupBytes: input ? input.max_row_group_bytes : sources[0]!.max_row_group_bytes,
      });
      current = source;
      if (input && (input.metadata || input.name)) {
        for await (const item of source.records)
          yield item.doc ? { ...item, doc: { ...item.doc, metadata: withSourceMetadata(input, item.doc.metadata) } } : item;
      } else {
        yield* source.records;
      }
      for (const [kind, n] of Object.entries(source.skipped?.() ?? {})) skippedByKind[kind] = (skippedByKind[kind] ?? 0) + n;
      bytesBefore += file.bytes;
      current = undefined;
    }
  }

  const ctx = (stage: StageLayout) => globalStepContext(pipeline, plan.tasks, stage);
  const steps = [
    ...(segment.after ? [await createGlobalStep(segment.after.resolved).apply(ctx(before!), rank)] : []),
    ...segment.steps.map((s) => createStep(s.resolved, plan.prepared?.[s.index])),
  ];
  const observer = segment.barrier ? await createGlobalStep(segment.barrier.resolved).observer(ctx(barrier!), rank) : undefined;
  const stepPositions = [...(segment.after ? [segment.after.index] : []), ...segment.steps.map((s) => s.index)];
  const droppedWriter = pipeline.keep_dropped ? new DroppedWriter(layout, rank, segmentIndex) : undefined;
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
      write: (doc) => writer.write(doc).catch((err: unknown) => Promise.reject(namingWrittenFile(err, shardPath, shardTmp))),
      ...(observer ? { observe: (doc: Doc, index: number) => observer.observe(doc, index) } : {}),
      // a segment's steps are numbered from 0 in the task; dropped/ records their place in the pipeline
      ...(droppedWriter
        ? { onDrop: (d: DroppedDocument) => droppedWriter.write({ ...d, stepIndex: stepPositions[d.stepIndex] ?? d.stepIndex }) }
        : {}),
      reportError,
      ...(onProgress ? { onProgress } : {}),
    });
    countSkipped(stats[0]!, skippedByKind);
    await writer.close().catch((err: unknown) => Promise.reject(namingWrittenFile(err, shardPath, shardTmp)));
    if (errorsOut) await closeStream(errorsOut).catch((err: unknown) => Promise.reject(namingWrittenFile(err, errorsPath, errorsTmp)));
    await observer?.finish();
  } catch (err) {
    await droppedWriter?.discard();
    await writer.close().catch(() => undefined);
    if (errorsOut) await closeStream(errorsOut).catch(() => undefined);
    await rm(shardTmp, { force: true });
    await rm(errorsTmp, { force: true });
    throw err;
  }

  let ledger = stats;
  if (before) {
    // The intermediate shard is the pipeline's own file: its read is not a step of the pipeline.
    const read = stats[0]!;
    if (read.errors > 0) throw new Error(`task ${rank}: intermediate shard ${before.shardPath(rank)} is damaged; re-run with --force`);
    const previous = JSON.parse(await readFile(before.statsPath(rank), 'utf8')) as StepStats[];
    ledger = [...previous, ...stats.slice(1)];
  }

  await commitFile(shardTmp, shardPath);
  await droppedWriter?.commit();
  if (errorsOut) await commitFile(errorsTmp, errorsPath);
  else await rm(errorsPath, { force: true }); // stale from an earlier --force run
  const statsPath = barrier ? barrier.statsPath(rank) : layout.taskStatsPath(rank);
  await writeFileAtomic(statsPath, JSON.stringify(ledger, null, 2) + '\n', layout.tmpDir);
  await writeFileAtomic(barrier ? barrier.completionPath(rank) : layout.completionPath(rank), '', layout.tmpDir);
  return ledger;
}

/** Skipped records enter the read step and leave it as drops, so its counts still balance. */
function countSkipped(read: StepStats, skipped: Record<string, number>): void {
  for (const [kind, n] of Object.entries(skipped)) {
    read.in += n;
    read.dropped[kind] = (read.dropped[kind] ?? 0) + n;
  }
  read.dropped = Object.fromEntries(Object.entries(read.dropped).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.errored) return reject(stream.errored);
    stream.on('error', reject);
    stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
  });
}
