import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SeededRng } from '@anneal/core';
import { TokenCorpus, type TokenDocument } from '../src/data-loader-corpus.js';
import { PackedWindowLoader, validationWindows, type StageSampling } from '../src/data-loader.js';

const EOS = 0;
const VOCAB = 1000;

function corpusOf(spec: Record<string, number[]>, seed = 1): TokenCorpus {
  const rng = new SeededRng(seed, 'corpus');
  const docs: TokenDocument[] = [];
  for (const [domain, lengths] of Object.entries(spec)) {
    lengths.forEach((n, i) => docs.push({ id: `${domain}-${i}`, domain, tokens: Array.from({ length: n }, () => rng.int(1, VOCAB - 1)) }));
  }
  return TokenCorpus.fromDocuments(docs, EOS, VOCAB);
}

const twoDomains: StageSampling = {
  stage: 'broad',
  seed: 7,
  domains: [
    { domain: 'web', weight: 0.7 },
    { domain: 'code', weight: 0.3 },
  ],
};

test('same seed gives the same batches; another seed or stage gives others', () => {
  const corpus = corpusOf({ web: [30, 5, 80, 12, 44], code: [60, 3, 9] });
  const a = new PackedWindowLoader(corpus, twoDomains, 16);
  const b = new PackedWindowLoader(corpus, twoDomains, 16);
  const c = new PackedWindowLoader(corpus, { ...twoDomains, seed: 8 }, 16);
  const d = new PackedWindowLoader(corpus, { ...twoDomains, stage: 'anneal' }, 16);
  let differsSeed = false;
  let differsStage = false;
  for (let i = 0; i < 20; i++) {
    const x = a.nextBatch(4);
    assert.deepEqual(b.nextBatch(4), x);
    if (!sameArray(c.nextBatch(4).tokens, x.tokens)) differsSeed = true;
    if (!sameArray(d.nextBatch(4).tokens, x.tokens)) differsStage = true;
  }
  assert.ok(differsSeed && differsStage);
});

test('resume from a saved state (through JSON) continues with exactly the next batch — property', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 24 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 1000 }),
      (web, code, seqLen, batch, stopAt, seed) => {
        fc.pre(web.some((n) => n > 0) || code.some((n) => n > 0));
        const corpus = corpusOf({ web, code }, seed);
        const sampling: StageSampling = { ...twoDomains, seed };
        const straight = new PackedWindowLoader(corpus, sampling, seqLen);
        const first = new PackedWindowLoader(corpus, sampling, seqLen);
        for (let i = 0; i < stopAt; i++) assert.deepEqual(first.nextBatch(batch), straight.nextBatch(batch));
        const saved = JSON.parse(JSON.stringify(first.state()));
        const resumed = new PackedWindowLoader(corpus, sampling, seqLen, saved);
        for (let i = 0; i < 6; i++) assert.deepEqual(resumed.nextBatch(batch), straight.nextBatch(batch));
      },
    ),
    { numRuns: 150 },
  );
});

test('windows overlap by one token and, per epoch, cover every document once followed by EOS', () => {
  const lengths = [7, 0, 19, 3, 33, 1];
  const corpus = corpusOf({ web: lengths });
  const seqLen = 5;
  const loader = new PackedWindowLoader(corpus, { stage: 's', seed: 3, domains: [{ domain: 'web', weight: 1 }] }, seqLen);
  const epochTokens = lengths.reduce((s, n) => s + n + 1, 0);
  const stream: number[] = [];
  let previousLast: number | undefined;
  while (stream.length < 3 * epochTokens) {
    const w = loader.nextBatch(1).tokens;
    if (previousLast !== undefined) assert.equal(w[0], previousLast, 'a window starts with the previous window’s last token');
    for (let i = 0; i < seqLen; i++) stream.push(w[i]!);
    previousLast = w[seqLen]!;
  }
  const docs = corpus.domains.get('web')!;
  const expectedDocs = lengths.map((_, i) => Array.from(docs.tokens.subarray(docs.offsets[i]!, docs.offsets[i + 1]!)).join(','));
  for (let e = 0; e < 3; e++) {
    const epoch = stream.slice(e * epochTokens, (e + 1) * epochTokens);
    assert.equal(epoch.filter((t) => t === EOS).length, lengths.length, `epoch ${e} has one EOS per document`);
    const pieces: string[] = [];
    let current: number[] = [];
    for (const t of epoch) {
      if (t === EOS) {
        pieces.push(current.join(','));
        current = [];
      } else current.push(t);
    }
    assert.deepEqual([...pieces].sort(), [...expectedDocs].sort(), `epoch ${e} holds every document exactly once`);
  }
});

test('domains are drawn in proportion to the stage weights', () => {
  const corpus = corpusOf({ web: [50, 50], code: [50], math: [20, 20] });
  const loader = new PackedWindowLoader(
    corpus,
    {
      stage: 'mix',
      seed: 11,
      domains: [
        { domain: 'web', weight: 5 },
        { domain: 'code', weight: 3 },
        { domain: 'math', weight: 2 },
      ],
    },
    8,
  );
  const counts: Record<string, number> = { web: 0, code: 0, math: 0 };
  const n = 20000;
  for (const d of loader.nextBatch(n).domains) counts[d]!++;
  assert.ok(Math.abs(counts.web! / n - 0.5) < 0.015, JSON.stringify(counts));
  assert.ok(Math.abs(counts.code! / n - 0.3) < 0.015, JSON.stringify(counts));
  assert.ok(Math.abs(counts.math! / n - 0.2) < 0.015, JSON.stringify(counts));
});

test('repeat counts, long-document up-sampling and id selections shape each epoch', () => {
  const corpus = corpusOf({ web: [4, 40, 6] });
  const seqLen = 4;
  const loader = new PackedWindowLoader(
    corpus,
    { stage: 'long', seed: 1, domains: [{ domain: 'web', weight: 1, ids: ['web-0', 'web-1'], longDocuments: { minTokens: 30, repeat: 3 } }] },
    seqLen,
  );
  const epochTokens = 5 + 3 * 41;
  const stream: number[] = [];
  while (stream.length < epochTokens) stream.push(...loader.nextBatch(1).tokens.subarray(0, seqLen));
  assert.equal(stream.slice(0, epochTokens).filter((t) => t === EOS).length, 4, 'web-0 once, web-1 three times, web-2 not selected');
});

test('bad stage specs fail with the stage and domain named', () => {
  const corpus = corpusOf({ web: [10] });
  assert.throws(
    () => new PackedWindowLoader(corpus, { stage: 'broad', seed: 1, domains: [{ domain: 'code', weight: 1 }] }, 8),
    /stage broad: domain "code" has no documents.*have: web/,
  );
  assert.throws(
    () => new PackedWindowLoader(corpus, { stage: 'broad', seed: 1, domains: [{ domain: 'web', weight: 0 }] }, 8),
    /no domain has a positive weight/,
  );
  assert.throws(
    () => new PackedWindowLoader(corpus, { stage: 'b', seed: 1, domains: [{ domain: 'web', weight: 1, ids: ['nope'] }] }, 8),
    /selected document nope/,
  );
  const other = new PackedWindowLoader(corpus, { stage: 'a', seed: 1, domains: [{ domain: 'web', weight: 1 }] }, 8).state();
  assert.throws(
    () => new PackedWindowLoader(corpus, { stage: 'b', seed: 1, domains: [{ domain: 'web', weight: 1 }] }, 8, other),
    /saved for stage a/,
  );
  assert.throws(
    () => TokenCorpus.fromDocuments([{ id: 'x', domain: 'web', tokens: [5, 1000] }], 0, 1000),
    /document x \(domain web\): token 1 is 1000/,
  );
});

test('held-out split is disjoint, complete, and independent of document order', () => {
  const corpus = corpusOf({ web: Array(200).fill(5), code: Array(100).fill(3) });
  const { train, validation } = corpus.splitHeldOut(0.1, 42);
  assert.equal(train.documentCount() + validation.documentCount(), 300);
  assert.ok(validation.documentCount('web') > 5 && validation.documentCount('code') > 2, 'every domain gets held-out documents');
  const heldIds = new Set([...validation.domains.values()].flatMap((d) => d.ids));
  for (const d of train.domains.values()) for (const id of d.ids) assert.ok(!heldIds.has(id));
  const reversed = TokenCorpus.fromDocuments(
    [...corpus.domains.values()]
      .flatMap((d) => d.ids.map((id, i) => ({ id, domain: d.domain, tokens: d.tokens.subarray(d.offsets[i]!, d.offsets[i + 1]!) })))
      .reverse(),
    EOS,
    VOCAB,
  );
  const again = new Set([...reversed.splitHeldOut(0.1, 42).validation.domains.values()].flatMap((d) => d.ids));
  assert.deepEqual([...again].sort(), [...heldIds].sort());
});

test('validation windows are fixed, in document order, and never wrap', () => {
  const corpus = corpusOf({ web: [10, 10] });
  const docs = corpus.domains.get('web')!;
  const w = validationWindows(docs, EOS, 6, 100);
  assert.equal(w.length, 3, '22 stream tokens give 3 windows of 7 at stride 6');
  assert.deepEqual(Array.from(w[0]!), Array.from(docs.tokens.subarray(0, 7)));
  assert.equal(w[1]![4], EOS);
  assert.deepEqual(validationWindows(docs, EOS, 6, 100), w);
});

function sameArray(a: Int32Array, b: Int32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
