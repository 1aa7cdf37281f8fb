import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainBalancedSample, type SampleCandidate } from '../src/index.js';

const docsArb = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 8 }),
    text: fc.string({ maxLength: 60 }),
    domain: fc.constantFrom('web', 'code', 'math', 'other'),
  }),
  { selector: (d) => d.id, maxLength: 120 },
);

function draw(docs: readonly SampleCandidate[], budget: number, proportions?: Record<string, number>) {
  const s = new DomainBalancedSample(budget, proportions, 7);
  for (const d of docs) s.offer(d);
  return s.result();
}

test('the sample does not depend on input order (property)', () => {
  fc.assert(
    fc.property(docsArb, fc.integer({ min: 1, max: 3000 }), (docs, budget) => {
      const shuffled = [...docs].reverse();
      const proportions = { web: 0.5, code: 0.25, math: 0.25 };
      assert.deepEqual(draw(shuffled, budget, proportions), draw(docs, budget, proportions));
      assert.deepEqual(draw(shuffled, budget), draw(docs, budget));
    }),
  );
});

test('each domain fills its quota (at most one document over), unlisted domains get nothing (property)', () => {
  fc.assert(
    fc.property(docsArb, fc.integer({ min: 1, max: 3000 }), (docs, budget) => {
      const proportions = { web: 2, code: 1, math: 1 };
      const { domains } = draw(docs, budget, proportions);
      assert.equal(domains.other?.documents ?? 0, 0);
      for (const [name, share] of Object.entries({ web: 0.5, code: 0.25, math: 0.25 })) {
        const d = domains[name];
        if (!d) continue;
        const quota = budget * share;
        const largest = Math.max(0, ...docs.filter((x) => x.domain === name).map((x) => Buffer.byteLength(x.text)));
        assert.ok(d.bytes <= quota + largest, `${name}: ${d.bytes} bytes for quota ${quota}`);
        // Under quota only when the domain ran out of text.
        if (d.bytes < quota) assert.equal(d.bytes, d.seen_bytes, name);
      }
    }),
  );
});

test('a web-heavy corpus still gives code its share', () => {
  const docs: SampleCandidate[] = [];
  for (let i = 0; i < 1000; i++) docs.push({ id: `w${i}`, text: 'web text '.repeat(20), domain: 'web' });
  for (let i = 0; i < 100; i++) docs.push({ id: `c${i}`, text: 'def f(): pass\n'.repeat(20), domain: 'code' });
  const natural = draw(docs, 20000);
  const balanced = draw(docs, 20000, { web: 0.5, code: 0.5 });
  const codeShare = (r: ReturnType<typeof draw>) => r.texts.filter((t) => t.startsWith('def')).length / r.texts.length;
  assert.ok(codeShare(natural) < 0.2, `natural code share ${codeShare(natural)}`);
  assert.ok(Math.abs(balanced.domains.code!.bytes - 10000) <= 280 && Math.abs(balanced.domains.web!.bytes - 10000) <= 180);
});
