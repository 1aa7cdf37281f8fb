import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAGE_MANIFEST_FORMAT, STAGE_MANIFEST_VERSION, type StageManifest } from '@anneal/mixture';
import { TokenCorpus } from '../src/data-loader-corpus.js';
import { PackedWindowLoader } from '../src/data-loader.js';
import { manifestDomainSampling, readStageManifestSampling } from '../src/data-loader-manifest.js';

const EOS = 0;

function manifest(selection: { ids: string[]; repeats: number[]; domains: number[] }): StageManifest {
  return {
    format: STAGE_MANIFEST_FORMAT,
    version: STAGE_MANIFEST_VERSION,
    mixture: 'm',
    stage: 'anneal',
    stage_index: 1,
    seed: 1,
    target_tokens: 100,
    tokens: 100,
    domains: [
      { domain: 'math', proportion: 0.75 },
      { domain: 'code', proportion: 0.25 },
    ],
    shards: [
      {
        path: 'a.jsonl',
        format: 'jsonl',
        text_key: 'text',
        id_key: 'id',
        documents: 10,
        selection: { records: selection.ids.map((_, i) => i), ...selection },
      },
    ],
    base_dir: '/',
  } as unknown as StageManifest;
}

// token shards made before a classifier relabelled documents: m1 is "web" in the shards, "math" in the manifest
const corpus = TokenCorpus.fromDocuments(
  [
    { id: 'm1', domain: 'web', tokens: [1, 1, 1] },
    { id: 'm2', domain: 'math', tokens: [2, 2] },
    { id: 'c1', domain: 'code', tokens: [3, 3, 3, 3] },
    { id: 'x', domain: 'web', tokens: [9] },
  ],
  EOS,
  10,
);

test('a manifest stage samples its selected ids, with their repeat counts, under the manifest’s domains', () => {
  const domains = manifestDomainSampling(manifest({ ids: ['m1', 'm2', 'c1'], repeats: [2, 1, 3], domains: [0, 0, 1] }));
  assert.deepEqual(
    domains.map((d) => [d.domain, d.weight, d.ids, d.repeats]),
    [
      ['math', 0.75, ['m1', 'm2'], [2, 1]],
      ['code', 0.25, ['c1'], [3]],
    ],
  );
  const loader = new PackedWindowLoader(corpus, { stage: 'anneal', seed: 4, domains: domains.filter((d) => d.domain === 'math') }, 1);
  // one epoch of math = m1 twice and m2 once, each followed by EOS: 4 + 4 + 3 = 11 stream tokens
  const stream: number[] = [];
  for (let i = 0; i < 11; i++) stream.push(loader.nextBatch(1).tokens[0]!);
  assert.deepEqual([...stream].sort(), [0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2]);
  assert.ok(!stream.includes(9), 'unselected documents never appear');
});

test('selected documents that were held out for validation are skipped; unknown ids fail with the id', async () => {
  const { train } = corpus.splitHeldOut(0.5, 3);
  const held = [...corpus.domains.values()].flatMap((d) => d.ids).filter((id) => train.withheld.has(id));
  assert.ok(held.length > 0 && held.length < 4, `some held out: ${held}`);
  const domains = manifestDomainSampling(manifest({ ids: ['m1', 'm2', 'c1', 'x'], repeats: [1, 1, 1, 1], domains: [0, 0, 1, 0] }));
  const kept = domains.filter((d) => d.ids!.some((id) => !train.withheld.has(id)));
  const loader = new PackedWindowLoader(train, { stage: 'anneal', seed: 1, domains: kept }, 4);
  const tokens = loader.nextBatch(20).tokens;
  for (const id of held) {
    const heldTokens = corpus.gather('any', [id], 'test').docs.tokens[0]!;
    assert.ok(!tokens.includes(heldTokens), `held-out ${id} never trained on`);
  }
  const bad = manifestDomainSampling(manifest({ ids: ['m1', 'nope'], repeats: [1, 1], domains: [0, 0] }));
  assert.throws(
    () => new PackedWindowLoader(corpus, { stage: 'anneal', seed: 1, domains: bad }, 4),
    /stage anneal, domain math: selected document nope is not in the token shards/,
  );

  const dir = await mkdtemp(join(tmpdir(), 'anneal-manifest-'));
  await writeFile(join(dir, 'bad.json'), '{"format":"other"}');
  await assert.rejects(readStageManifestSampling(join(dir, 'bad.json')), /bad\.json: not a stage manifest/);
});
