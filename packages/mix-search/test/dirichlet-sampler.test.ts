import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRng } from '@anneal/core';
import { capMixture, DirichletSampler, gamma } from '../src/index.js';

test('gamma draws have the shape as their mean, for shapes below and above 1', () => {
  for (const alpha of [0.2, 1, 3.5]) {
    const rng = new SeededRng(1, `gamma-${alpha}`);
    let sum = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) sum += gamma(rng, alpha);
    assert.ok(Math.abs(sum / n - alpha) < 0.05 * alpha + 0.01, `alpha ${alpha}: mean ${sum / n}`);
  }
});

test('Dirichlet mixtures sum to 1, centre on the natural shares, spread widely, and repeat for a seed', () => {
  const natural = [0.5, 0.3, 0.15, 0.05];
  const sampler = new DirichletSampler(natural, 0.1, 5, 7);
  const n = 4000;
  const mean = [0, 0, 0, 0];
  let extreme = 0;
  for (let i = 0; i < n; i++) {
    const w = sampler.draw('proxies', i);
    assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    w.forEach((x, d) => (mean[d]! += x / n));
    if (Math.max(...w) > 0.9) extreme++;
  }
  mean.forEach((m, d) => assert.ok(Math.abs(m - natural[d]!) < 0.03, `domain ${d}: mean ${m}`));
  assert.ok(extreme > n * 0.05, `only ${extreme} of ${n} draws put 90 % on one domain`);
  assert.deepEqual(new DirichletSampler(natural, 0.1, 5, 7).draw('proxies', 11), sampler.draw('proxies', 11));
  assert.notDeepEqual(new DirichletSampler(natural, 0.1, 5, 8).draw('proxies', 11), sampler.draw('proxies', 11));
});

test('capMixture keeps every domain under its cap and the uncapped ones in proportion', () => {
  const w = capMixture([0.7, 0.2, 0.1], [0.4, 1, 1]);
  assert.ok(Math.abs(w[0]! - 0.4) < 1e-12);
  assert.ok(Math.abs(w[1]! / w[2]! - 2) < 1e-9);
  assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  // a cascade: capping the first pushes the second over its cap too
  const c = capMixture([0.6, 0.3, 0.1], [0.2, 0.35, 1]);
  assert.deepEqual(
    c.map((x) => Math.round(x * 1e9) / 1e9),
    [0.2, 0.35, 0.45],
  );
  // all weight on capped domains: the rest goes to the free ones by their room
  const z = capMixture([1, 0, 0], [0.5, 0.3, 0.2]);
  assert.deepEqual(
    z.map((x) => Math.round(x * 1e9) / 1e9),
    [0.5, 0.3, 0.2],
  );
  assert.throws(() => capMixture([0.5, 0.5], [0.3, 0.3]), /caps allow only 0\.6000/);
});
