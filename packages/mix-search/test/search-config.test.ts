import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAbsolute } from 'node:path';
import { ConfigError } from '@anneal/core';
import { parseSearchConfig } from '../src/index.js';

const minimal = { name: 's', shards: 'out/tokens', mixture: 'pipelines/mixture-xgen.yaml', output: 'out/s', target: [{ all_domains: true }] };

test('a minimal search YAML gets the documented defaults, paths resolved and token counts parsed', () => {
  const c = parseSearchConfig({ ...minimal, proxy: { tokens: '150k' } });
  assert.equal(c.proxies, 32);
  assert.equal(c.proxy.tokens, 150000);
  assert.equal(c.proxy.d_model, 64);
  assert.equal(c.candidates, 100000);
  assert.equal(c.workers, 1);
  assert.ok(c.threads_per_worker >= 1);
  assert.ok(isAbsolute(c.shards!) && isAbsolute(c.output) && isAbsolute(c.mixture));
});

test('a bad search YAML lists every problem with its key path', () => {
  try {
    parseSearchConfig({
      ...minimal,
      proxies: 0,
      target: [{ domain: 'web', file: 'x.txt' }],
      dirichlet: { min_scale: 5, max_scale: 1 },
      proxy: { tokens: 'lots' },
      extra: 1,
    });
    assert.fail('accepted');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /^invalid search config \(\d+ problems\):/);
    const text = err.problems.join('\n');
    assert.match(text, /^proxies: /m);
    assert.match(text, /^target\.0: give exactly one of domain, all_domains or file/m);
    assert.match(text, /^dirichlet: min_scale must not exceed max_scale/m);
    assert.match(text, /^proxy\.tokens: /m);
    assert.match(text, /extra/);
  }
  assert.throws(() => parseSearchConfig({ ...minimal, target: [{ file: 'wiki.txt' }] }), /tokenizer: a file target needs the tokenizer/);
  assert.throws(() => parseSearchConfig(['not', 'a', 'map'], 'x.yaml'), /x\.yaml: expected a map of settings/);
  const { shards: _s, ...noShards } = minimal;
  assert.throws(() => parseSearchConfig(noShards), /shards: give token shards, or a tokenizer/);
});

test('the shipped pipelines/mix-search-xgen.yaml is a valid search config', async () => {
  const { loadSearchConfig } = await import('../src/index.js');
  const root = new URL('../../../../', import.meta.url);
  const c = await loadSearchConfig(new URL('pipelines/mix-search-xgen.yaml', root).pathname);
  assert.deepEqual(c.stages, ['broad', 'anneal']);
  assert.equal(c.stage_targets.anneal?.length, 3);
});
