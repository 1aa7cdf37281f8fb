import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc, DocumentStep } from '@anneal/core';
import { c4Filter, fineWebFilter, gopherQualityFilter, gopherRepetitionFilter } from '@anneal/filters';
import { repoRoot, tempDir } from '../support/harness.js';

// datatrove 0.10.1 is the oracle: each heuristic filter, alone with its defaults, must keep and drop
// the same real documents in anneal as in datatrove (the README promises that a pipeline ported from
// datatrove drops the same documents). Python runs tests/interop/datatrove_filters.py; the
// interpreter is $ANNEAL_DATATROVE_PYTHON or python3 (.ci/run installs datatrove and spaCy).
const real = join(repoRoot, '..', 'shared', 'datasets', 'real');
const python = process.env.ANNEAL_DATATROVE_PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', 'import datatrove, spacy; from datatrove.pipeline.filters import GopherQualityFilter'], { encoding: 'utf8' });
const skip = !existsSync(join(real, 'python-stdlib-code.jsonl'))
  ? `real text not found at ${real}; skipped (see ../shared/datasets/real/README.md)`
  : probe.status !== 0
    ? `${python} cannot import datatrove and spaCy (pip install datatrove==0.10.1 spacy, or set ANNEAL_DATATROVE_PYTHON); skipped`
    : false;

/** The least share of documents on which anneal and datatrove must agree, per filter. */
const MIN_AGREEMENT = 0.995;

/** WikiText-2 articles, Tiny Shakespeare in 40-line scenes, GSM8K test problems with answers, CPython modules. */
function realDocuments(): Doc[] {
  const read = (f: string) => readFileSync(join(real, f), 'utf8');
  const scenes: string[] = [];
  read('tinyshakespeare.txt')
    .split('\n')
    .forEach((line, i) => (i % 40 ? (scenes[scenes.length - 1] += '\n' + line) : scenes.push(line)));
  const texts = [
    ...['wikitext2-valid.txt', 'wikitext2-test.txt'].flatMap((f) => read(f).split(/\n \n = (?=[^=])/)),
    ...scenes,
    ...read('gsm8k-test.jsonl')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const j = JSON.parse(l) as { question: string; answer: string };
        return `${j.question}\n${j.answer}`;
      }),
    ...read('python-stdlib-code.jsonl')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  ];
  return texts.filter((t) => t.trim()).map((text, i) => ({ id: `real-${i}`, text, metadata: {} }));
}

const FILTERS: [string, DocumentStep][] = [
  ['gopher_quality', gopherQualityFilter()],
  ['gopher_repetition', gopherRepetitionFilter()],
  ['c4', c4Filter({ filter_no_terminal_punct: false })],
  ['fineweb', fineWebFilter()],
];

test('each heuristic filter keeps and drops the same real documents as datatrove 0.10.1', { skip }, async (t) => {
  const dir = await tempDir('datatrove');
  const docs = realDocuments();
  const input = join(dir, 'docs.jsonl');
  writeFileSync(input, docs.map((d) => JSON.stringify({ id: d.id, text: d.text })).join('\n') + '\n');
  const r = spawnSync(python, [join(repoRoot, 'tests', 'interop', 'datatrove_filters.py'), input], { encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.equal(r.status, 0, r.stderr);
  const verdicts = new Map(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => {
        const v = JSON.parse(l) as Record<string, [boolean, string | null]> & { id: string };
        return [v.id, v] as const;
      }),
  );
  assert.equal(verdicts.size, docs.length);

  for (const [name, step] of FILTERS) {
    let agree = 0;
    let annealKeeps = 0;
    let datatroveKeeps = 0;
    const differing: string[] = [];
    for (const doc of docs) {
      const kept = !('dropped' in step.apply(doc));
      const [oracleKept, reason] = verdicts.get(doc.id)![name]!;
      if (kept) annealKeeps++;
      if (oracleKept) datatroveKeeps++;
      if (kept === oracleKept) agree++;
      else differing.push(`${doc.id} (anneal ${kept ? 'keeps' : 'drops'}, datatrove ${oracleKept ? 'keeps' : `drops: ${reason}`})`);
    }
    const share = agree / docs.length;
    t.diagnostic(
      `${name}: agree on ${agree} of ${docs.length} (${(100 * share).toFixed(2)} %); anneal keeps ${annealKeeps}, datatrove ${datatroveKeeps}` +
        (differing.length ? `; e.g. ${differing.slice(0, 3).join(', ')}` : ''),
    );
    assert.ok(
      share >= MIN_AGREEMENT,
      `${name}: anneal and datatrove agree on ${(100 * share).toFixed(2)} % of documents, below ${100 * MIN_AGREEMENT} %`,
    );
  }
});
