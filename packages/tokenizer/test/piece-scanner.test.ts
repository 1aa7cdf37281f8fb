import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { PieceScanner, PreTokenizer, preTokenizerPattern, type DigitSplitting } from '../src/index.js';

const tricky = fc.constantFrom(
  'a',
  'Z',
  'é',
  'ж',
  '東',
  '𝔘',
  "'",
  "'s",
  "'S",
  "'re",
  "'LL",
  "'ve",
  "'m",
  "'d",
  "'t",
  "'x",
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\ufeff',
  '1',
  '23',
  '٣',
  '½',
  'Ⅻ',
  '.',
  ',',
  '!',
  '(',
  '#',
  '🎉',
  '\u0000',
  '\ud800',
  '\udc00',
  'x\u0301',
  '\u200b',
  '_',
  '-',
  '$',
  '\u00ad',
);

function scannerPieces(scanner: PieceScanner, text: string): string[] {
  const out: string[] = [];
  scanner.forEachPiece(text, (s, e) => out.push(text.slice(s, e)));
  return out;
}

for (const digits of ['groups_of_3', 'individual'] as DigitSplitting[]) {
  const pattern = preTokenizerPattern({ digits });
  const regex = new PreTokenizer(pattern, false);
  const scanner = PieceScanner.forPattern(pattern)!;

  test(`the scanner cuts exactly the pieces the regex matches (digits ${digits}, property)`, () => {
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(scannerPieces(scanner, text), regex.pieces(text));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => assert.deepEqual(scannerPieces(scanner, text), regex.pieces(text))),
      { numRuns: 2000 },
    );
  });

  const real = fileURLToPath(new URL('../../../../../shared/datasets/real/', import.meta.url));
  test(`the scanner agrees with the regex on every real file (digits ${digits})`, {
    skip: existsSync(real) ? false : `no real data at ${real}`,
  }, () => {
    for (const name of readdirSync(real).filter((f) => !f.endsWith('.md'))) {
      const text = readFileSync(join(real, name), 'utf8');
      assert.deepEqual(scannerPieces(scanner, text), regex.pieces(text), name);
    }
  });
}

test('only our own patterns get the scanner', () => {
  assert.equal(PieceScanner.forPattern('\\p{L}+|\\s+'), undefined);
});
