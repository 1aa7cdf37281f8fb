import { Worker, parentPort, workerData, type TransferListItem } from 'node:worker_threads';

/**
 * anneal's one worker-thread pool. Every parallel part of anneal is built on it: the local pipeline
 * executor (tasks by rank, {@link runOnWorkerThreads}), tokenizing (batches to encode, whole shards),
 * counting words for BPE training (batches, then each worker's counts) and data-parallel training
 * (each request addressed to one replica). A request goes to one worker and its reply comes back
 * matched by id; a worker may emit events (progress) while it handles one.
 */

/** Messages between the pool (main thread) and one of its workers. */
type ToWorker = { id: number; request: unknown } | { finished: Int32Array; slot: number };
type FromWorker =
  | { id: number; ok: true; reply: unknown }
  | { id: number; ok: false; message: string; stack: string | undefined }
  | { event: unknown };

/** A request whose handler threw in the worker: the handler's message, with the worker's stack. */
export class WorkerRequestError extends Error {
  constructor(
    message: string,
    readonly worker: number,
    readonly workerStack: string | undefined,
  ) {
    super(message);
  }
}

export interface WorkerPoolOptions<E> {
  /** Module that calls {@link serveRequests}, loaded once per worker thread. */
  workerModule: URL;
  workers: number;
  /** `workerData` of worker k (structured-cloneable). */
  data: (worker: number) => unknown;
  /** How errors name worker k, e.g. "data-parallel worker 2"; default "worker thread k". */
  name?: (worker: number) => string;
  /** Events a worker emits while handling a request. */
  onEvent?: (worker: number, event: E) => void;
}

/**
 * N worker threads started at once (so they load their modules while the caller does other work).
 * A worker that crashes, or exits while it owes replies (or with a non-zero code), breaks the pool:
 * every pending and later request rejects with that error.
 */
export class WorkerPool<Req, Rep, E = never> {
  private readonly threads: Worker[];
  private readonly waiting = new Map<number, { worker: number; resolve: (reply: Rep) => void; reject: (err: Error) => void }>();
  private readonly pending: number[];
  /**
   * Requests each worker has finished handling, counted by the worker itself on shared memory: a
   * reply reaches this thread only when its event loop takes the message, which a thread busy with
   * its own work may not do for a while (see {@link unfinished}).
   */
  private readonly finished: Int32Array;
  private readonly sent: number[];
  private nextId = 1;
  private failure: Error | undefined;
  private closing = false;

  constructor(private readonly options: WorkerPoolOptions<E>) {
    const name = options.name ?? ((k: number) => `worker thread ${k}`);
    this.pending = new Array<number>(options.workers).fill(0);
    this.sent = new Array<number>(options.workers).fill(0);
    this.finished = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, options.workers)));
    this.threads = Array.from({ length: options.workers }, (_, k) => {
      const worker = new Worker(options.workerModule, { workerData: options.data(k) });
      worker.postMessage({ finished: this.finished, slot: k } satisfies ToWorker);
      worker.on('message', (msg: FromWorker) => this.receive(k, msg));
      worker.on('error', (err) => this.fail(new Error(`${name(k)} crashed: ${err.message}`, { cause: err })));
      worker.on('exit', (code) => {
        if (!this.closing && (code !== 0 || this.pending[k]! > 0)) this.fail(new Error(`${name(k)} exited with code ${code}`));
      });
      return worker;
    });
  }

  get size(): number {
    return this.threads.length;
  }

  /** Requests sent to worker k and not answered yet. */
  busy(worker: number): number {
    return this.pending[worker]!;
  }

  /**
   * Requests worker k has not finished handling yet, as it counts them: unlike {@link busy}, this
   * knows at once when the worker is free, before its reply is taken off the message queue. For
   * callers that choose between sending work and doing it themselves.
   */
  unfinished(worker: number): number {
    return this.sent[worker]! - Atomics.load(this.finished, worker);
  }

  /** Sends to the worker with the fewest unanswered requests (the lowest index on a tie). */
  request(request: Req, transfer?: readonly TransferListItem[]): Promise<Rep> {
    let best = 0;
    for (let k = 1; k < this.threads.length; k++) if (this.pending[k]! < this.pending[best]!) best = k;
    return this.requestTo(best, request, transfer);
  }

  /** Sends to worker k (for workers that hold state of their own, such as replicas). */
  requestTo(worker: number, request: Req, transfer?: readonly TransferListItem[]): Promise<Rep> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('the worker pool is closed'));
    const id = this.nextId++;
    this.pending[worker]!++;
    this.sent[worker]!++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { worker, resolve, reject });
      this.threads[worker]!.postMessage({ id, request } satisfies ToWorker, transfer);
    });
  }

  /** Terminates every worker; requests still unanswered reject. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((w) => w.terminate()));
    this.rejectAll(this.failure ?? new Error('the worker pool was closed before it replied'));
  }

  private receive(worker: number, msg: FromWorker): void {
    if (this.closing) return;
    if ('event' in msg) {
      this.options.onEvent?.(worker, msg.event as E);
      return;
    }
    const entry = this.waiting.get(msg.id);
    if (!entry) return;
    this.waiting.delete(msg.id);
    this.pending[worker]!--;
    if (msg.ok) entry.resolve(msg.reply as Rep);
    else entry.reject(new WorkerRequestError(msg.message, worker, msg.stack));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.rejectAll(this.failure);
  }

  private rejectAll(err: Error): void {
    for (const entry of this.waiting.values()) entry.reject(err);
    this.waiting.clear();
    this.pending.fill(0);
  }
}

/**
 * The worker side: call once in a worker module. `handle` answers one request (a throw becomes that
 * request's {@link WorkerRequestError}); `emit` sends an event to the pool's `onEvent`; `transfer`
 * names buffers of a reply to move rather than copy.
 */
export function serveRequests<Req, Rep, E = never>(
  handle: (request: Req, emit: (event: E) => void) => Rep | Promise<Rep>,
  transfer?: (reply: Rep) => TransferListItem[],
): void {
  const port = parentPort;
  if (!port) throw new Error('serveRequests must run inside a worker thread');
  const emit = (event: E) => port.postMessage({ event } satisfies FromWorker);
  let finished: { counts: Int32Array; slot: number } | undefined;
  port.on('message', async (message: ToWorker) => {
    if ('finished' in message) {
      finished = { counts: message.finished, slot: message.slot };
      return;
    }
    const { id, request } = message;
    let msg: FromWorker;
    let moved: TransferListItem[] | undefined;
    try {
      const reply = await handle(request as Req, emit);
      msg = { id, ok: true, reply };
      moved = transfer?.(reply);
    } catch (err) {
      msg = { id, ok: false, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
    }
    if (finished) Atomics.add(finished.counts, finished.slot, 1);
    port.postMessage(msg, moved);
  });
}

export interface TaskProgress {
  rank: number;
  /** Totals for this task so far (not deltas). */
  documents: number;
  inputBytes: number;
}

export interface TaskPoolOptions {
  /** Module that calls `serveTasks` — loaded once per worker thread. */
  workerModule: URL;
  /** Passed to every worker as `workerData` (must be structured-cloneable). */
  data: unknown;
  workers: number;
  ranks: readonly number[];
  onProgress?: (progress: TaskProgress) => void;
  onTaskDone?: (rank: number, result: unknown) => void;
}

/**
 * The local executor: one task at a time per worker thread, ranks handed out in order. The first
 * failing task stops the pool and its message becomes the run's error.
 */
export async function runOnWorkerThreads(options: TaskPoolOptions): Promise<Map<number, unknown>> {
  const queue = [...options.ranks];
  const results = new Map<number, unknown>();
  if (queue.length === 0) return results;
  const pool = new WorkerPool<number, unknown, TaskProgress>({
    workerModule: options.workerModule,
    workers: Math.max(1, Math.min(options.workers, queue.length)),
    data: () => options.data,
    onEvent: (_, progress) => options.onProgress?.(progress),
  });
  const work = async (worker: number) => {
    for (let rank = queue.shift(); rank !== undefined; rank = queue.shift()) {
      const result = await pool.requestTo(worker, rank);
      results.set(rank, result);
      options.onTaskDone?.(rank, result);
    }
  };
  try {
    await Promise.all(Array.from({ length: pool.size }, (_, k) => work(k)));
  } finally {
    await pool.close();
  }
  return results;
}

/**
 * The worker side of {@link runOnWorkerThreads}: call once at the top of a worker module. `handle`
 * runs one task and returns its (cloneable) result; `progress` may be called as often as wanted,
 * it is throttled here.
 */
export function serveTasks<D>(handle: (rank: number, data: D, progress: (documents: number, inputBytes: number) => void) => Promise<unknown>): void {
  const data = workerData as D;
  serveRequests<number, unknown, TaskProgress>((rank, emit) => {
    let last = 0;
    const progress = (documents: number, inputBytes: number) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      emit({ rank, documents, inputBytes });
    };
    return handle(rank, data, progress);
  });
}
