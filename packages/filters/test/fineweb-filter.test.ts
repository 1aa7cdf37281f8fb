import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fineWebFilter } from '@anneal/filters';
import { verdict } from './verdict.js';

const fineweb = fineWebFilter();
/** A distinct line of more than 30 characters, with or without a final full stop. */
const line = (i: number, stop = true) => `The long line number ${i} says something useful${stop ? '.' : ''}`;
const lines = (n: number, stopped: number) => Array.from({ length: n }, (_, i) => line(i, i < stopped)).join('\n');

test('fineweb keeps ordinary prose and drops empty text', () => {
  assert.equal(verdict(fineweb, lines(5, 5)), 'kept');
  assert.equal(verdict(fineweb, ' \n \n'), 'fineweb_empty');
});

test('line punctuation: at least 12 % of lines end in a stop character', () => {
  assert.equal(verdict(fineweb, lines(9, 1)), 'fineweb_line_punct_ratio'); // 0.111
  assert.equal(verdict(fineweb, lines(8, 1)), 'kept'); // 0.125
  assert.equal(verdict(fineWebFilter({ line_punct_exclude_zero: true }), lines(8, 0)), 'kept');
});

test('short lines: at most 67 % of lines of 30 characters or fewer', () => {
  const text = (short: number, long: number) =>
    [...Array.from({ length: short }, (_, i) => `Short ${i}.`), ...Array.from({ length: long }, (_, i) => line(i))].join('\n');
  assert.equal(verdict(fineweb, text(3, 1)), 'fineweb_short_line_ratio'); // 0.75
  assert.equal(verdict(fineweb, text(2, 1)), 'kept'); // 0.667
});

test('duplicated lines: characters in repeated lines over all non-newline characters', () => {
  const a = line(0); // 44 characters
  const text = `${a}\n${a}\n${'y'.repeat(131)}.`; // 44 / 220 = 0.2
  assert.equal(verdict(fineWebFilter({ char_duplicates_ratio: 0.19 }), text), 'fineweb_char_dup_ratio');
  assert.equal(verdict(fineWebFilter({ char_duplicates_ratio: 0.21 }), text), 'kept');
  assert.equal(verdict(fineweb, `${lines(20, 20)}\n${line(0)}`), 'fineweb_char_dup_ratio', 'one repeated line in 21 is over 1 %');
});

test('list ratio: at most 0.3 newlines per word', () => {
  const list = (n: number) => Array.from({ length: n }, (_, i) => `Item${i} here.`).join('\n'); // 3 tokens a line
  const noShortRule = fineWebFilter({ short_line_thr: 1 });
  assert.equal(verdict(noShortRule, list(11)), 'fineweb_list_ratio'); // 10 / 33
  assert.equal(verdict(noShortRule, list(10)), 'kept'); // 9 / 30
});
