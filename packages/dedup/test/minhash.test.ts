import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRng } from '@anneal/core';
import { MinHashSignature, dedupText, detectionProbability, estimatedJaccard, sCurveThreshold, wordShingles } from '@anneal/dedup';

test('dedupText simplifies case, accents, digits, punctuation and spacing; shingles are word n-grams', () => {
  assert.equal(dedupText('  Café, 2024!\n\nTHE  end… '), 'cafe 0000 the end');
  assert.deepEqual(wordShingles('a b c d', 2), ['a b', 'b c', 'c d']);
  assert.deepEqual(wordShingles('a b', 5), ['a b']);
  assert.deepEqual(wordShingles('', 5), []);
});

/** Two texts of distinct one-off words whose word sets have Jaccard exactly `s` (ngram 1). */
function pairAt(s: number, rng: SeededRng, size = 200): [string, string] {
  // |A ∩ B| = c, |A| = |B| = size → J = c / (2·size − c)  ⇒  c = 2·size·s / (1 + s)
  const common = Math.round((2 * size * s) / (1 + s));
  const word = () => `w${rng.nextUint32().toString(36)}`;
  const shared = Array.from({ length: common }, word);
  const a = [...shared, ...Array.from({ length: size - common }, word)];
  const b = [...shared, ...Array.from({ length: size - common }, word)];
  return [rng.shuffle(a).join(' '), rng.shuffle(b).join(' ')];
}

for (const hashBits of [32, 64] as const)
  test(`S-curve (${hashBits}-bit): pairs at known Jaccard are caught as often as 1 − (1 − sʳ)ᵇ predicts`, (t) => {
    const bands = 14;
    const rows = 8;
    const minhash = new MinHashSignature({ ngram: 1, bands, rows, seed: 3, hashBits });
    const rng = new SeededRng(7, 's-curve');
    const trials = 300;
    const lines: string[] = [`b=${bands} r=${rows}, threshold ≈ ${sCurveThreshold(bands, rows).toFixed(3)}, ${trials} pairs per point`];
    for (const s of [0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9]) {
      let caught = 0;
      let estimateError = 0;
      for (let i = 0; i < trials; i++) {
        const [a, b] = pairAt(s, rng);
        const sa = minhash.signature(a);
        const sb = minhash.signature(b);
        const ka = minhash.bandKeys(sa);
        const kb = minhash.bandKeys(sb);
        let shared = false;
        for (let band = 0; band < bands && !shared; band++) shared = ka[2 * band] === kb[2 * band] && ka[2 * band + 1] === kb[2 * band + 1];
        if (shared) caught++;
        estimateError += estimatedJaccard(sa, sb) - s;
      }
      const expected = detectionProbability(s, bands, rows);
      const observed = caught / trials;
      const sigma = Math.sqrt((expected * (1 - expected)) / trials);
      lines.push(
        `s=${s.toFixed(2)}  expected ${expected.toFixed(3)}  observed ${observed.toFixed(3)}  (±${(4 * sigma).toFixed(3)})  mean estimate error ${(estimateError / trials).toFixed(4)}`,
      );
      assert.ok(Math.abs(observed - expected) <= 4 * sigma + 0.01, lines[lines.length - 1]);
      assert.ok(Math.abs(estimateError / trials) < 0.02, `estimated Jaccard is unbiased at s=${s}`);
    }
    for (const l of lines) t.diagnostic(l);
  });

test('signatures are deterministic for a seed and differ across seeds', () => {
  const text = 'the quick brown fox jumps over the lazy dog again and again';
  const a = new MinHashSignature({ ngram: 3, bands: 4, rows: 2, seed: 1 });
  assert.deepEqual(a.signature(text), new MinHashSignature({ ngram: 3, bands: 4, rows: 2, seed: 1 }).signature(text));
  assert.notDeepEqual(a.signature(text), new MinHashSignature({ ngram: 3, bands: 4, rows: 2, seed: 2 }).signature(text));
  assert.equal(estimatedJaccard(a.signature(text), a.signature(text.toUpperCase())), 1);
});
