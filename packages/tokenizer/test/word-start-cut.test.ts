import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BpeEncoder } from '../src/index.js';
import { bpeModelPart } from './bpe-model-part.js';

// The cut of SentencePiece-style text before runs of ▁ (hf/bpe-model-json.ts: findWordStart) must
// give the ids of BPE over the whole uncut text, whether the merges prove the cut safe or not.

const BYTES = Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);

/** Llama 2's pipeline (Prepend ▁, Replace ' ' → ▁, no pre-tokenizer, byte_fallback) over a tiny vocabulary. */
function llama2Style(extraTokens: string[], extraMerges: [string, string][]): BpeEncoder {
  const tokens = ['<unk>', ...BYTES, '▁', 'a', 'b', 'x', '▁a', 'ab', '▁ab', '▁▁', ...extraTokens];
  const merges: [string, string][] = [['a', 'b'], ['▁', 'a'], ['▁', 'ab'], ['▁', '▁'], ...extraMerges];
  return BpeEncoder.fromJson(
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [{ id: 0, content: '<unk>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
      normalizer: {
        type: 'Sequence',
        normalizers: [
          { type: 'Prepend', prepend: '▁' },
          { type: 'Replace', pattern: { String: ' ' }, content: '▁' },
        ],
      },
      pre_tokenizer: null,
      post_processor: null,
      decoder: null,
      model: bpeModelPart({ vocab: Object.fromEntries(tokens.map((t, id) => [t, id])), merges, byteFallback: true }),
    }),
  );
}

/** The ids without any cut: the model over the whole normalized text. */
const uncut = (encoder: BpeEncoder, text: string) => {
  const { normalizer, model } = encoder.tokenizer;
  return Array.from(model.tokenize(normalizer!.normalize(text)));
};

const texts = fc.array(fc.constantFrom('a', 'b', 'x', ' ', '  ', '▁', 'A', 'é', '😀', '\n'), { maxLength: 40 }).map((cs) => cs.join(''));

function checkAgainstUncut(encoder: BpeEncoder): void {
  fc.assert(
    fc.property(texts, (text) => assert.deepEqual(Array.from(encoder.encode(text)), uncut(encoder, text), JSON.stringify(text))),
    { numRuns: 2000 },
  );
}

test('no merge ends in a non-▁ character before ▁: the text is cut before every run of ▁, with the uncut ids', () => {
  const encoder = llama2Style([], []);
  assert.deepEqual([...encoder.tokenizer.model.wordStart!.unsafeBefore], []);
  checkAgainstUncut(encoder);
});

test('a merge x + ▁a: no cut after x, other cuts stay, with the uncut ids', () => {
  const encoder = llama2Style(['x▁a'], [['x', '▁a']]);
  assert.deepEqual([...encoder.tokenizer.model.wordStart!.unsafeBefore], ['x'.charCodeAt(0)]);
  assert.deepEqual(Array.from(encoder.encode('x a')), uncut(encoder, 'x a'));
  checkAgainstUncut(encoder);
});

test('a merge of a byte-fallback token + ▁ (any character could fall back): no cut at all, with the uncut ids', () => {
  // 'A' is not in the vocabulary, so it becomes <0x41>, which merges with the ▁ after it
  const encoder = llama2Style(['<0x41>▁'], [['<0x41>', '▁']]);
  assert.equal(encoder.tokenizer.model.wordStart, undefined);
  checkAgainstUncut(encoder);
});

// Cuts between two ASCII characters (hf/word-start.ts: findAsciiCuts): taken wherever no merge
// joins a symbol ending in the first to one starting with the second, a character without its own
// token standing as its <0xXX> token's `<…>`.

const asciiTexts = fc
  .array(fc.constantFrom('a', 'b', 'x', ' ', '▁', '.', '1', '2', '12', 'A', '\n', '\n\n', 'é', '<', '>'), { maxLength: 40 })
  .map((cs) => cs.join(''));

function checkAsciiAgainstUncut(encoder: BpeEncoder): void {
  fc.assert(
    fc.property(asciiTexts, (text) => assert.deepEqual(Array.from(encoder.encode(text)), uncut(encoder, text), JSON.stringify(text))),
    { numRuns: 2000 },
  );
}

const cutsOf = (encoder: BpeEncoder, pairs: string[]) =>
  pairs.map((p) => encoder.tokenizer.model.wordStart!.asciiCuts[(p.charCodeAt(0) << 7) | p.charCodeAt(1)]);

test('merges across ASCII pairs (b + ., 1 + 2, > + <): no cut between those pairs, cuts elsewhere, with the uncut ids', () => {
  const encoder = llama2Style(
    ['.', '1', '2', '<', '>', 'b.', '12', '><'],
    [
      ['b', '.'],
      ['1', '2'],
      ['>', '<'],
    ],
  );
  assert.deepEqual(cutsOf(encoder, ['b.', '12', '><', 'a.', '21', '.1', 'ab', 'ba']), [0, 0, 0, 1, 1, 1, 0, 1]);
  checkAsciiAgainstUncut(encoder);
});

test('a merge of two byte-fallback tokens (\\n\\n): no cut between characters that fall back, with the uncut ids', () => {
  // 'A' and '\n' have no token of their own: they are <0x41>, <0x0A>, whose text starts with < and ends with >
  const encoder = llama2Style(['.', '<0x0A><0x0A>'], [['<0x0A>', '<0x0A>']]);
  assert.deepEqual(cutsOf(encoder, ['\n\n', 'A\n', '\nA', 'a\n', '\na', 'a.']), [0, 0, 0, 1, 1, 1]);
  checkAsciiAgainstUncut(encoder);
});

test('every ASCII pair cut where no merge forbids it: the uncut ids on random ASCII-heavy text', () => {
  checkAsciiAgainstUncut(llama2Style(['.', '1', '2', '12', '.▁'], [['1', '2']]));
});
