import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gopherQualityFilter } from '@anneal/filters';
import { verdict } from './verdict.js';

const VOCABULARY = ['the', 'garden', 'of', 'water', 'and', 'plants', 'with', 'care'];
/** One sentence of exactly `n` content words (mean length 4.4, four stop words), ending in '.'. */
const prose = (n: number) => Array.from({ length: n }, (_, i) => VOCABULARY[i % VOCABULARY.length]).join(' ') + '.';
const repeat = (s: string, k: number) => Array.from({ length: k }, () => s).join('');
const gopher = gopherQualityFilter();

test('gopher_quality keeps ordinary prose', () => {
  assert.equal(verdict(gopher, 'The quick brown fox jumps over the lazy dog and runs to the edge of the forest. '.repeat(6)), 'kept');
});

test('word count: 50 content words (punctuation tokens do not count) to 100,000', () => {
  assert.equal(verdict(gopher, prose(49)), 'gopher_short_doc');
  assert.equal(verdict(gopher, prose(50)), 'kept');
  assert.equal(verdict(gopherQualityFilter({ max_doc_words: 100 }), prose(101)), 'gopher_long_doc');
  assert.equal(verdict(gopherQualityFilter({ max_doc_words: 100 }), prose(100)), 'kept');
  assert.equal(verdict(gopherQualityFilter({ min_doc_words: null }), prose(10)), 'kept', 'null turns a rule off');
});

test('mean word length: 3 to 10 characters', () => {
  assert.equal(verdict(gopher, 'the of ' + repeat('abc ', 58)), 'gopher_short_words'); // 2.98
  assert.equal(verdict(gopher, 'the of abcd abcd ' + repeat('abc ', 56)), 'kept'); // 3.02
  assert.equal(verdict(gopher, 'the of ' + repeat('abcdefghijk ', 58)), 'gopher_long_words'); // 10.72
  assert.equal(verdict(gopher, 'the of ' + repeat('abcdefghij ', 58)), 'kept'); // 9.75
});

test('# and ... per word: at most 0.1 each', () => {
  assert.equal(verdict(gopher, `${prose(60)} ${repeat('#x ', 8)}`), 'gopher_hash_ratio'); // 8 / 77 tokens
  assert.equal(verdict(gopher, `${prose(60)} ${repeat('#x ', 7)}`), 'kept'); // 7 / 75
  assert.equal(verdict(gopher, `${prose(60)} ${repeat('so... ', 8)}end.`), 'gopher_ellipsis_ratio'); // 8 / 78
  assert.equal(verdict(gopher, `${prose(60)} ${repeat('so… ', 7)}end.`), 'kept'); // 7 / 76
});

test('lines: over 90 % starting with a bullet, over 30 % ending in an ellipsis', () => {
  const lines = (bullets: number, ellipses: number) =>
    Array.from(
      { length: 10 },
      (_, i) => (i < bullets ? (i % 2 ? '• ' : '- ') : '') + prose(8).slice(0, i < ellipses ? -1 : undefined) + (i < ellipses ? '...' : ''),
    ).join('\n');
  assert.equal(verdict(gopher, lines(10, 0)), 'gopher_bullet_lines');
  assert.equal(verdict(gopher, lines(9, 0)), 'kept');
  assert.equal(verdict(gopher, lines(0, 4)), 'gopher_ellipsis_lines');
  assert.equal(verdict(gopher, lines(0, 3)), 'kept');
});

test('at least 80 % of tokens hold a letter', () => {
  assert.equal(verdict(gopher, `${prose(60)} ${repeat('123 ', 15)}`), 'gopher_alpha_words'); // 60 / 76
  assert.equal(verdict(gopher, `${prose(60)} ${repeat('123 ', 14)}`), 'kept'); // 60 / 75
});

test('at least two distinct stop words, matched case-sensitively as in datatrove', () => {
  const plain = repeat('garden water plants care ', 15);
  assert.equal(verdict(gopher, `the ${plain}the.`), 'gopher_stop_words');
  assert.equal(verdict(gopher, `The Of ${plain}.`), 'gopher_stop_words');
  assert.equal(verdict(gopher, `the of ${plain}.`), 'kept');
  assert.equal(verdict(gopherQualityFilter({ stop_words: ['garden', 'care'] }), `${plain}.`), 'kept');
});
