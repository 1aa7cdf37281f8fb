import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { balanceDomains, ImpossibleBudgetError, type DomainSupply } from '@anneal/mixture';

// Three domains with 600, 300 and 100 available tokens; every expected number below is worked out by hand.
const supply = (maxEpochs: number): DomainSupply[] => [
  { domain: 'web', availableTokens: 600, maxEpochs },
  { domain: 'code', availableTokens: 300, maxEpochs },
  { domain: 'math', availableTokens: 100, maxEpochs },
];

function targets(result: ReturnType<typeof balanceDomains>): Record<string, number> {
  return Object.fromEntries(result.map((t) => [t.domain, t.targetTokens]));
}

function near(actual: Record<string, number>, expected: Record<string, number>, tol = 1e-6): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
  for (const k of Object.keys(expected)) assert.ok(Math.abs(actual[k]! - expected[k]!) <= tol, `${k}: ${actual[k]} ≠ ${expected[k]}`);
}

test('natural: proportional to available tokens (600:300:100 of a 1000 budget → 600/300/100, one epoch each)', () => {
  const r = balanceDomains({ strategy: 'natural', budget: 1000, domains: supply(4) });
  near(targets(r), { web: 600, code: 300, math: 100 });
  for (const t of r) assert.equal(t.epochs, 1);
  near(Object.fromEntries(r.map((t) => [t.domain, t.proportion])), { web: 0.6, code: 0.3, math: 0.1 });
});

test('temperature τ=2: proportional to sqrt(tokens): √600 : √300 : √100 of 1000 → 472.734 / 334.273 / 192.993', () => {
  const r = balanceDomains({ strategy: 'temperature', temperature: 2, budget: 1000, domains: supply(4) });
  near(targets(r), { web: 472.7338749895047, code: 334.2733287016724, math: 192.99279630882285 }, 1e-9);
  // τ = 1 is natural
  near(targets(balanceDomains({ strategy: 'temperature', temperature: 1, budget: 1000, domains: supply(4) })), { web: 600, code: 300, math: 100 });
});

test('temperature with a cap: τ=2, budget 1500, max_epochs 2 → math capped at 200, its surplus split √600:√300 → 761.522 / 538.478', () => {
  const r = balanceDomains({ strategy: 'temperature', temperature: 2, budget: 1500, domains: supply(2) });
  // uncapped math would get 1500·10/(√600+√300+10) = 289.5 > 2·100; the other 1300 go √2 : 1
  near(targets(r), { web: 761.5223689149765, code: 538.4776310850236, math: 200 }, 1e-9);
  assert.deepEqual(
    r.map((t) => t.capped),
    [false, false, true],
  );
});

test('unimax: uniform budget, each domain capped at max_epochs × available, surplus redistributed', () => {
  // max_epochs 2, budget 1000: uniform 333.3; math can give 200 → the other 800 split 400/400 (code could give 600)
  const a = balanceDomains({ strategy: 'unimax', budget: 1000, domains: supply(2) });
  near(targets(a), { web: 400, code: 400, math: 200 });
  near(Object.fromEntries(a.map((t) => [t.domain, t.epochs])), { web: 2 / 3, code: 4 / 3, math: 2 });
  // budget 2000: math 200, then 900 each → code capped at 600, web takes the remaining 1200 (its own cap)
  const b = balanceDomains({ strategy: 'unimax', budget: 2000, domains: supply(2) });
  near(targets(b), { web: 1200, code: 600, math: 200 });
  assert.deepEqual(
    b.map((t) => t.capped),
    [false, true, true],
  );
  // no caps binding: exactly uniform
  near(targets(balanceDomains({ strategy: 'unimax', budget: 300, domains: supply(4) })), { web: 100, code: 100, math: 100 });
});

test('manual: given proportions, normalized; a proportion beyond a cap is an error naming the domain', () => {
  const r = balanceDomains({ strategy: 'manual', proportions: { web: 5, code: 3, math: 2 }, budget: 1000, domains: supply(4) });
  near(targets(r), { web: 500, code: 300, math: 200 });
  assert.equal(r[2]!.epochs, 2);
  assert.throws(
    () => balanceDomains({ strategy: 'manual', proportions: { web: 0.5, code: 0.3, math: 0.2 }, budget: 1000, domains: supply(1) }),
    (err: Error) =>
      err instanceof ImpossibleBudgetError &&
      /math needs 200 tokens \(2 epochs\) but can give at most 100 \(max_epochs 1 × 100 available\)/.test(err.message),
  );
  // a domain not named gets nothing; a named domain without data is an error, not a silent zero
  near(targets(balanceDomains({ strategy: 'manual', proportions: { web: 1 }, budget: 100, domains: supply(4) })), { web: 100, code: 0, math: 0 });
  assert.throws(
    () => balanceDomains({ strategy: 'manual', proportions: { books: 1 }, budget: 100, domains: supply(4) }),
    /domain "books" has no eligible documents/,
  );
});

test("upweight multiplies a domain's proportion before the caps (natural, math ×3 → 600:300:300)", () => {
  const r = balanceDomains({ strategy: 'natural', budget: 1000, domains: supply(4), upweight: { math: 3 } });
  near(targets(r), { web: 500, code: 250, math: 250 });
  assert.equal(r[2]!.epochs, 2.5);
  assert.throws(
    () => balanceDomains({ strategy: 'natural', budget: 1000, domains: supply(4), upweight: { maths: 3 } }),
    /upweight names domain "maths"/,
  );
});

test('per-domain max_epochs and max_repeat caps both bind', () => {
  const domains: DomainSupply[] = [
    { domain: 'web', availableTokens: 600, maxEpochs: 1 },
    { domain: 'math', availableTokens: 100, maxEpochs: 8, maxRepeatTokens: 300 },
  ];
  // unimax 1000: uniform 500 → math limited to 300 by max_repeats (not 800 by epochs), web gets 600 (its cap 600)
  near(targets(balanceDomains({ strategy: 'unimax', budget: 900, domains })), { web: 600, math: 300 });
  assert.throws(() => balanceDomains({ strategy: 'unimax', budget: 901, domains }), /math 300 \(max_repeats over 100 available tokens\)/);
});

test('an impossible budget is an error listing what the caps allow, for every strategy', () => {
  for (const strategy of ['natural', 'temperature', 'unimax'] as const) {
    assert.throws(
      () => balanceDomains({ strategy, temperature: 2, budget: 4001, domains: supply(4) }),
      (err: Error) =>
        err instanceof ImpossibleBudgetError && /budget of 4,001 tokens exceeds what the caps allow: at most 4,000 tokens/.test(err.message),
      strategy,
    );
    // exactly the capacity is possible: every domain at max_epochs
    const full = balanceDomains({ strategy, temperature: 2, budget: 4000, domains: supply(4) });
    near(targets(full), { web: 2400, code: 1200, math: 400 }, 1e-6);
  }
});

test('property: targets sum to the budget, respect every cap, and give uncapped domains one common λ·prior', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ tokens: fc.integer({ min: 1, max: 1e6 }), epochs: fc.integer({ min: 1, max: 8 }) }), { minLength: 1, maxLength: 8 }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      fc.constantFrom('natural', 'temperature', 'unimax'),
      (rows, fill, strategy) => {
        const domains = rows.map((r, i) => ({ domain: `d${i}`, availableTokens: r.tokens, maxEpochs: r.epochs }));
        const capacity = domains.reduce((s, d) => s + d.availableTokens * d.maxEpochs, 0);
        const budget = capacity * fill;
        const out = balanceDomains({ strategy, temperature: 3, budget, domains });
        const sum = out.reduce((s, t) => s + t.targetTokens, 0);
        assert.ok(Math.abs(sum - budget) <= 1e-6 * budget, `sum ${sum} vs ${budget}`);
        for (const t of out) assert.ok(t.targetTokens <= t.capacityTokens * (1 + 1e-9));
        // one λ: uncapped domains get exactly λ·prior, capped ones would have wanted at least their cap
        const prior = (d: { availableTokens: number }) =>
          strategy === 'natural' ? d.availableTokens : strategy === 'unimax' ? 1 : d.availableTokens ** (1 / 3);
        const free = out.filter((t) => !t.capped);
        if (free.length > 0) {
          const lambda = free[0]!.targetTokens / prior(free[0]!);
          for (const t of free) assert.ok(Math.abs(t.targetTokens / prior(t) - lambda) <= 1e-6 * lambda);
          for (const t of out.filter((x) => x.capped)) assert.ok(t.capacityTokens <= lambda * prior(t) * (1 + 1e-9));
        }
      },
    ),
    { numRuns: 300 },
  );
});
