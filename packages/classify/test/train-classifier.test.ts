import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRng, runStepsInMemory } from '@anneal/core';
import { classifyStep, trainClassifier, DEFAULT_FASTTEXT_PARAMS, type ClassifierTrainingSpec } from '../src/index.js';

const TOPICS: Record<string, string[]> = {
  cooking: ['flour', 'oven', 'butter', 'simmer', 'garlic', 'recipe', 'bake', 'salt', 'onion', 'pan', 'dough', 'sauce'],
  astronomy: ['orbit', 'galaxy', 'telescope', 'planet', 'nebula', 'comet', 'star', 'redshift', 'moon', 'solar', 'eclipse', 'quasar'],
};
const SHARED = ['the', 'a', 'of', 'and', 'is', 'with', 'in', 'we', 'this', 'very', 'then', 'it'];

/** Documents whose topic words are mixed with many shared words, so the model has to learn which count. */
function documents(count: number, seed: number) {
  return Array.from({ length: count }, (_, i) => {
    const rng = new SeededRng(seed, `doc-${i}`);
    const topic = i % 2 === 0 ? 'cooking' : 'astronomy';
    const words = Array.from({ length: 30 }, () => (rng.chance(0.3) ? rng.pick(TOPICS[topic]!) : rng.pick(SHARED)));
    return { id: `doc-${i}`, text: words.join(' '), topic };
  });
}

async function trainTopicModel(dir: string): Promise<{ spec: ClassifierTrainingSpec; run: Awaited<ReturnType<typeof trainClassifier>> }> {
  const input = join(dir, 'topics.jsonl');
  await writeFile(
    input,
    documents(400, 1)
      .map((d) => JSON.stringify(d))
      .join('\n') + '\n',
  );
  const spec: ClassifierTrainingSpec = {
    name: 'topics',
    model: join(dir, 'topics.bin'),
    seed: 0,
    heldOut: 0.25,
    positiveLabel: 'cooking',
    inputs: [{ name: 'topics', paths: [input], optional: false, textKeys: ['text'], idKey: 'id', labelKey: 'topic', minChars: 1 }],
    fasttext: { ...DEFAULT_FASTTEXT_PARAMS, dim: 8, epoch: 5, bucket: 10_000 },
  };
  return { spec, run: await trainClassifier(spec) };
}

test('training on small labeled data gives a model that predicts held-out labels far above chance', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-classify-'));
  const { run } = await trainTopicModel(dir);
  assert.equal(run.trainExamples + run.heldOutExamples, 400);
  assert.ok(run.heldOutExamples > 60 && run.heldOutExamples < 140, `about a quarter held out, got ${run.heldOutExamples}`);
  assert.ok(run.metrics.accuracy >= 0.9, `held-out accuracy ${run.metrics.accuracy} (chance is 0.5)`);
  assert.ok(run.metrics.auc!.value >= 0.95, `AUC ${run.metrics.auc!.value}`);
  const json = JSON.parse(await readFile(run.metricsPath, 'utf8'));
  assert.equal(json.held_out_metrics.accuracy, run.metrics.accuracy);
  assert.match(await readFile(join(dir, 'topics.train.txt'), 'utf8'), /^__label__(cooking|astronomy) /);
});

test("the classify step writes the label and its score, or one label's probability, for every document", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-classify-'));
  const { run } = await trainTopicModel(dir);
  const fresh = documents(40, 99).map((d) => ({ id: d.id, text: d.text, metadata: { topic: d.topic } }));
  fresh.push({ id: 'empty', text: ' ', metadata: { topic: 'none' } });
  const step = classifyStep({
    models: [
      { model: run.modelPath, field: 'topic_pred' },
      { model: run.modelPath, field: 'p_cooking', score_label: 'cooking' },
    ],
    batch_size: 16,
  });
  const out = await runStepsInMemory(fresh, [step]);
  assert.equal(out.docs.length, 41);
  assert.deepEqual(
    out.docs.map((d) => d.id),
    fresh.map((d) => d.id),
    'order is kept',
  );
  const scored = out.docs.filter((d) => d.id !== 'empty');
  const right = scored.filter((d) => d.metadata.topic_pred === d.metadata.topic).length;
  assert.ok(right >= 36, `${right} of 40 new documents classified right`);
  for (const d of scored) {
    const score = d.metadata.topic_pred_score as number;
    const p = d.metadata.p_cooking as number;
    assert.ok(score >= 0.5 && score <= 1, `best-label probability ${score}`);
    assert.ok(p >= 0 && p <= 1);
    // with two labels, P(cooking) is the best score or its complement
    const expected = d.metadata.topic_pred === 'cooking' ? score : 1 - score;
    assert.ok(Math.abs(p - expected) < 1e-3, `P(cooking) ${p} vs ${expected}`);
  }
  const empty = out.docs.find((d) => d.id === 'empty')!;
  assert.deepEqual([empty.metadata.topic_pred, empty.metadata.topic_pred_score, empty.metadata.p_cooking], [null, null, null]);
});

test('a file that is not a fastText model fails at load with its name', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anneal-classify-'));
  const bad = join(dir, 'bad.bin');
  await writeFile(bad, 'not a model at all, just text that is long enough for the header');
  const run = runStepsInMemory([{ id: 'a', text: 'x', metadata: {} }], [classifyStep({ models: [{ model: bad, field: 'x' }], batch_size: 4 })]);
  await assert.rejects(run, /bad\.bin: not a fastText \.bin file/);
});
