import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitWords } from '@anneal/filters';

// Each expected list is what spaCy 3.8's `spacy.blank('en').tokenizer` gives (whitespace tokens left
// out, as datatrove's split_into_words leaves them out); tests/interop checks whole documents.
const SPACY: [string, string[]][] = [
  [
    "Hello, world. Don't do it... well-known 24.32 2,600 #tag $5 e-mail: a@b.com (x)",
    [
      'Hello',
      ',',
      'world',
      '.',
      'Do',
      "n't",
      'do',
      'it',
      '...',
      'well',
      '-',
      'known',
      '24.32',
      '2,600',
      '#',
      'tag',
      '$',
      '5',
      'e',
      '-',
      'mail',
      ':',
      'a@b.com',
      '(',
      'x',
      ')',
    ],
  ],
  ["did n't", ['did', "n't"]],
  ["can't", ['ca', "n't"]],
  ['gonna', ['gon', 'na']],
  ['US$5', ['US$', '5']],
  ['os.path.join(a, b)', ['os.path.join(a', ',', 'b', ')']],
  ['self.Foo', ['self', '.', 'Foo']],
  ["Sullivan 's Island", ['Sullivan', "'s", 'Island']],
  ['servant-maid', ['servant', '-', 'maid']],
  ["absolute 'shall'?", ['absolute', "'", 'shall', "'", '?']],
  [
    'Mr. Smith, e.g. 5km (see https://example.com/a?b=1).',
    ['Mr.', 'Smith', ',', 'e.g.', '5', 'km', '(', 'see', 'https://example.com/a?b=1', ')', '.'],
  ],
];

test('splitWords gives spaCy English tokens: affixes, infixes, exceptions, URLs', () => {
  for (const [text, tokens] of SPACY) assert.deepEqual(splitWords(text), tokens, text);
});
