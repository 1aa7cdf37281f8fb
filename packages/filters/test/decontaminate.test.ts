import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStepsInMemory, type Doc } from '@anneal/core';
import { writeDocuments } from '@anneal/io';
import { buildBenchmarkIndex, decontaminateStep, matchWords } from '../src/index.js';

const QUESTION =
  'A bakery sells 48 muffins in the morning and half as many in the afternoon. Each muffin costs $3.25. How much money does the bakery make from muffins in one day?';
const ANSWER =
  'In the afternoon it sells 48/2 = <<48/2=24>>24 muffins.\nIt sells 48 + 24 = <<48+24=72>>72 muffins.\nIt makes 72 * 3.25 = $<<72*3.25=234>>234.\n#### 234';
const PROSE =
  'The village lies in a wide valley between two ranges of low hills, and for most of its history it lived from sheep and from the wool trade that the river made possible. The old mill still stands beside the bridge, although it has been a museum since the nineteen seventies and the wheel no longer turns. ';

async function index(items: object[], extra: { min_item_words?: number; ngram?: number } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-decon-'));
  const path = join(dir, 'bench.jsonl');
  await writeFile(path, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
  return buildBenchmarkIndex({
    ngram: extra.ngram ?? 13,
    min_item_words: extra.min_item_words ?? 8,
    sets: [{ name: 'bench', path, fields: ['question', 'answer'], id_field: 'id', if_missing: 'fail' }],
  });
}

const doc = (text: string, id = 'd'): Doc => ({ id, text, metadata: {} });

test('words are compared after case, punctuation, spacing, Unicode, $…$ and calculator notes are set aside', () => {
  assert.deepEqual(matchWords('It makes 72 * 3.25 = $<<72*3.25=234>>234.'), matchWords('IT MAKES $72$ × $3.25$ =\n  234'));
  assert.deepEqual(matchWords('Café ﬁve ５,000'), ['cafe', 'five', '5000']);
});

test('drop: a document holding an item is dropped with its set, item and coverage; clean text passes', async () => {
  const idx = await index([{ id: 'q1', question: QUESTION, answer: ANSWER }]);
  const step = decontaminateStep(idx, {});
  const run = await runStepsInMemory([doc(PROSE + QUESTION.toUpperCase() + ' ' + PROSE, 'hit'), doc(PROSE + PROSE, 'clean')], [step]);
  assert.deepEqual(
    run.docs.map((d) => d.id),
    ['clean'],
  );
  assert.deepEqual(run.ledger[1]!.dropped, { contaminated_bench: 1 });
  assert.deepEqual(run.ledger[1]!.counts, { 'bench.documents': 1 });
  assert.deepEqual(run.ledger[1]!.distinct, { 'bench.items': ['q1'] });
  const verdict = step.apply(doc(PROSE + QUESTION));
  assert.ok('dropped' in verdict);
  assert.match(verdict.detail!, /^bench item q1: 100 % of a field covered by \d+ matching 13-grams, needs 80 %$/);
});

test('remove_spans: the passage goes with its margin, the rest stays; too little left drops', async () => {
  const idx = await index([{ id: 'q1', question: QUESTION, answer: ANSWER }]);
  const text = `${PROSE}${PROSE}\n\n${QUESTION}\n${ANSWER}\n\n${PROSE}${PROSE}`;
  const kept = decontaminateStep(idx, { action: 'remove_spans', margin_words: 0, min_remaining_words: 50 }).apply(doc(text));
  assert.ok(!('dropped' in kept));
  assert.ok(!kept.text.includes('muffin') && kept.text.includes('The old mill'), kept.text);
  assert.deepEqual(kept.metadata.contamination, [
    { set: 'bench', item: 'q1', coverage: 1, ngrams: (kept.metadata.contamination as { ngrams: number }[])[0]!.ngrams },
  ]);
  const words = (s: string) => matchWords(s).length;
  assert.equal(kept.metadata.contamination_removed_words, words(text) - words(kept.text));
  const gone = decontaminateStep(idx, { action: 'remove_spans', min_remaining_words: 500 }).apply(doc(text));
  assert.ok('dropped' in gone && gone.dropped === 'contaminated_bench');
  assert.match(gone.detail!, /words left after cutting, needs 500$/);
});

test('a near miss (same template, other numbers and names) is not an item; min_coverage 0 flags any shared 13-gram', async () => {
  const idx = await index([{ id: 'q1', question: QUESTION, answer: ANSWER }]);
  const nearMiss = QUESTION.replace('48', '36').replace('$3.25', '$2.50').replace('bakery', 'cafe').replace('the bakery', 'the cafe');
  assert.ok(!('dropped' in decontaminateStep(idx, {}).apply(doc(PROSE + nearMiss))));
  const phrase = doc(PROSE + 'Each muffin costs $3.25. How much money does the bakery make from muffins in one day? ' + PROSE);
  assert.ok(!('dropped' in decontaminateStep(idx, {}).apply(phrase)));
  assert.ok('dropped' in decontaminateStep(idx, { min_coverage: 0 }).apply(phrase));
});

test('items shorter than n are indexed whole; shorter than min_item_words, left out and counted', async () => {
  const idx = await index([
    { id: 'short', question: 'Name the capital city of the old kingdom of Wessex', answer: '' },
    { id: 'tiny', question: 'Yes or no?', answer: '' },
  ]);
  assert.deepEqual(idx.sets, [{ name: 'bench', items: 1, too_short: 1, whole: 1 }]);
  assert.deepEqual(idx.wholeLengths, [10]);
  const step = decontaminateStep(idx, {});
  assert.ok('dropped' in step.apply(doc(`${PROSE} name the capital city of the old kingdom of Wessex. ${PROSE}`)));
  assert.ok(!('dropped' in step.apply(doc(`${PROSE} Yes or no? ${PROSE}`))));
});

test('the index is one SharedArrayBuffer: a structured clone (what a worker thread gets) sees the same memory', async () => {
  const idx = await index([{ id: 'q1', question: QUESTION, answer: ANSWER }]);
  assert.ok(idx.table.buffer instanceof SharedArrayBuffer);
  const clone = structuredClone(idx);
  const mine = new Uint32Array(idx.table.buffer);
  const theirs = new Uint32Array(clone.table.buffer);
  const slot = mine.findIndex((v) => v !== 0);
  const before = mine[slot]!;
  mine[slot] = (before ^ 1) >>> 0;
  assert.equal(theirs[slot], (before ^ 1) >>> 0);
  mine[slot] = before;
  // and the clone finds what the original finds
  assert.ok('dropped' in decontaminateStep(clone, {}).apply(doc(PROSE + QUESTION)));
});

test('plain-text sets (one item a paragraph), a missing file skipped or refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-decon-'));
  const path = join(dir, 'items.txt');
  await writeFile(path, `${QUESTION}\n\n${PROSE}\n`);
  const idx = await buildBenchmarkIndex({
    ngram: 13,
    min_item_words: 8,
    sets: [
      { name: 'plain', path, fields: ['text'], format: 'text', if_missing: 'fail' },
      { name: 'absent', path: join(dir, 'nope.jsonl'), fields: ['q'], if_missing: 'skip' },
    ],
  });
  assert.equal(idx.sets[0]!.items, 2);
  assert.equal(idx.itemId[0], `${path}:1`);
  assert.match(idx.sets[1]!.missing!, /nope\.jsonl not found/);
  // with every set missing (a clone without ../shared), the step passes every document on
  const none = await buildBenchmarkIndex({
    ngram: 13,
    min_item_words: 8,
    sets: [{ name: 'absent', path: join(dir, 'nope.jsonl'), fields: ['q'], if_missing: 'skip' }],
  });
  assert.equal(none.itemId.length, 0);
  const passed = await runStepsInMemory([doc(PROSE + QUESTION)], [decontaminateStep(none, {})]);
  assert.equal(passed.docs.length, 1);
  await assert.rejects(
    buildBenchmarkIndex({
      ngram: 13,
      min_item_words: 8,
      sets: [{ name: 'absent', path: join(dir, 'nope.jsonl'), fields: ['q'], if_missing: 'fail' }],
    }),
    /benchmark set absent: .*nope\.jsonl does not exist/,
  );
});

test('a Parquet benchmark set: fields from columns, items named by id_field', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-decon-'));
  const path = join(dir, 'bench.parquet');
  const writer = writeDocuments(path, 'parquet');
  await writer.write({ id: 'p-1', text: QUESTION, metadata: { answer: ANSWER } });
  await writer.write({ id: 'p-2', text: PROSE, metadata: { answer: 'none' } });
  await writer.close();
  const idx = await buildBenchmarkIndex({
    ngram: 13,
    min_item_words: 8,
    sets: [{ name: 'pq', path, fields: ['text', 'answer'], id_field: 'id', if_missing: 'fail' }],
  });
  assert.deepEqual(idx.itemId, ['p-1', 'p-2']);
  const verdict = decontaminateStep(idx, {}).apply(doc(`Some lead-in words here.\n${ANSWER}`));
  assert.ok('dropped' in verdict && verdict.dropped === 'contaminated_pq');
  assert.match(verdict.detail!, /^pq item p-1: /);
});
