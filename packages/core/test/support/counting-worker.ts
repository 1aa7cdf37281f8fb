// Worker module of worker-pool.test.ts: each worker keeps a running sum of its own, so a test can
// tell which worker answered and that addressed requests reach the worker they name.
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../../src/index.js';

export type CountingRequest = { add: number; waitMs?: number } | { fail: string } | { exit: number } | { steps: number };
export interface CountingReply {
  worker: number;
  sum: number;
}

const { worker } = workerData as { worker: number };
let sum = 0;

serveRequests<CountingRequest, CountingReply, number>(async (request, emit) => {
  if ('fail' in request) throw new Error(request.fail);
  if ('exit' in request) process.exit(request.exit);
  if ('steps' in request) {
    for (let i = 1; i <= request.steps; i++) emit(i);
    return { worker, sum };
  }
  if (request.waitMs) await new Promise((resolve) => setTimeout(resolve, request.waitMs));
  sum += request.add;
  return { worker, sum };
});
