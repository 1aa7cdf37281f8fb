import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc } from '@anneal/core';
import { readDocuments } from '@anneal/io';
import { identifyLanguage, languageFilter } from '@anneal/filters';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const realDir = join(repoRoot, '..', 'shared', 'datasets', 'real');

const SENTENCES: Record<string, string> = {
  en: 'The village lies on the bank of the river, about ten miles from the nearest town.',
  fr: 'Le village se trouve au bord de la rivière, à une quinzaine de kilomètres de la ville.',
  de: 'Das Dorf liegt am Ufer des Flusses, etwa fünfzehn Kilometer von der nächsten Stadt entfernt.',
  es: 'El pueblo está a orillas del río, a unos quince kilómetros de la ciudad más cercana.',
  ru: 'Деревня расположена на берегу реки, примерно в пятнадцати километрах от ближайшего города.',
  zh: '这个村庄位于河岸上，距离最近的城镇大约十五公里。',
};

test('identifyLanguage names each major language with an ISO 639-1 code and a score in (0, 1]', () => {
  for (const [code, text] of Object.entries(SENTENCES)) {
    const guess = identifyLanguage(text);
    assert.equal(guess.language, code, text);
    assert.ok(guess.score > 0 && guess.score <= 1, `${code}: ${guess.score}`);
  }
  assert.deepEqual(identifyLanguage('12345 678'), { language: 'und', score: 0 });
});

test('language step: annotates, keeps listed languages above min_score, drops the others by reason', () => {
  const doc = (text: string) => ({ id: 'd', text, metadata: { source: 's' } });
  const step = languageFilter();
  const kept = step.apply(doc(SENTENCES.en!));
  assert.ok(!('dropped' in kept));
  assert.equal(kept.metadata.language, 'en');
  assert.ok((kept.metadata.language_score as number) >= 0.65);
  assert.equal(kept.metadata.source, 's');
  assert.deepEqual(step.apply(doc(SENTENCES.fr!)), { dropped: 'language_not_kept', detail: 'fr (score 0.821), keeps en' });
  const low = languageFilter({ min_score: 0.99 }).apply(doc(SENTENCES.en!));
  assert.ok('dropped' in low && low.dropped === 'language_low_score');
  assert.match(low.detail!, /^en score 0\.\d{3}, needs 0\.99$/);
  for (const annotating of [languageFilter({ annotate_only: true }), languageFilter({ languages: [] })]) {
    const r = annotating.apply(doc(SENTENCES.ru!));
    assert.ok(!('dropped' in r) && r.metadata.language === 'ru');
  }
});

/** The sample corpus's documents in file order, read as `anneal run` reads them (its `language` is metadata). */
async function sampleDocs(): Promise<Doc[]> {
  const sampleDir = join(repoRoot, 'datasets', 'sample');
  const docs: Doc[] = [];
  for (const name of readdirSync(sampleDir).sort()) {
    for await (const item of readDocuments(join(sampleDir, name)).records) {
      assert.ok(item.doc, item.error?.message);
      docs.push(item.doc);
    }
  }
  return docs;
}

test('accuracy on the sample corpus non-English documents and on real English text', async (t) => {
  const nonEnglish = (await sampleDocs()).map((d) => ({ text: d.text, language: d.metadata.language })).filter((d) => d.language !== 'en');
  const correct = nonEnglish.filter((d) => identifyLanguage(d.text).language === d.language).length;
  t.diagnostic(`sample non-English documents: ${correct}/${nonEnglish.length} correct`);
  assert.ok(nonEnglish.length >= 60);
  assert.ok(correct / nonEnglish.length >= 0.95, `${correct}/${nonEnglish.length}`);

  if (!existsSync(realDir)) {
    t.diagnostic(`real English text skipped: ${realDir} is absent`);
    return;
  }
  const english = [
    ...readFileSync(join(realDir, 'wikitext2-test.txt'), 'utf8')
      .split(/\n \n = (?=[^=])/)
      .filter((a) => a.length > 500),
    ...readFileSync(join(realDir, 'tinyshakespeare.txt'), 'utf8')
      .split(/\n\n/)
      .filter((s) => s.length > 300),
    ...readFileSync(join(realDir, 'gsm8k-test.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { question: string }).question),
  ];
  const scores = english.map((text) => identifyLanguage(text));
  const right = scores.filter((g) => g.language === 'en').length;
  const aboveMin = scores.filter((g) => g.language === 'en' && g.score >= 0.65).length;
  t.diagnostic(
    `real English (WikiText-2 articles, Shakespeare speeches, GSM8K questions): ${right}/${english.length} identified as en, ${aboveMin} of them at or above min_score 0.65`,
  );
  assert.ok(right / english.length >= 0.97, `${right}/${english.length}`);
});
