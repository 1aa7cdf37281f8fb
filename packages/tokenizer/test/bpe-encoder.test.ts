import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  BpeEncoder,
  PreTokenizer,
  countWords,
  parseTokenizerJson,
  preTokenizerPattern,
  serializeTokenizerJson,
  toByteLevel,
  toTokenizerJson,
  trainBpe,
} from '../src/index.js';

const CORPUS = [
  'The quick brown fox jumps over the lazy dog. '.repeat(20),
  'def encode(self, text):\n    return [self.vocab[t] for t in text]\n'.repeat(10),
  'x = 12345 + 678 * 90; naïve café, 東京 and 🎉 emoji!\n\n\tindented   spaces  ',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabababababababababababab',
];

function trained(vocabSize = 600): string {
  const pattern = preTokenizerPattern();
  const pre = new PreTokenizer(pattern);
  const counts = new Map<string, number>();
  for (const t of CORPUS) countWords(pre, t, counts);
  return serializeTokenizerJson(
    toTokenizerJson(trainBpe(counts, { vocabSize, minFrequency: 1, specialTokens: ['<|endoftext|>', '<|pad|>'] }), pattern),
  );
}

/** An independent, naive BPE of one piece: merge the lowest-rank adjacent pair (leftmost) until none. */
function naiveBpe(piece: string, vocab: Map<string, number>, ranks: Map<string, number>): number[] {
  let symbols = [...toByteLevel(piece)];
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i + 1 < symbols.length; i++) {
      const r = ranks.get(`${symbols[i]} ${symbols[i + 1]}`);
      if (r !== undefined && r < bestRank) [best, bestRank] = [i, r];
    }
    if (best < 0) break;
    symbols = [...symbols.slice(0, best), symbols[best]! + symbols[best + 1]!, ...symbols.slice(best + 2)];
  }
  return symbols.map((s) => vocab.get(s)!);
}

const json = trained();
const encoder = BpeEncoder.fromJson(json);
const loaded = parseTokenizerJson(json, 'test');
const raw = JSON.parse(json) as { model: { merges: [string, string][] }; pre_tokenizer: { pretokenizers: [{ pattern: { Regex: string } }] } };
const vocab = new Map(loaded.vocab.map((t, i) => [t, i]));
const ranks = new Map(raw.model.merges.map(([a, b], i) => [`${a} ${b}`, i]));
const pre = new PreTokenizer(raw.pre_tokenizer.pretokenizers[0].pattern.Regex);
const naive = (text: string) => pre.pieces(text).flatMap((p) => naiveBpe(p, vocab, ranks));

test('decode(encode(x)) == x for any Unicode text (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
      assert.equal(encoder.decode(encoder.encode(text)), text);
    }),
    { numRuns: 500 },
  );
});

test('ids equal an independent naive BPE, for short pieces and long ones (the heap path) alike (property)', () => {
  const alphabet = fc.constantFrom('a', 'b', 'x', ' ', '\n', '1', 'é', 'q', '.', 'the', 'def');
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 300 }), (parts) => {
      const text = parts.join('');
      assert.deepEqual(Array.from(encoder.encode(text)), naive(text));
    }),
    { numRuns: 300 },
  );
  for (const text of CORPUS) assert.deepEqual(Array.from(encoder.encode(text)), naive(text));
  const long = 'ab'.repeat(5000) + ' ' + 'a'.repeat(20000);
  assert.deepEqual(Array.from(encoder.encode(long)), naive(long));
});

test('special-token text in a document is encoded as plain bytes, never as the special id', () => {
  const ids = encoder.encode('end <|endoftext|> here');
  assert.ok(!ids.includes(encoder.specialId('<|endoftext|>')!));
  assert.equal(encoder.decode(ids), 'end <|endoftext|> here');
  assert.equal(encoder.decode([encoder.specialId('<|endoftext|>')!]), '<|endoftext|>');
});

test('every byte is encodable: text never seen in training still round-trips', () => {
  const unseen = '\u0000\u0001\u007f Ω ж 🦀 \uFFFD';
  assert.equal(encoder.decode(encoder.encode(unseen)), unseen);
});

test('an unsupported or broken tokenizer.json is refused with the reason', () => {
  assert.throws(() => BpeEncoder.fromJson('{', 'x/tokenizer.json'), /x\/tokenizer\.json: not valid JSON/);
  const wordPiece = JSON.parse(json);
  wordPiece.model.type = 'WordPiece';
  assert.throws(
    () => BpeEncoder.fromJson(JSON.stringify(wordPiece), 't.json'),
    /t\.json: unsupported tokenizer\.json: model\.type: "WordPiece" is not supported/,
  );
  const noByte = JSON.parse(json);
  delete noByte.model.vocab.Ā;
  assert.throws(() => BpeEncoder.fromJson(JSON.stringify(noByte), 't.json'), /t\.json/);
  assert.throws(() => encoder.decode([999999]), /id 999999 is not in the vocabulary/);
});

test('the same model always serializes to the same bytes', () => {
  assert.equal(trained(), json);
});
