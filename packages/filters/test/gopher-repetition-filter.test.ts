import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gopherRepetitionFilter, type GopherRepetitionOptions } from '@anneal/filters';
import { verdict } from './verdict.js';

/** Only the named rules, so each test looks at one rule. */
function only(options: Partial<GopherRepetitionOptions>) {
  const off = { dup_line_frac: null, dup_para_frac: null, dup_line_char_frac: null, dup_para_char_frac: null, top_n_grams: [], dup_n_grams: [] };
  return gopherRepetitionFilter({ ...off, ...options });
}
const distinct = (k: number, prefix: string) => Array.from({ length: k }, (_, i) => `${prefix} number ${i} is here.`);

test('gopher_repetition keeps ordinary prose in paragraphs, blank lines between them are not duplicate lines', () => {
  const paragraphs = [
    'Bees need water on hot days.',
    'A shallow dish with stones works well.',
    'Keep it clean and full.',
    'Place it near the hive.',
    'Check it every morning.',
    'Refill it when it is low.',
  ];
  assert.equal(verdict(gopherRepetitionFilter(), paragraphs.join('\n\n')), 'kept');
});

test('duplicate paragraphs: over 30 % by count, over 20 % by characters', () => {
  const paras = (dups: number) =>
    [...distinct(10 - dups, 'Paragraph'), ...Array.from({ length: dups }, () => 'Paragraph number 0 is here.')].join('\n\n');
  assert.equal(verdict(only({ dup_para_frac: 0.3 }), paras(4)), 'gopher_dup_para_frac');
  assert.equal(verdict(only({ dup_para_frac: 0.3 }), paras(3)), 'kept');
  const a = 'x'.repeat(20);
  assert.equal(verdict(only({ dup_para_char_frac: 0.2 }), `${a}\n\n${a}\n\n${'y'.repeat(50)}`), 'gopher_dup_para_char_frac'); // 20/94
  assert.equal(verdict(only({ dup_para_char_frac: 0.2 }), `${a}\n\n${a}\n\n${'y'.repeat(60)}`), 'kept'); // 20/104
});

test('duplicate lines: over 30 % by count, over 20 % by characters', () => {
  const lines = (dups: number) => [...distinct(10 - dups, 'Line'), ...Array.from({ length: dups }, () => 'Line number 0 is here.')].join('\n');
  assert.equal(verdict(only({ dup_line_frac: 0.3 }), lines(4)), 'gopher_dup_line_frac');
  assert.equal(verdict(only({ dup_line_frac: 0.3 }), lines(3)), 'kept');
  const a = 'x'.repeat(20);
  assert.equal(verdict(only({ dup_line_char_frac: 0.2 }), `${a}\n${a}\n${'y'.repeat(55)}`), 'gopher_dup_line_char_frac'); // 20/97
  assert.equal(verdict(only({ dup_line_char_frac: 0.2 }), `${a}\n${a}\n${'y'.repeat(60)}`), 'kept'); // 20/102
});

test('top n-gram: characters of the most frequent n-gram times its count, over the text length', () => {
  const text = 'aa bb cc dd aa bb'; // 'aa bb' twice: 10 of 17 characters = 0.588
  assert.equal(verdict(only({ top_n_grams: [[2, 0.58]] }), text), 'gopher_top_2_gram');
  assert.equal(verdict(only({ top_n_grams: [[2, 0.59]] }), text), 'kept');
  assert.equal(
    verdict(gopherRepetitionFilter(), 'buy cheap shoes now '.repeat(3) + 'and other things, said the owner of the small shop in town.'),
    'gopher_top_2_gram',
  );
});

test('duplicated n-grams: characters in n-grams that repeat an earlier one, over the text length', () => {
  // the second 'a b c d e' is 5 characters as datatrove counts it (words joined without spaces): 5/19 = 0.263
  const text = 'a b c d e a b c d e';
  assert.equal(verdict(only({ dup_n_grams: [[5, 0.26]] }), text), 'gopher_dup_5_gram');
  assert.equal(verdict(only({ dup_n_grams: [[5, 0.27]] }), text), 'kept');
  assert.equal(verdict(only({ dup_n_grams: [[6, 0.01]] }), text), 'kept', 'no 6-gram repeats');
});
