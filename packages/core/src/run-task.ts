import { Buffer } from 'node:buffer';
import type { Doc } from './doc.js';
import { RecentSources } from './recent-sources.js';
import { RecordError, formatLocation, type RecordLocation } from './record-error.js';
import { emptyStepStats, stepImbalance, type StepStats } from './stats.js';
import type { PipelineStep, ReadItem, StepContext } from './step.js';

export type OnError = 'skip' | 'fail';

export interface TaskRunOptions {
  rank: number;
  worldSize: number;
  seed: number;
  onError: OnError;
  /** Records from the task's input files, in file order. */
  records: AsyncIterable<ReadItem>;
  /** Bytes of input consumed so far (compressed, as on disk), for the read step and progress. */
  inputBytesRead: () => number;
  steps: readonly PipelineStep[];
  /**
   * Writes one document. A `RecordError` thrown here means this document cannot be written (the
   * writer changed nothing): it becomes the document's error. Anything else (a disk failure) ends the task.
   */
  write: (doc: Doc) => Promise<void> | void;
  /** Sees every document that leaves the last step, with its 0-based position (global steps' first pass). */
  observe?: (doc: Doc, index: number) => Promise<void> | void;
  reportError: (error: RecordError) => void;
  /** Sees every document a step drops, with the step's position (0 = first step), reason and detail (`keep_dropped`). */
  onDrop?: (dropped: DroppedDocument) => Promise<void> | void;
  /** Called after each document leaves the reader (throttle on the receiving side). */
  onProgress?: (documents: number, inputBytes: number) => void;
}

/** A document a step dropped, as `keep_dropped` writes it. */
export interface DroppedDocument {
  doc: Doc;
  step: string;
  stepIndex: number;
  reason: string;
  detail?: string | undefined;
}

/**
 * Where a document came from, as one string that every output format carries the same way
 * (`file, line N`, `file, row group G, row R`, `file, batch B, row R`), stored once in
 * `metadata.source_location` by the first read and kept by every later step and stage.
 */
export function sourceLocationOf(location: RecordLocation): string {
  return formatLocation({ ...location, step: undefined, docId: undefined });
}

/** Thrown when a task stops because `on_error: fail` met a bad record. */
export class FailFastError extends Error {
  constructor(readonly recordError: RecordError) {
    super(recordError.message);
    this.name = 'FailFastError';
  }
}

/**
 * Runs one task: reader → steps → writer, counting every document at every step boundary, and
 * checks conservation (in = out + dropped + errors) for each step before returning the ledger.
 */
export async function runTask(options: TaskRunOptions): Promise<StepStats[]> {
  const readStats = emptyStepStats('read');
  const ledger: StepStats[] = [readStats];

  const fail = (err: RecordError): never => {
    throw new FailFastError(err);
  };

  const sources = new RecentSources();
  const report = (err: RecordError): void => {
    options.reportError(err);
    if (options.onError === 'fail') fail(err);
  };

  async function* read(): AsyncGenerator<Doc> {
    for await (const item of options.records) {
      readStats.in++;
      if (item.error) {
        readStats.errors++;
        report(item.error);
      } else {
        readStats.out++;
        readStats.bytes_out += Buffer.byteLength(item.doc.text, 'utf8');
        if (item.location) sources.remember(item.doc.id, item.location);
        options.onProgress?.(readStats.in, options.inputBytesRead());
        // a document read back from a stage (or an earlier anneal output) keeps its first origin
        if (item.location && item.doc.metadata.source_location === undefined) {
          yield { ...item.doc, metadata: { ...item.doc.metadata, source_location: sourceLocationOf(item.location) } };
        } else yield item.doc;
      }
    }
    readStats.bytes_in = options.inputBytesRead();
    options.onProgress?.(readStats.in, readStats.bytes_in);
  }

  let stream: AsyncIterable<Doc> = read();
  const distinct = new Map<StepStats, Map<string, Set<string>>>();
  const drops: Promise<void>[] = [];
  options.steps.forEach((step, stepIndex) => {
    const stats = emptyStepStats(step.name);
    ledger.push(stats);
    const ctx: StepContext = {
      rank: options.rank,
      worldSize: options.worldSize,
      seed: options.seed,
      drop(doc, reason, detail) {
        stats.dropped[reason] = (stats.dropped[reason] ?? 0) + 1;
        const kept = options.onDrop?.({ doc, step: step.name, stepIndex, reason, detail });
        if (kept) {
          // awaited below (a failed write ends the task there); until then it must not count as unhandled
          kept.catch(() => undefined);
          drops.push(kept);
        }
      },
      count(key, n = 1) {
        const counts = (stats.counts ??= {});
        counts[key] = (counts[key] ?? 0) + n;
      },
      countDistinct(key, value) {
        let byKey = distinct.get(stats);
        if (!byKey) distinct.set(stats, (byKey = new Map()));
        let values = byKey.get(key);
        if (!values) byKey.set(key, (values = new Set()));
        values.add(value);
      },
      error(doc, reason) {
        stats.errors++;
        const message = reason instanceof Error ? reason.message : reason;
        report(new RecordError({ ...sources.of(doc.id), step: step.name, docId: doc.id }, message));
      },
    };
    const taken = { last: undefined as Doc | undefined };
    stream = countOut(namingFailures(step.run(countIn(stream, stats, taken), ctx), step.name, taken, sources), stats);
  });

  // A document that cannot be written is that document's error, charged to the step it came out
  // of (the reader when there are no steps), so every step still balances.
  const last = ledger[ledger.length - 1]!;
  let written = 0;
  for await (const doc of stream) {
    try {
      await options.write(doc);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      last.out--;
      last.bytes_out -= Buffer.byteLength(doc.text, 'utf8');
      last.errors++;
      report(new RecordError({ ...sources.of(doc.id), step: 'write', docId: doc.id }, err.reason));
      continue;
    }
    // Observed after the write, so a document the writer refused is neither in the shard nor observed.
    if (options.observe) await options.observe(doc, written);
    written++;
    if (drops.length > 256) await Promise.all(drops.splice(0));
  }
  await Promise.all(drops.splice(0));
  for (const [stats, byKey] of distinct) {
    stats.distinct = Object.fromEntries([...byKey].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v].sort()]));
  }
  for (const stats of ledger) if (stats.counts) stats.counts = Object.fromEntries(Object.entries(stats.counts).sort(([a], [b]) => (a < b ? -1 : 1)));

  for (const stats of ledger) {
    stats.dropped = Object.fromEntries(Object.entries(stats.dropped).sort(([a], [b]) => (a < b ? -1 : 1)));
    const problem = stepImbalance(stats);
    // A step that loses documents without dropping them is a bug in that step, not bad input.
    if (problem) throw new Error(`conservation violated in task ${options.rank}: ${problem}`);
  }
  return ledger;
}

async function* countIn(docs: AsyncIterable<Doc>, stats: StepStats, taken: { last: Doc | undefined }): AsyncGenerator<Doc> {
  for await (const doc of docs) {
    stats.in++;
    taken.last = doc;
    stats.bytes_in += Buffer.byteLength(doc.text, 'utf8');
    yield doc;
  }
}

/**
 * A step that is not per-document (a generator over the whole stream) cannot go on after it
 * throws, so its failure ends the task; the message names the step and the document it last took
 * in, with that document's file and line or row. Per-document steps (documentStep) never get
 * here: their throws are already that document's error.
 */
async function* namingFailures(
  docs: AsyncIterable<Doc>,
  stepName: string,
  taken: { last: Doc | undefined },
  sources: RecentSources,
): AsyncGenerator<Doc> {
  try {
    yield* docs;
  } catch (err) {
    if (err instanceof FailFastError || err instanceof RecordError) throw err;
    const doc = taken.last;
    const where = formatLocation(doc ? { ...sources.of(doc.id), step: stepName, docId: doc.id } : { step: stepName });
    throw new Error(`${where}: step failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

async function* countOut(docs: AsyncIterable<Doc>, stats: StepStats): AsyncGenerator<Doc> {
  for await (const doc of docs) {
    stats.out++;
    stats.bytes_out += Buffer.byteLength(doc.text, 'utf8');
    yield doc;
  }
}

export interface InMemoryRun {
  docs: Doc[];
  ledger: StepStats[];
  errors: RecordError[];
}

/**
 * Runs steps over documents held in memory, with the same counting and conservation checks as a
 * pipeline task: for trying a step in a notebook-like script, in tests and in benchmarks.
 */
export async function runStepsInMemory(
  docs: Iterable<Doc>,
  steps: readonly PipelineStep[],
  options: { onError?: OnError; seed?: number } = {},
): Promise<InMemoryRun> {
  const out: Doc[] = [];
  const errors: RecordError[] = [];
  async function* records(): AsyncGenerator<ReadItem> {
    for (const doc of docs) yield { doc };
  }
  const ledger = await runTask({
    rank: 0,
    worldSize: 1,
    seed: options.seed ?? 0,
    onError: options.onError ?? 'skip',
    records: records(),
    inputBytesRead: () => 0,
    steps,
    write: (doc) => void out.push(doc),
    reportError: (err) => void errors.push(err),
  });
  return { docs: out, ledger, errors };
}
