import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BYTE_LEVEL_ALPHABET, trainBpe } from '../src/index.js';

// The Rust trainer's own unit test (trainer.rs, test_train), byte-level: with min_frequency 2 it
// learns exactly 're', 'are' and 'is', in that order.
const ROSES = new Map<string, number>([
  ['roses', 1],
  ['are', 2],
  ['red', 1],
  ['voilets', 1],
  ['blue', 1],
  ['BERT', 1],
  ['is', 2],
  ['big', 1],
  ['and', 1],
  ['so', 1],
  ['GPT-2', 1],
]);

test('learns the merges of the Rust trainer unit test, after special tokens and the 256 bytes', () => {
  const model = trainBpe(ROSES, { vocabSize: 1000, minFrequency: 2, specialTokens: ['<|endoftext|>', '<|pad|>'] });
  assert.deepEqual(model.merges, [
    ['r', 'e'],
    ['a', 're'],
    ['i', 's'],
  ]);
  assert.deepEqual(model.vocab.slice(0, 2), ['<|endoftext|>', '<|pad|>']);
  assert.deepEqual(model.vocab.slice(2, 258), BYTE_LEVEL_ALPHABET);
  assert.deepEqual(model.vocab.slice(258), ['re', 'are', 'is']);
});

test('stops at vocab_size, and min_frequency 0 merges down to whole words', () => {
  const small = trainBpe(ROSES, { vocabSize: 258 + 2, minFrequency: 0, specialTokens: ['<|endoftext|>', '<|pad|>'] });
  assert.equal(small.vocab.length, 260);
  const all = trainBpe(ROSES, { vocabSize: 5000, minFrequency: 0, specialTokens: [] });
  for (const word of ROSES.keys()) assert.ok(all.vocab.includes(word.replace(' ', 'Ġ')), word);
});

test('ties break by the smaller pair, so the result does not depend on word order', () => {
  const words = [
    ['xy', 3],
    ['ab', 3],
    ['mn', 3],
    ['ba', 3],
  ] as const;
  const a = trainBpe(new Map(words), { vocabSize: 300, minFrequency: 1, specialTokens: [] });
  const b = trainBpe(new Map([...words].reverse()), { vocabSize: 300, minFrequency: 1, specialTokens: [] });
  assert.deepEqual(a.merges, [
    ['a', 'b'],
    ['b', 'a'],
    ['m', 'n'],
    ['x', 'y'],
  ]);
  assert.deepEqual(b.merges, a.merges);
});

test('non-ASCII words merge over their UTF-8 bytes', () => {
  const model = trainBpe(new Map([['é', 5]]), { vocabSize: 300, minFrequency: 1, specialTokens: [] });
  assert.deepEqual(model.merges, [['Ã', '©']]); // é = C3 A9
});

test('a vocabulary too small for the special tokens and bytes is refused', () => {
  assert.throws(() => trainBpe(ROSES, { vocabSize: 100, minFrequency: 1, specialTokens: [] }), /vocab_size 100/);
});
