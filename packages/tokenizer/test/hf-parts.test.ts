import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BpeEncoder, JsonPart, PieceScanner, loadNormalizer, loadPreTokenizer, translateOnigurumaRegex } from '../src/index.js';
import { bpeModelPart } from './bpe-model-part.js';

// Unit checks of the tokenizer.json parts that need no Python; tests/interop compares them all
// with Python tokenizers.

test('Oniguruma → JavaScript: \\s is White_Space, (?i:) literals become fold classes, possessive and atomic become lookahead + backreference', () => {
  const re = (p: string) => new RegExp(translateOnigurumaRegex(p), 'gu');
  assert.deepEqual('a\u0085b\ufeffc'.match(re('\\s')), ['\u0085']);
  assert.deepEqual("x'ſt 'S".match(re("(?i:'s|'t)")), ["'ſ", "'S"]);
  assert.equal(translateOnigurumaRegex('(?i:k)'), '(?:[kK\u212a])', 'k, K and the Kelvin sign');
  // possessive: a++ never gives back, so "aaa" cannot match a++a
  assert.equal('aaa'.match(re('a++a')), null);
  assert.deepEqual('aaa'.match(re('a+a')), ['aaa']);
  assert.equal('abc'.match(re('(?>ab|a)bc')), null);
  assert.deepEqual('東京 Abc'.match(re('\\p{Han}+|\\p{Lu}\\p{Ll}*')), ['東京', 'Abc']);
  // `.` excludes only \n; ^ and $ are line anchors
  assert.deepEqual('a\rb\nc'.match(re('^.+$')), ['a\rb', 'c']);
});

function tinyTokenizer(extra: Record<string, unknown>): string {
  const vocab: Record<string, number> = { '<unk>': 0, '<s>': 1, '</s>': 2, '▁': 3, a: 4, b: 5, '▁a': 6, ab: 7, '▁ab': 8 };
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      { id: 0, content: '<unk>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
      { id: 1, content: '<s>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
      { id: 2, content: '</s>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
    ],
    normalizer: null,
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [],
      special_tokens: { '<s>': { id: '<s>', ids: [1], tokens: ['<s>'] }, '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] } },
    },
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: bpeModelPart({
      vocab,
      merges: [
        ['a', 'b'],
        ['▁', 'a'],
        ['▁', 'ab'],
      ],
      byteFallback: false,
    }),
    ...extra,
  });
}

test('a Metaspace BPE: merges by rank, fused unknown characters, the template around the ids, decode back', () => {
  const encoder = BpeEncoder.fromJson(tinyTokenizer({}));
  assert.deepEqual(Array.from(encoder.encode('ab a')), [8, 6]);
  assert.deepEqual(Array.from(encoder.encode('ab xyz b')), [8, 3, 0, 3, 5]);
  assert.deepEqual(Array.from(encoder.encode('ab', { addSpecialTokens: true })), [1, 8, 2]);
  assert.equal(encoder.decode([8, 6]), 'ab a');
  // specials as text by default, matched on request
  assert.deepEqual(Array.from(encoder.encode('<s>a', { specialTokensAsText: false })), [1, 6]);
});

test('what cannot load is refused naming the file and the JSON path of the part', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ normalizer: { type: 'BertNormalizer' } }, /t\.json: unsupported tokenizer\.json: normalizer\.type: "BertNormalizer" is not supported/],
    [
      { pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'ByteLevel' }, { type: 'Digits' }] } },
      /pre_tokenizer\.pretokenizers\[0\]: ByteLevel must be the last/,
    ],
    [
      { pre_tokenizer: { type: 'Split', pattern: { Regex: 'a\\b' }, behavior: 'Isolated', invert: false } },
      /pre_tokenizer\.pattern\.Regex: regex "a\\\\b": escape \\b/,
    ],
    [
      { post_processor: { type: 'TemplateProcessing', single: [{ SpecialToken: { id: '<x>' } }, { Sequence: { id: 'A' } }], special_tokens: {} } },
      /post_processor\.special_tokens: no entry for "<x>"/,
    ],
    [{ decoder: { type: 'CTC' } }, /decoder\.type: "CTC" is not supported/],
    [{ truncation: { max_length: 512 } }, /truncation: must be null/],
  ];
  for (const [extra, message] of cases) assert.throws(() => BpeEncoder.fromJson(tinyTokenizer(extra), 't.json'), message, JSON.stringify(extra));
  const dropout = JSON.parse(tinyTokenizer({}));
  dropout.model.dropout = 0.1;
  assert.throws(() => BpeEncoder.fromJson(JSON.stringify(dropout), 't.json'), /model\.dropout: 0\.1: BPE dropout is random/);
  const badMerge = JSON.parse(tinyTokenizer({}));
  badMerge.model.merges.push(['a', 'zz']);
  assert.throws(() => BpeEncoder.fromJson(JSON.stringify(badMerge), 't.json'), /model\.merges\[3\]: "zz" is not in model\.vocab/);
});

test('Split behaviors cut as tokenizers does (the examples of its documentation)', () => {
  const split = (behavior: string, invert = false) =>
    loadPreTokenizer(new JsonPart('t', 'pre_tokenizer', { type: 'Split', pattern: { String: '-' }, behavior, invert }))
      .preTokenizer!.preTokenize([{ text: 'the-final--countdown', start: 0 }], 0)
      .map((p) => p.text);
  assert.deepEqual(split('Removed'), ['the', 'final', 'countdown']);
  assert.deepEqual(split('Isolated'), ['the', '-', 'final', '-', '-', 'countdown']);
  assert.deepEqual(split('MergedWithPrevious'), ['the-', 'final-', '-', 'countdown']);
  assert.deepEqual(split('MergedWithNext'), ['the', '-final', '-', '-countdown']);
  assert.deepEqual(split('Contiguous'), ['the', '-', 'final', '--', 'countdown']);
});

test("the scanner takes Llama 3's and Qwen's published patterns and cuts what their translated regex cuts (property, with ſ, K and whitespace runs)", () => {
  const llama3 =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
  for (const pattern of [llama3, llama3.replace('\\p{N}{1,3}', '\\p{N}')]) {
    const scanner = PieceScanner.forPattern(pattern);
    assert.ok(scanner, pattern);
    const regex = loadPreTokenizer(
      new JsonPart('t', 'pre_tokenizer', { type: 'Split', pattern: { Regex: pattern }, behavior: 'Isolated', invert: false }),
    ).preTokenizer!;
    const piece = fc.oneof(
      fc.constantFrom(
        "'s",
        "'ſ",
        "'S",
        "'ll",
        "'RE",
        'K',
        ' ',
        '  ',
        '\n',
        '\r\n',
        '\t',
        '\u00a0',
        '\u0085',
        '\ufeff',
        '123456',
        '٣',
        'ab',
        '東京',
        '🎉',
        '.,!',
      ),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        const ours: string[] = [];
        scanner!.forEachPiece(text, (a, b) => ours.push(text.slice(a, b)));
        assert.deepEqual(
          ours,
          regex.preTokenize([{ text, start: 0 }], 0).map((p) => p.text),
        );
      }),
      { numRuns: 1000 },
    );
  }
});

test('Replace puts its content in literally, with or without a `$` in it (as tokenizers does)', () => {
  const replace = (pattern: object, content: string) => loadNormalizer(new JsonPart('t.json', 'normalizer', { type: 'Replace', pattern, content }))!;
  assert.equal(replace({ String: ' ' }, '\u2581').normalize('a b  c'), 'a\u2581b\u2581\u2581c');
  assert.equal(replace({ String: ' ' }, "$&$1$'").normalize('a b'), "a$&$1$'b");
  assert.equal(replace({ Regex: '(b+)' }, '[$1]').normalize('abbc'), 'a[$1]c');
});
