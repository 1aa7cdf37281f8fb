import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SeededRng } from '@anneal/core';
import { documentWeight, repeatCounts, repeatScale, type FrequencyWeighting } from '@anneal/mixture';

test('documentWeight = f(quality)^α · min(dup_count, cap)^β, × the long-document weight', () => {
  const w: FrequencyWeighting = { qualityExponent: 2, dupExponent: 0.5, dupCap: 8, missingQuality: 0.5 };
  assert.equal(documentWeight(0.5, 4, 100, w), 0.25 * 2); // 0.5² · √4
  assert.equal(documentWeight(1, 32, 100, w), Math.sqrt(8)); // dup_count capped at 8
  assert.equal(documentWeight(NaN, NaN, 100, w), 0.25); // missing quality → 0.5, missing dup_count → 1
  assert.equal(documentWeight(1.7, 0, 100, w), 1); // quality clamped to 1, dup_count < 1 treated as 1
  const long = { ...w, longDocuments: { minTokens: 512, weight: 4 } };
  assert.equal(documentWeight(1, 1, 511, long), 1);
  assert.equal(documentWeight(1, 1, 512, long), 4);
  assert.equal(documentWeight(0, 1, 10, { ...w, qualityExponent: 0 }), 1, 'α = 0 ignores quality, even 0');
});

test('repeatScale solves Σ min(M, c·w)·t = T exactly (hand-worked: w = 1, 2, 4, t = 100 each, M = 3, T = 600 → c = 1)', () => {
  // c·700 reaches 525 at c = 0.75 where w=4 saturates at 3; then 300 + c·300 = 600 → c = 1 (w=2 is not saturated: 2 < 3)
  assert.equal(repeatScale([100, 100, 100], [1, 2, 4], 3, 600), 1);
  assert.equal(repeatScale([100, 100, 100], [1, 2, 4], 3, 350), 0.5); // no saturation: 700c = 350
  assert.equal(repeatScale([100, 100, 100], [1, 2, 4], 3, 900), 3); // the capacity: c = 3 puts every document at M = 3
  assert.equal(repeatScale([100, 50], [1, 0], 3, 150), 1.5); // weight 0 is never drawn
});

test('repeat counts are floor or ceil of the expectation, hit the target, and never exceed max_repeats', () => {
  const rng = new SeededRng(7, 'docs');
  const n = 400;
  const ids = Array.from({ length: n }, (_, i) => `doc-${i}`);
  const tokens = Array.from({ length: n }, () => rng.int(20, 900));
  const weights = Array.from({ length: n }, () => rng.next() ** 2 * Math.sqrt(rng.int(1, 8)));
  const available = tokens.reduce((a, b) => a + b, 0);
  for (const epochs of [0.3, 1, 2.7, 5]) {
    const target = available * epochs;
    const r = repeatCounts({ ids, tokens, weights }, { targetTokens: target, maxRepeats: 8, seed: 1, stage: 'broad' });
    let total = 0;
    for (let i = 0; i < n; i++) {
      const e = r.expected[i]!;
      assert.ok(r.repeats[i]! === Math.floor(e) || r.repeats[i]! === Math.ceil(e), `doc ${i}: ${r.repeats[i]} from ${e}`);
      assert.ok(r.repeats[i]! <= 8);
      total += r.repeats[i]! * tokens[i]!;
    }
    assert.equal(total, r.tokens);
    assert.ok(Math.abs(total - target) / target < 0.005, `epochs ${epochs}: ${total} vs ${target}`);
  }
});

test('repeat counts are deterministic per (seed, stage, id): input order does not matter, the seed and stage do', () => {
  const rng = new SeededRng(3, 'order');
  const n = 300;
  const docs = Array.from({ length: n }, (_, i) => ({ id: `d${i}`, tokens: rng.int(50, 400), weight: 0.2 + rng.next() }));
  const run = (list: typeof docs, seed: number, stage: string) => {
    const r = repeatCounts(
      { ids: list.map((d) => d.id), tokens: list.map((d) => d.tokens), weights: list.map((d) => d.weight) },
      { targetTokens: 1.7 * docs.reduce((s, d) => s + d.tokens, 0), maxRepeats: 4, seed, stage },
    );
    return new Map(list.map((d, i) => [d.id, r.repeats[i]!]));
  };
  const a = run(docs, 42, 'broad');
  const shuffled = new SeededRng(9, 'shuffle').shuffle([...docs]);
  assert.deepEqual(run(shuffled, 42, 'broad'), a, 'same counts per id in any order');
  assert.deepEqual(run(docs, 42, 'broad'), a, 'same counts on a second run');
  const differs = (b: Map<string, number>) => [...a].filter(([id, r]) => b.get(id) !== r).length;
  assert.ok(differs(run(docs, 43, 'broad')) > 10, 'another seed draws differently');
  assert.ok(differs(run(docs, 42, 'anneal')) > 10, 'another stage draws differently');
});

test('seeded rounding is unbiased: 4,000 documents with expectation 0.3 each are drawn about 30 % of the time', () => {
  const n = 4000;
  const ids = Array.from({ length: n }, (_, i) => `x${i}`);
  // tokens 1 each so the total-fixing pass cannot hide a bias: the target is an integer the draws must reach
  const r = repeatCounts(
    { ids, tokens: new Array(n).fill(1), weights: new Array(n).fill(1) },
    { targetTokens: 0.3 * n, maxRepeats: 3, seed: 5, stage: 's' },
  );
  assert.equal(r.tokens, 1200);
  // the draws alone (before fixing the total) are Binomial(4000, 0.3): sd ≈ 29; the fix moves at most |draws − 1200| documents
  let drawn = 0;
  for (let i = 0; i < n; i++) if (new SeededRng(5, `s\u0000x${i}`).next() < 0.3) drawn++;
  assert.ok(Math.abs(drawn - 1200) < 5 * 29, `draws ${drawn}`);
});

// A target of a handful of documents cannot be met to 0.5 % when one document is a large part of it;
// the bound is for domains where the target spans at least ~20 documents (the sample's smallest is ~100).
test('property: per-domain totals land within 0.5 % of target (≥ 100 documents, target ≥ 0.2 epochs)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 100, max: 600 }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.double({ min: 0.2, max: 6, noNaN: true }),
      fc.double({ min: 0, max: 2, noNaN: true }),
      (n, seed, epochs, alpha) => {
        const rng = new SeededRng(seed, 'domain');
        const ids = Array.from({ length: n }, (_, i) => `p${i}`);
        const tokens = Array.from({ length: n }, () => rng.int(30, 1500));
        const weights = Array.from({ length: n }, () =>
          documentWeight(rng.next(), rng.int(1, 12), 0, { qualityExponent: alpha, dupExponent: 0.5, dupCap: 8, missingQuality: 0.5 }),
        );
        const drawable = tokens.reduce((s, t, i) => s + (weights[i]! > 0 ? t : 0), 0);
        const target = Math.min(epochs, 7.5) * drawable;
        const r = repeatCounts({ ids, tokens, weights }, { targetTokens: target, maxRepeats: 8, seed, stage: 'p' });
        assert.ok(Math.abs(r.tokens - target) / target < 0.005, `${r.tokens} vs ${target}`);
      },
    ),
    { numRuns: 150 },
  );
});

test('property: repeatScale solves Σ min(M, c·w)·t = T for any weights, including many saturation tiers', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ t: fc.integer({ min: 0, max: 5000 }), w: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e3, noNaN: true })) }), {
        minLength: 1,
        maxLength: 300,
      }),
      fc.integer({ min: 1, max: 10 }),
      fc.double({ min: 0.001, max: 1, noNaN: true }),
      (docs, maxRepeats, fill) => {
        const tokens = docs.map((d) => d.t);
        const weights = docs.map((d) => d.w);
        const capacity = docs.reduce((s, d) => s + (d.w > 0 ? d.t : 0), 0) * maxRepeats;
        fc.pre(capacity > 0);
        const target = capacity * fill;
        const c = repeatScale(tokens, weights, maxRepeats, target);
        const total = docs.reduce((s, d) => s + (d.w > 0 ? Math.min(maxRepeats, c * d.w) * d.t : 0), 0);
        assert.ok(Math.abs(total - target) <= 1e-9 * target, `${total} vs ${target}`);
      },
    ),
    { numRuns: 400 },
  );
  // geometric weights: every pass of the fixed point saturates one more tier, so the sorted walk finishes
  const tiers = Array.from({ length: 60 }, (_, i) => 2 ** i);
  const c = repeatScale(new Array(60).fill(100), tiers, 1, 100 * 59.5);
  const total = tiers.reduce((s, w) => s + Math.min(1, c * w) * 100, 0);
  assert.ok(Math.abs(total - 5950) < 1e-6, String(total));
});
