import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStepsInMemory } from '@anneal/core';
import { DEFAULT_NORMALIZE_OPTIONS, lengthFilter, normalizeStep, normalizeText } from '@anneal/filters';

const COLLAPSE = { ...DEFAULT_NORMALIZE_OPTIONS, collapse_whitespace: true };

test('normalize defaults: NFC, control characters, line endings and line-end spaces only', () => {
  assert.equal(normalizeText('Cafe\u0301'), 'Café');
  assert.equal(normalizeText('a\u0000b\u0007c\u200bd\ufeff'), 'abcd');
  // indentation, tabs, runs of spaces and blank lines are meaning in code: the defaults keep them
  const code = 'def f(x):\r\n\tif x:  \r\n        return  [1,\t2]\r\n\r\n\r\n\r\n    pass\n';
  assert.equal(normalizeText(code), 'def f(x):\n\tif x:\n        return  [1,\t2]\n\n\n\n    pass\n');
  assert.equal(normalizeText('  lead\u00a0kept\rold mac'), '  lead\u00a0kept\nold mac');
  assert.equal(normalizeText('keep trailing  ', { ...DEFAULT_NORMALIZE_OPTIONS, trim_line_ends: false }), 'keep trailing  ');
});

test('normalize collapse_whitespace (prose): unusual spaces, runs of spaces and tabs, runs of blank lines', () => {
  assert.equal(normalizeText('  one\u00a0\u00a0two\t\tthree  \r\n\r\n\r\n\r\nfour \n', COLLAPSE), 'one two three\n\nfour');
  assert.equal(normalizeText('ﬁne', { ...COLLAPSE, form: 'NFKC' }), 'fine');
});

async function run(steps: ReturnType<typeof normalizeStep>[], texts: string[]) {
  const { docs: out, ledger } = await runStepsInMemory(
    texts.map((text, i) => ({ id: `d${i}`, text, metadata: { keep: i } })),
    steps,
  );
  return { out, ledger };
}

test('normalize step drops documents left empty (or only whitespace), keeps metadata, counts bytes', async () => {
  const { out, ledger } = await run([normalizeStep({ collapse_whitespace: true })], ['hello  world', ' \u0000\u200b \n\t', 'ok']);
  assert.deepEqual(
    out.map((d) => [d.id, d.text, d.metadata.keep]),
    [
      ['d0', 'hello world', 0],
      ['d2', 'ok', 2],
    ],
  );
  assert.deepEqual(ledger[1]!.dropped, { empty_after_normalize: 1 });
  assert.equal(ledger[1]!.bytes_in, 12 + 8 + 2); // U+200B is 3 bytes in UTF-8
  assert.equal(ledger[1]!.bytes_out, 11 + 2);
});

test('length filter: both sides of each bound, with its drop reasons', async () => {
  const { out, ledger } = await run(
    [lengthFilter({ min_chars: 3, max_chars: 20, min_words: 2, max_words: 3 })],
    [
      'ab', // too few chars
      'abc def', // kept (3+ chars, 2 words)
      'abcdefghij klmnopqrstu', // 22 chars: too many
      'single', // one word
      'one two three', // kept: 3 words
      'a b c d', // 4 words
    ],
  );
  assert.deepEqual(
    out.map((d) => d.text),
    ['abc def', 'one two three'],
  );
  assert.deepEqual(ledger[1]!.dropped, { too_few_chars: 1, too_few_words: 1, too_many_chars: 1, too_many_words: 1 });
});
