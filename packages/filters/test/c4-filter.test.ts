import { test } from 'node:test';
import assert from 'node:assert/strict';
import { c4Filter, countSentences } from '@anneal/filters';
import { verdict } from './verdict.js';

const c4 = c4Filter();
const sentences = (k: number) => Array.from({ length: k }, (_, i) => `This is sentence number ${i} of the page.`).join(' ');

test('c4 removes the lines C4 removes and keeps the rest, one newline apart', () => {
  const text = [
    'Home > Blog > Gardening', // no terminal punctuation
    sentences(3),
    'Too short.', // fewer than 3 words
    'Please enable JavaScript to view the comments.',
    'By using this site you accept our use of cookies.',
    'Read our privacy policy and terms of use.',
    '',
    `A word ${'x'.repeat(1001)} too long for a line.`,
    'Bees were first kept in clay pots.[1] Later, they lived in straw skeps.[citation needed]',
    'This one trails off...',
  ].join('\n');
  const r = c4.apply({ id: 'd', text, metadata: { keep: 1 } });
  assert.ok(!('dropped' in r));
  assert.equal(r.text, `${sentences(3)}\nBees were first kept in clay pots. Later, they lived in straw skeps.`);
  assert.deepEqual(r.metadata, { keep: 1 });
});

test('c4 drops pages with fewer than 5 sentences left', () => {
  assert.equal(verdict(c4, sentences(4)), 'c4_too_few_sentences');
  assert.equal(verdict(c4, sentences(5)), 'kept');
  assert.equal(verdict(c4, `${sentences(4)}\nHome | About | Contact`), 'c4_too_few_sentences', 'removed lines do not count');
  assert.equal(verdict(c4Filter({ min_num_sentences: -1 }), 'Only one sentence here.'), 'kept');
  assert.equal(countSentences('One is here. Two "is here." Three?! And four'), 4);
});

test('c4 drops pages with lorem ipsum or a curly bracket in a line it would keep', () => {
  assert.equal(verdict(c4, `${sentences(5)}\nLorem ipsum dolor sit amet, consectetur.`), 'c4_lorem_ipsum');
  assert.equal(verdict(c4, `${sentences(5)}\nfunction f() { return 1; }`), 'kept', 'a line without terminal punctuation goes first');
  assert.equal(verdict(c4, `${sentences(5)}\nThe set {1, 2} has two members.`), 'c4_curly_bracket');
  assert.equal(
    verdict(c4Filter({ filter_curly_bracket: false, filter_lorem_ipsum: false }), `${sentences(5)}\nThe set {1, 2} has lorem ipsum.`),
    'kept',
  );
});
