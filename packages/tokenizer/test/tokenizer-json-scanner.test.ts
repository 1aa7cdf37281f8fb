import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BpeEncoder, loadTokenizerParts, scanBpeSections, UnsupportedTokenizerError } from '../src/index.js';
import { bpeModelPart } from './bpe-model-part.js';

// parseTokenizerJson reads model.vocab and model.merges with hf/bpe-sections-scanner.ts and
// JSON.parse only for the rest: the tables must be those of JSON.parse over the whole text, however
// the JSON is written (escapes, whitespace, key order), and anything the scanner does not expect
// must go to JSON.parse, never give other tables.

const BYTES = Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);

/** A Llama-2-style tokenizer.json object (byte fallback, no pre-tokenizer) over `tokens` and `merges`. */
function tokenizerObject(tokens: string[], merges: [string, string][]) {
  const vocab: Record<string, number> = {};
  ['<unk>', ...BYTES, ...tokens].forEach((t, id) => (vocab[t] = id));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [{ id: 0, content: '<unk>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
    normalizer: { type: 'Replace', pattern: { String: ' ' }, content: '▁' },
    pre_tokenizer: null,
    post_processor: null,
    decoder: null,
    model: bpeModelPart({ vocab, merges, byteFallback: true }),
  };
}

/** The encoder of the JSON.parse path: the parts loaded from the parsed object. */
function parsedEncoder(text: string): BpeEncoder {
  const parts = loadTokenizerParts(JSON.parse(text), 'parsed');
  return new BpeEncoder({ ...parts, hash: '', source: 'parsed', partsJson: '' });
}

function assertSameAsParsed(text: string, samples: string[]): void {
  const scanned = BpeEncoder.fromJson(text, 'scanned');
  const parsed = parsedEncoder(text);
  assert.deepEqual(scanned.tokenizer.vocab, parsed.tokenizer.vocab);
  assert.deepEqual(scanned.tokenizer.model.wordStart, parsed.tokenizer.model.wordStart);
  for (const sample of samples) assert.deepEqual(scanned.encode(sample), parsed.encode(sample), JSON.stringify(sample));
}

/** JSON text of a string with every character escaped as \uXXXX (surrogate pairs as two escapes). */
function uEscaped(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) out += `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return `${out}"`;
}

const TRICKY = ['a', 'b', 'ab', '"', '\\', '/', 'a"b', 'é', '😀', '😀a', '\n', '\t', '\u0001', '\u2028', '</', 'a\\b'];
const TRICKY_MERGES: [string, string][] = [
  ['a', 'b'],
  ['😀', 'a'],
  ['a', '"b'],
];
const SAMPLES = ['ab a"b 😀a é', '</ \\ / \t\n', 'a\\b \u2028 \u0001 😀😀', ''];

test('escaped, unusual and astral tokens: the scanner reads them as JSON.parse does', () => {
  const object = tokenizerObject([...TRICKY, '"b'], TRICKY_MERGES);
  const text = JSON.stringify(object, null, 2);
  assert.ok(scanBpeSections(text), 'the scanner reads the sections');
  assertSameAsParsed(text, SAMPLES);
});

test('\\uXXXX escapes (surrogate pairs as two), \\/ and other whitespace: the same tables', () => {
  const object = tokenizerObject([...TRICKY, '"b'], TRICKY_MERGES);
  const plain = JSON.stringify(object);
  const vocab = Object.entries(object.model.vocab)
    .map(([token, id]) => `\r\n\t${uEscaped(token)}\t:\r\n ${id}`)
    .join(' ,');
  const merges = object.model.merges.map(([a, b]) => `[ ${uEscaped(a)} ,\n${JSON.stringify(b).replaceAll('/', '\\/')} ]`).join(',\n');
  const text = plain.replace(
    JSON.stringify({ vocab: object.model.vocab, merges: object.model.merges }).slice(1, -1),
    `"vocab" : {${vocab}\n},\t"merges":[${merges}]`,
  );
  assert.notEqual(text, plain);
  assert.ok(scanBpeSections(text), 'the scanner reads the sections');
  assertSameAsParsed(text, SAMPLES);
});

test('key order: merges before vocab, model first, escaped key names, merges as "a b": the same tables', () => {
  const object = tokenizerObject(
    ['a', 'b', 'ab', 'c', 'abc'],
    [
      ['a', 'b'],
      ['ab', 'c'],
    ],
  );
  const { vocab, merges, ...modelRest } = object.model;
  const { model: _model, ...rest } = object;
  const reordered = { model: { merges: merges.map(([a, b]) => `${a} ${b}`), ...modelRest, vocab }, ...rest };
  const text = JSON.stringify(reordered, null, '\t').replace('"vocab"', '"voc\\u0061b"');
  assert.ok(scanBpeSections(text), 'the scanner reads the sections');
  assertSameAsParsed(text, ['abc ab a b c cab', 'abcabc']);
});

test('what the scanner does not expect goes to JSON.parse: ids 1.0 and 1e0, a duplicate token, invalid JSON', () => {
  const object = tokenizerObject(['a', 'b', 'ab'], [['a', 'b']]);
  const text = JSON.stringify(object);
  // ids JSON.parse reads as integers, the scanner does not: same tables through the fallback
  for (const id of ['257.0', '2.57e2']) {
    const odd = text.replace('"a":257', `"a":${id}`);
    assert.notEqual(odd, text);
    assert.equal(scanBpeSections(odd), undefined);
    assertSameAsParsed(odd, ['ab ba']);
  }
  // a duplicate key: JSON.parse keeps the last, so id 257 has no token, and the load says so
  const duplicate = text.replace('"a":257', '"a":257,"a":9999');
  assert.equal(scanBpeSections(duplicate), undefined);
  assert.throws(() => BpeEncoder.fromJson(duplicate), /no token has id 257/);
  // invalid JSON inside the vocabulary: JSON.parse's error for the whole document
  const invalid = text.replace('"a":257', '"a":257,');
  assert.equal(scanBpeSections(invalid), undefined);
  const expected = (() => {
    try {
      JSON.parse(invalid);
    } catch (err) {
      return (err as Error).message;
    }
  })();
  assert.throws(() => BpeEncoder.fromJson(invalid, 'x.json'), { message: `x.json: not valid JSON: ${expected}` });
  // invalid JSON outside the sections, which the scanner only skips
  const outside = text.replace('"padding":null', '"padding":nul');
  assert.throws(() => BpeEncoder.fromJson(outside, 'x.json'), /x\.json: not valid JSON/);
  // a merge of a token not in the vocabulary: the JSON path's refusal, naming the merge
  const unknown = text.replace('["a","b"]', '["a","zz"]');
  assert.equal(scanBpeSections(unknown), undefined);
  assert.throws(
    () => BpeEncoder.fromJson(unknown),
    (err) => err instanceof UnsupportedTokenizerError && /model\.merges\[0\]/.test(err.message),
  );
});

/** JSON text of `s`, each character written raw, as \uXXXX or as its short escape, at random. */
const jsonStringOf = (s: string, styles: number[]) => {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const style = styles[i % styles.length]!;
    const short = { 34: '\\"', 92: '\\\\', 47: '\\/', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t' }[c];
    if (style === 0 && c >= 0x20 && c !== 0x22 && c !== 0x5c) out += s[i];
    else if (style === 1 && short) out += short;
    else {
      const hex = c.toString(16).padStart(4, '0');
      out += `\\u${style === 2 ? hex : hex.toUpperCase()}`;
    }
  }
  return `${out}"`;
};

test('property: any UTF-16 tokens, however escaped, give the tables and ids of JSON.parse', () => {
  const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
  const token = fc.string({ unit: fc.oneof(unit, fc.constantFrom('a', '"', '\\', '/', '😀', ' ', '\n')), minLength: 1, maxLength: 4 });
  fc.assert(
    fc.property(
      fc.uniqueArray(token, { minLength: 2, maxLength: 12 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
      (tokens, styles, pairs) => {
        const all = [...new Set([...tokens, ...pairs.map(([i, j]) => tokens[i % tokens.length]! + tokens[j % tokens.length]!)])];
        const merges = pairs.map(([i, j]): [string, string] => [tokens[i % tokens.length]!, tokens[j % tokens.length]!]);
        const object = tokenizerObject(
          all.filter((t) => t !== '<unk>' && !BYTES.includes(t)),
          merges.filter(([a, b]) => ![a, b, a + b].some((t) => t === '<unk>' || BYTES.includes(t))),
        );
        const vocab = Object.entries(object.model.vocab).map(([t, id]) => `${jsonStringOf(t, styles)}:${id}`);
        const mergeTexts = object.model.merges.map(([a, b]) => `[${jsonStringOf(a, styles)},${jsonStringOf(b, styles)}]`);
        const text = JSON.stringify({ ...object, model: { ...object.model, vocab: '@V', merges: '@M' } })
          .replace('"@V"', `{${vocab.join(',')}}`)
          .replace('"@M"', `[${mergeTexts.join(',')}]`);
        assert.ok(scanBpeSections(text), 'the scanner reads the sections');
        assertSameAsParsed(text, [all.join(''), all.join(' '), tokens.join('')]);
      },
    ),
    { numRuns: 300 },
  );
});
