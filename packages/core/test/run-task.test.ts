import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  RecordError,
  documentStep,
  dropped,
  fromArray,
  runStepsInMemory,
  runTask,
  stepImbalance,
  type Doc,
  type PipelineStep,
  type ReadItem,
  type TaskRunOptions,
} from '@anneal/core';

function items(n: number, badEvery: number): ReadItem[] {
  return Array.from({ length: n }, (_, i) =>
    badEvery > 0 && i % badEvery === badEvery - 1
      ? { error: new RecordError({ file: 'f.jsonl', line: i + 1 }, 'malformed JSON') }
      : { doc: { id: `d${i}`, text: 'x'.repeat(i % 17), metadata: {} } },
  );
}

test('conservation holds for every step over random inputs and random filters', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 200 }),
      fc.integer({ min: 0, max: 7 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 5 })), { maxLength: 4 }),
      async (n, badEvery, filters) => {
        const steps: PipelineStep[] = filters.map(([minLen, errEvery], k) =>
          documentStep(`filter${k}`, (doc) => {
            if (errEvery > 0 && Number(doc.id.slice(1)) % (errEvery + 3) === 0) throw new Error('boom');
            return doc.text.length < minLen ? dropped('too_short') : doc;
          }),
        );
        const written: Doc[] = [];
        const errors: RecordError[] = [];
        const ledger = await runTask(
          soloTask({
            seed: 1,
            records: fromArray(items(n, badEvery)),
            steps,
            write: (d) => void written.push(d),
            reportError: (e) => void errors.push(e),
          }),
        );
        for (const s of ledger) assert.equal(stepImbalance(s), undefined);
        for (let i = 1; i < ledger.length; i++) assert.equal(ledger[i]!.in, ledger[i - 1]!.out);
        assert.equal(ledger[0]!.in, n);
        assert.equal(ledger[ledger.length - 1]!.out, written.length);
        assert.equal(
          errors.length,
          ledger.reduce((s, l) => s + l.errors, 0),
        );
      },
    ),
    { numRuns: 60 },
  );
});

/**
 * The options of a task that is the whole run (rank 0 of 1, seed 0, bad records skipped, no input
 * bytes), writing and reporting nothing, but for what a test sets.
 */
function soloTask(options: Pick<TaskRunOptions, 'records' | 'steps'> & Partial<TaskRunOptions>): TaskRunOptions {
  return {
    rank: 0,
    worldSize: 1,
    seed: 0,
    onError: 'skip',
    inputBytesRead: () => 0,
    write: () => undefined,
    reportError: () => undefined,
    ...options,
  };
}

/** runTask with nothing but records, steps and the error policy that a test cares about. */
function runPlain(records: ReadItem[], steps: PipelineStep[], onError: 'skip' | 'fail') {
  return runTask(soloTask({ records: fromArray(records), steps, onError }));
}

test('runStepsInMemory runs steps over in-memory documents with the same ledger', async () => {
  const docs = items(10, 0).map((i) => i.doc!);
  const { docs: out, ledger, errors } = await runStepsInMemory(docs, [documentStep('short', (d) => (d.text.length < 5 ? dropped('short') : d))]);
  assert.equal(out.length + (ledger[1]!.dropped.short ?? 0), 10);
  assert.deepEqual(errors, []);
});

test('a step that loses documents without dropping them fails the task', async () => {
  const leaky: PipelineStep = {
    name: 'leaky',
    async *run(docs) {
      let i = 0;
      for await (const d of docs) if (i++ % 2 === 0) yield d;
    },
  };
  await assert.rejects(runPlain(items(10, 0), [leaky], 'skip'), /conservation violated.*leaky/);
});

test('on_error fail stops at the first bad record with its location', async () => {
  await assert.rejects(runPlain(items(10, 4), [], 'fail'), /f\.jsonl, line 4: malformed JSON/);
});

test('a document the writer refuses is its own error, named by file, line and step, and every step still balances', async () => {
  const records = fromArray<ReadItem>(
    ['a', 'b', 'c'].map((id, i) => ({ doc: { id, text: id, metadata: {} }, location: { file: 'in.jsonl', line: i + 1 } })),
  );
  const errors: RecordError[] = [];
  const written: string[] = [];
  const steps = [documentStep('upper', (doc) => ({ ...doc, text: doc.text.toUpperCase() }))];
  const ledger = await runTask(
    soloTask({
      records,
      steps,
      write: (doc) => {
        if (doc.id === 'b') throw new RecordError({}, 'cannot be written: too deep');
        written.push(doc.id);
      },
      reportError: (err) => void errors.push(err),
    }),
  );
  assert.deepEqual(written, ['a', 'c']);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.message, 'in.jsonl, line 2, step write, doc "b": cannot be written: too deep');
  assert.deepEqual(
    ledger.map((s) => [s.name, s.in, s.out, s.errors]),
    [
      ['read', 3, 3, 0],
      ['upper', 3, 2, 1],
    ],
  );
  for (const s of ledger) assert.equal(stepImbalance(s), undefined);
});

test('a writer failure that is not about one document (a disk error) still ends the task', async () => {
  const records = fromArray<ReadItem>([{ doc: { id: 'a', text: 'a', metadata: {} } }]);
  await assert.rejects(
    runTask(
      soloTask({
        records,
        steps: [],
        write: () => {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      }),
    ),
    /ENOSPC/,
  );
});

test('a whole-stream step that throws ends the task with a message naming the step, the document and its line', async () => {
  const records = fromArray<ReadItem>([{ doc: { id: 'a', text: 'a', metadata: {} }, location: { file: 'in.jsonl', line: 7 } }]);
  const broken: PipelineStep = {
    name: 'broken',
    // biome-ignore lint/correctness/useYield: the step under test throws on its first document, before it yields any
    async *run(docs) {
      for await (const _doc of docs) throw new TypeError("Cannot read properties of undefined (reading 'x')");
    },
  };
  await assert.rejects(
    runTask(
      soloTask({
        records,
        steps: [broken],
      }),
    ),
    { message: `in.jsonl, line 7, step broken, doc "a": step failed: Cannot read properties of undefined (reading 'x')` },
  );
});
