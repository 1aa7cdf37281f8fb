import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastTextLine } from '../src/index.js';

test('fastText text: lowercase, one line, punctuation and symbols as tokens of their own', () => {
  assert.equal(fastTextLine('Def F(x):\n    return x+1\r\n'), 'def f ( x ) : return x + 1');
  assert.equal(fastTextLine('  Hello,\tWORLD!  '), 'hello , world !');
  assert.equal(fastTextLine('\n\n'), '');
});
