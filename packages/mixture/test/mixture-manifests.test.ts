import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, SeededRng } from '@anneal/core';
import {
  computeMixture,
  ImpossibleBudgetError,
  loadMixtureConfig,
  parseMixtureConfig,
  readManifestDocuments,
  readStageManifest,
  writeMixture,
  type MixtureConfigInput,
} from '@anneal/mixture';

interface TestDoc {
  id: string;
  text: string;
  domain: string;
  quality?: number;
  dup_count?: number;
}

/** 3 domains; text lengths are multiples of 4 bytes so estimated tokens are exact integers. */
function corpus(): TestDoc[] {
  const rng = new SeededRng(11, 'corpus');
  const docs: TestDoc[] = [];
  const sizes = { web: 600, code: 200, math: 150 } as const;
  for (const [domain, n] of Object.entries(sizes)) {
    for (let i = 0; i < n; i++) {
      const d: TestDoc = {
        id: `${domain}-${String(i).padStart(4, '0')}`,
        text: 'abcd'.repeat(rng.int(20, 700)),
        domain,
        quality: Math.round(rng.next() * 1000) / 1000,
        dup_count: rng.chance(0.2) ? rng.int(2, 12) : 1,
      };
      if (domain === 'math' && i % 10 === 0) delete d.quality; // some documents without a score
      docs.push(d);
    }
  }
  return new SeededRng(11, 'order').shuffle(docs);
}

async function writeShards(docs: TestDoc[], shards: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-mixture-shards-'));
  for (let s = 0; s < shards; s++) {
    const part = docs.filter((_, i) => i % shards === s);
    await writeFile(join(dir, `${String(s).padStart(5, '0')}.jsonl`), part.map((d) => JSON.stringify(d)).join('\n') + '\n');
  }
  return dir;
}

const STAGES: MixtureConfigInput['stages'] = [
  { name: 'broad', tokens: '150k', strategy: 'unimax', min_quality: 0.05 },
  {
    name: 'anneal',
    tokens: 40000,
    strategy: 'natural',
    top_quality_fraction: 0.25,
    upweight: { math: 3, code: 2 },
    sampling: { quality_exponent: 2 },
  },
  {
    name: 'long',
    tokens: '60k',
    strategy: 'temperature',
    temperature: 2,
    long_documents: { min_tokens: 500, weight: 4 },
    trainer: { seq_len: 4096 },
  },
  { name: 'fixed', tokens: '50k', strategy: 'manual', proportions: { web: 0.5, code: 0.3, math: 0.2 }, sampling: { missing_quality: 'exclude' } },
];

function config(inputDir: string, extra: Partial<MixtureConfigInput> = {}) {
  return parseMixtureConfig({ name: 'test', inputs: [inputDir], output: join(inputDir, 'mix'), seed: 7, stages: STAGES, ...extra });
}

test('every stage lands each domain within 0.5 % of its target; manifests list exactly the drawn documents', async () => {
  const docs = corpus();
  const dir = await writeShards(docs, 3);
  const result = await computeMixture(config(dir));
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const m of result.manifests) {
    for (const d of m.domains) {
      if (d.target_tokens === 0) continue;
      assert.ok(Math.abs(d.tokens - d.target_tokens) / d.target_tokens < 0.005, `${m.stage}/${d.domain}: ${d.tokens} vs ${d.target_tokens}`);
      assert.ok(d.epochs <= d.max_epochs * 1.005);
    }
    assert.ok(Math.abs(m.tokens - m.target_tokens) / m.target_tokens < 0.005);
    // read the documents back through the manifest: tokens × repeats add up, domains match
    let tokens = 0;
    for await (const x of readManifestDocuments(m)) {
      assert.ok(x.repeats >= 1 && x.repeats <= m.sampling.max_repeats);
      assert.equal(x.domain, byId.get(x.doc.id)!.domain);
      tokens += (Buffer.byteLength(x.doc.text) / 4) * x.repeats;
    }
    assert.equal(tokens, m.tokens, m.stage);
  }
  const [broad, anneal, long, fixed] = result.manifests;
  // quality floor: documents below 0.05 are excluded and counted by reason
  const below = docs.filter((d) => d.quality !== undefined && d.quality < 0.05);
  assert.equal(
    broad!.domains.reduce((n, d) => n + (d.excluded.below_min_quality ?? 0), 0),
    below.length,
  );
  // top quality fraction: ceil(25 %) of each domain, the rest excluded
  for (const d of anneal!.domains) {
    const n = docs.filter((x) => x.domain === d.domain).length;
    assert.equal(d.available_documents, Math.ceil(0.25 * n));
    assert.equal(d.excluded.below_top_quality_fraction, n - Math.ceil(0.25 * n));
  }
  // manual proportions are kept exactly; missing quality excluded when asked
  assert.deepEqual(Object.fromEntries(fixed!.domains.map((d) => [d.domain, d.proportion])), { web: 0.5, code: 0.3, math: 0.2 });
  assert.equal(fixed!.domains.find((d) => d.domain === 'math')!.excluded.missing_quality, 15);
  assert.deepEqual(long!.trainer, { seq_len: 4096 });
  assert.equal(long!.sampling.long_documents?.min_tokens, 500);
});

test('repeat counts do not depend on how the documents are split into shards, and reruns are byte-identical', async () => {
  const docs = corpus();
  const one = await writeShards(docs, 1);
  const four = await writeShards(docs, 4);
  const a = await computeMixture(config(one));
  const b = await computeMixture(config(four));
  for (let s = 0; s < a.manifests.length; s++) {
    const counts = (m: (typeof a.manifests)[number]) => {
      const out = new Map<string, number>();
      for (const sh of m.shards) sh.selection.ids.forEach((id, i) => out.set(id, sh.selection.repeats[i]!));
      return out;
    };
    assert.deepEqual(counts(a.manifests[s]!), counts(b.manifests[s]!), a.manifests[s]!.stage);
    assert.deepEqual(a.manifests[s]!.domains, b.manifests[s]!.domains);
  }
  const paths = await writeMixture(a);
  const first = await Promise.all(paths.map((p) => readFile(p)));
  await writeMixture(await computeMixture(config(one)));
  const second = await Promise.all(paths.map((p) => readFile(p)));
  assert.deepEqual(second, first);
  const reread = await readStageManifest(paths[0]!);
  assert.equal(reread.stage, 'broad');
  assert.equal(reread.shards[0]!.path, join(one, '00000.jsonl'));
});

test('an impossible budget is a clear error naming the stage and the caps', async () => {
  const dir = await writeShards(corpus(), 2);
  await assert.rejects(
    computeMixture(config(dir, { stages: [{ name: 'huge', tokens: '10M', strategy: 'natural' }] })),
    (err: Error) =>
      err instanceof ImpossibleBudgetError &&
      /^stage huge: the budget of 10,000,000 tokens exceeds what the caps allow: at most 1,351,404 tokens \(code 272,152 \(max_epochs 4 × 68,038 available\), math /.test(
        err.message,
      ),
  );
  await assert.rejects(
    computeMixture(config(dir, { stages: [{ name: 'm', tokens: 1000, strategy: 'manual', proportions: { books: 1 } }] })),
    /stage m: proportions.books is 1, but domain "books" has no eligible documents/,
  );
});

test('a shard that changed after the manifest was written is detected, not silently misread', async () => {
  const docs = corpus();
  const dir = await writeShards(docs, 1);
  const m = (await computeMixture(config(dir))).manifests[0]!;
  await writeFile(
    join(dir, '00000.jsonl'),
    docs
      .slice(1)
      .map((d) => JSON.stringify(d))
      .join('\n') + '\n',
  );
  await assert.rejects(async () => {
    for await (const _ of readManifestDocuments(m)) void _;
  }, /the shard changed since the manifest was written/);
});

test('duplicate ids are refused: repeat draws are keyed by id', async () => {
  const docs = corpus();
  docs.push({ ...docs[0]!, text: 'abcd' });
  const dir = await writeShards(docs, 2);
  await assert.rejects(
    computeMixture(config(dir)),
    /id "[a-z]+-\d{4}" also appears in .*00000\.jsonl document \d+; mixture manifests need unique ids/,
  );
});

test('config errors list every problem with its key path', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-mixture-cfg-'));
  const path = join(dir, 'm.yaml');
  await writeFile(
    path,
    `name: x
inputs: [a]
output: out
stages:
  - { name: a, tokens: lots, strategy: natural }
  - { name: a, tokens: 5, strategy: temperature }
  - { name: b, tokens: 5, strategy: manual, max_epochs: -1 }
  - { name: c, tokens: 5, strategy: natural, proportions: { web: 1 }, bogus: 1 }
`,
  );
  await assert.rejects(loadMixtureConfig(path), (err: Error) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /^invalid mixture config \(\d+ problems\):/);
    for (const p of [
      'stages.0.tokens: a positive token count',
      'stages.1.temperature',
      'stages.2.proportions',
      'stages.2.max_epochs',
      'stages.3.proportions',
      'stages.3: Unrecognized key',
    ]) {
      assert.ok(
        err.problems.some((x) => x.startsWith(p) || x.includes(p)),
        `missing ${p} in\n${err.message}`,
      );
    }
    return true;
  });
  // checks across stages run once each stage is valid
  assert.throws(
    () =>
      parseMixtureConfig({
        name: 'x',
        inputs: 'a',
        output: 'o',
        stages: [
          { name: 's', tokens: 1, strategy: 'unimax' },
          { name: 's', tokens: 1, strategy: 'unimax' },
        ],
      }),
    /stages\.1\.name: duplicate stage name "s"/,
  );
  const ok = parseMixtureConfig({ name: 'x', inputs: 'a', output: 'o', stages: [{ name: 's', tokens: '1.5B', strategy: 'unimax' }] });
  assert.equal(ok.stages[0]!.tokens, 1.5e9);
  assert.equal(ok.max_epochs, 4);
});
