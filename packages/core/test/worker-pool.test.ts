import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool, WorkerRequestError } from '../src/index.js';
import type { CountingReply, CountingRequest } from './support/counting-worker.js';

function countingPool(workers: number, onEvent?: (worker: number, event: number) => void): WorkerPool<CountingRequest, CountingReply, number> {
  return new WorkerPool({
    workerModule: new URL('./support/counting-worker.js', import.meta.url),
    workers,
    data: (worker) => ({ worker }),
    name: (worker) => `counting worker ${worker}`,
    ...(onEvent ? { onEvent } : {}),
  });
}

test('requests go to the least busy worker; addressed requests reach the worker they name', async () => {
  const pool = countingPool(3);
  try {
    const replies = await Promise.all(Array.from({ length: 6 }, () => pool.request({ add: 1, waitMs: 50 })));
    assert.deepEqual(
      replies.map((r) => r.worker),
      [0, 1, 2, 0, 1, 2],
    );
    assert.deepEqual(
      replies.map((r) => r.sum),
      [1, 1, 1, 2, 2, 2],
    );
    assert.deepEqual([pool.busy(0), pool.busy(1), pool.busy(2)], [0, 0, 0]);
    assert.deepEqual(await pool.requestTo(1, { add: 40 }), { worker: 1, sum: 42 });
    assert.deepEqual(await pool.requestTo(0, { add: 0 }), { worker: 0, sum: 2 });
  } finally {
    await pool.close();
  }
});

test('unfinished() sees a worker finish before its reply is taken off the queue; busy() only after', async () => {
  const pool = countingPool(1);
  try {
    const reply = pool.requestTo(0, { add: 5 });
    assert.equal(pool.unfinished(0), 1);
    // this thread does not return to its event loop here, so the reply cannot be received
    const deadline = Date.now() + 10_000;
    while (pool.unfinished(0) > 0 && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    assert.equal(pool.unfinished(0), 0, 'the worker counted the request as finished');
    assert.equal(pool.busy(0), 1, 'its reply has not been received yet');
    assert.deepEqual(await reply, { worker: 0, sum: 5 });
    assert.equal(pool.busy(0), 0);
  } finally {
    await pool.close();
  }
});

test('events arrive before the reply of the request that emitted them', async () => {
  const events: [number, number][] = [];
  const pool = countingPool(2, (worker, event) => events.push([worker, event]));
  try {
    await pool.requestTo(1, { steps: 3 });
    assert.deepEqual(events, [
      [1, 1],
      [1, 2],
      [1, 3],
    ]);
  } finally {
    await pool.close();
  }
});

test('a throwing handler fails its own request only; a worker that exits fails the pool', async () => {
  const pool = countingPool(2);
  try {
    await assert.rejects(pool.requestTo(1, { fail: 'no such shard' }), (err: unknown) => {
      assert.ok(err instanceof WorkerRequestError);
      assert.equal(err.message, 'no such shard');
      assert.equal(err.worker, 1);
      return true;
    });
    assert.deepEqual(await pool.requestTo(1, { add: 5 }), { worker: 1, sum: 5 });

    const slow = pool.requestTo(0, { add: 1, waitMs: 2000 });
    await assert.rejects(pool.requestTo(1, { exit: 3 }), /^Error: counting worker 1 exited with code 3$/);
    await assert.rejects(slow, /counting worker 1 exited with code 3/);
    await assert.rejects(pool.request({ add: 1 }), /counting worker 1 exited with code 3/);
  } finally {
    await pool.close();
  }
});
