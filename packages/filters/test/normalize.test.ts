import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromArray, runTask, type Doc } from '@anneal/core';
import { lengthFilter, normalizeStep, normalizeText } from '@anneal/filters';

test('normalize: NFC, control characters, unusual spaces, runs of blank lines', () => {
  assert.equal(normalizeText('Cafe\u0301'), 'Café');
  assert.equal(normalizeText('a\u0000b\u0007c\u200bd\ufeff'), 'abcd');
  assert.equal(normalizeText('  one\u00a0\u00a0two\t\tthree  \r\n\r\n\r\n\r\nfour \n'), 'one two three\n\nfour');
  assert.equal(normalizeText('ﬁne', { form: 'NFKC', strip_control: true, collapse_whitespace: true, drop_empty: true }), 'fine');
  assert.equal(normalizeText('keep\ttabs  here', { form: 'NFC', strip_control: true, collapse_whitespace: false, drop_empty: true }), 'keep\ttabs  here');
});

async function run(steps: ReturnType<typeof normalizeStep>[], texts: string[]) {
  const docs: Doc[] = texts.map((text, i) => ({ id: `d${i}`, text, metadata: { keep: i } }));
  const out: Doc[] = [];
  const ledger = await runTask({
    rank: 0,
    worldSize: 1,
    seed: 0,
    onError: 'skip',
    records: fromArray(docs.map((doc) => ({ doc }))),
    inputBytesRead: () => 0,
    steps,
    write: (d) => void out.push(d),
    reportError: () => undefined,
  });
  return { out, ledger };
}

test('normalize step drops documents left empty, keeps metadata, counts bytes', async () => {
  const { out, ledger } = await run([normalizeStep()], ['hello  world', ' \u0000\u200b ', 'ok']);
  assert.deepEqual(
    out.map((d) => [d.id, d.text, d.metadata.keep]),
    [
      ['d0', 'hello world', 0],
      ['d2', 'ok', 2],
    ],
  );
  assert.deepEqual(ledger[1]!.dropped, { empty_after_normalize: 1 });
  assert.equal(ledger[1]!.bytes_in, 12 + 6 + 2); // U+200B is 3 bytes in UTF-8
  assert.equal(ledger[1]!.bytes_out, 11 + 2);
});

test('length filter: both sides of each bound, with its drop reasons', async () => {
  const { out, ledger } = await run([lengthFilter({ min_chars: 3, max_chars: 20, min_words: 2, max_words: 3 })], [
    'ab', // too few chars
    'abc def', // kept (3+ chars, 2 words)
    'abcdefghij klmnopqrstu', // 22 chars: too many
    'single', // one word
    'one two three', // kept: 3 words
    'a b c d', // 4 words
  ]);
  assert.deepEqual(
    out.map((d) => d.text),
    ['abc def', 'one two three'],
  );
  assert.deepEqual(ledger[1]!.dropped, { too_few_chars: 1, too_few_words: 1, too_many_chars: 1, too_many_words: 1 });
});
