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
