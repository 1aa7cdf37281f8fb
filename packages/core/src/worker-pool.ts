import { Worker, parentPort, workerData } from 'node:worker_threads';

/** Messages between the pool (main thread) and a task worker. */
type ToWorker = { type: 'task'; rank: number } | { type: 'exit' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; rank: number; documents: number; inputBytes: number }
  | { type: 'done'; rank: number; result: unknown }
  | { type: 'failed'; rank: number; message: string };

export interface TaskProgress {
  rank: number;
  /** Totals for this task so far (not deltas). */
  documents: number;
  inputBytes: number;
}

export interface WorkerPoolOptions {
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
 * The local executor: a pool of worker threads, one task at a time each, ranks handed out in
 * order. The first failing task stops the pool and its message becomes the run's error.
 */
export async function runOnWorkerThreads(options: WorkerPoolOptions): Promise<Map<number, unknown>> {
  const queue = [...options.ranks];
  const results = new Map<number, unknown>();
  const poolSize = Math.max(1, Math.min(options.workers, queue.length));
  if (queue.length === 0) return results;

  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let settled = false;
    let running = 0;

    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };

    const dispatch = (worker: Worker) => {
      const rank = queue.shift();
      if (rank === undefined) {
        worker.postMessage({ type: 'exit' } satisfies ToWorker);
        if (running === 0 && results.size === options.ranks.length) finish();
        return;
      }
      running++;
      worker.postMessage({ type: 'task', rank } satisfies ToWorker);
    };

    for (let i = 0; i < poolSize; i++) {
      const worker = new Worker(options.workerModule, { workerData: options.data });
      workers.push(worker);
      worker.on('message', (msg: FromWorker) => {
        if (settled) return;
        switch (msg.type) {
          case 'ready':
            dispatch(worker);
            break;
          case 'progress':
            options.onProgress?.({ rank: msg.rank, documents: msg.documents, inputBytes: msg.inputBytes });
            break;
          case 'done':
            running--;
            results.set(msg.rank, msg.result);
            options.onTaskDone?.(msg.rank, msg.result);
            if (results.size === options.ranks.length) finish();
            else dispatch(worker);
            break;
          case 'failed':
            finish(new Error(msg.message));
            break;
        }
      });
      worker.on('error', (err) => finish(err));
      worker.on('exit', (code) => {
        if (!settled && code !== 0) finish(new Error(`worker thread exited with code ${code}`));
      });
    }
  });
}

/**
 * The worker side: call once at the top of a worker module. `handle` runs one task and returns
 * its (cloneable) result; `progress` may be called as often as wanted, it is throttled here.
 */
export function serveTasks<D>(
  handle: (rank: number, data: D, progress: (documents: number, inputBytes: number) => void) => Promise<unknown>,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run inside a worker thread');
  const data = workerData as D;
  port.on('message', async (msg: ToWorker) => {
    if (msg.type === 'exit') {
      port.close();
      return;
    }
    let last = 0;
    const progress = (documents: number, inputBytes: number) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      port.postMessage({ type: 'progress', rank: msg.rank, documents, inputBytes } satisfies FromWorker);
    };
    try {
      const result = await handle(msg.rank, data, progress);
      port.postMessage({ type: 'done', rank: msg.rank, result } satisfies FromWorker);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      port.postMessage({ type: 'failed', rank: msg.rank, message } satisfies FromWorker);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}
