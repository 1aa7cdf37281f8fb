import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ledgerImbalances, type RunStats } from '@anneal/core';
import { DEFAULT_NORMALIZE_OPTIONS, normalizeText, piiStep } from '@anneal/filters';
import { repoRoot, tempDir } from './support/harness.js';
import { runQuickstartCuration, trainQuickstartClassifiers } from './support/quickstart-curation.js';

// The quickstart's normalize used to collapse whitespace in every domain: 241 of 248 CPython modules
// that survived it no longer parsed. Here real code, articles and math go through the quickstart's
// curation as it is (each with its source label, as the sample's documents carry one), and every
// Python module that comes out must still parse; every kept text must be exactly what the normalize
// options the quickstart gives its source label make of the input, and its pii step, nothing else
// (its GSM8K-test documents are dropped by decontaminate: only kept documents are compared).
const real = join(repoRoot, '..', 'shared', 'datasets', 'real');
const python = spawnSync('python3', ['-c', 'import ast'], { encoding: 'utf8' });
const skip = !existsSync(join(real, 'python-stdlib-code.jsonl'))
  ? `real text not found at ${real}; skipped (see ../shared/datasets/real/README.md)`
  : python.status !== 0
    ? 'python3 not found; skipped (it is the oracle that parses the curated Python modules)'
    : false;

/** Source labels whose whitespace pipelines/quickstart.yaml collapses. */
const PROSE = ['web', 'encyclopedic'];

/** The ids of the texts among `texts` that Python's own parser rejects, with its error. */
function pythonSyntaxErrors(dir: string, texts: Map<string, string>): Record<string, string> {
  const file = join(dir, 'modules.json');
  writeFileSync(file, JSON.stringify(Object.fromEntries(texts)));
  const script = [
    'import ast, json, sys',
    'bad = {}',
    'for k, v in json.load(open(sys.argv[1], encoding="utf-8")).items():',
    '    try: ast.parse(v)',
    '    except SyntaxError as e: bad[k] = f"line {e.lineno}: {e.msg}"',
    'print(json.dumps(bad))',
  ].join('\n');
  const r = spawnSync('python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, string>;
}

test('quickstart curation keeps Python modules parseable and changes text only as its normalize options say', { skip }, async (t) => {
  const dir = await tempDir('quickstart-code');
  const jsonl = (f: string) =>
    readFileSync(join(real, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, string>);
  const code = jsonl('python-stdlib-code.jsonl').map((d) => ({ id: d.id!, text: d.text!, domain: 'code' }));
  const articles = readFileSync(join(real, 'wikitext2-valid.txt'), 'utf8')
    .split(/\n \n = (?=[^=])/)
    .filter((a) => a.trim().length > 200)
    .slice(0, 150)
    .map((text, i) => ({ id: `wikitext-${i}`, text, domain: 'encyclopedic' }));
  const math = jsonl('gsm8k-test.jsonl')
    .slice(0, 150)
    .map((d, i) => ({ id: `gsm8k-${i}`, text: `${d.question}\n${d.answer}`, domain: 'math' }));
  const input = [...code, ...articles, ...math];
  const inputPath = join(dir, 'real.jsonl');
  writeFileSync(inputPath, input.map((d) => JSON.stringify(d)).join('\n') + '\n');

  trainQuickstartClassifiers(dir);
  const { out } = runQuickstartCuration(dir, ['--set', `input.paths=[${inputPath}]`, '--set', 'input.format=jsonl']);
  const stats = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8')) as RunStats;
  assert.deepEqual(ledgerImbalances(stats), []);

  const kept: Record<string, unknown>[] = [];
  for (const f of (await readdir(out)).filter((x) => /^\d{5}\.jsonl$/.test(x)).sort()) {
    for (const line of (await readFile(join(out, f), 'utf8')).split('\n')) if (line) kept.push(JSON.parse(line));
  }
  const source = new Map(input.map((d) => [d.id, d]));
  const collapse = { ...DEFAULT_NORMALIZE_OPTIONS, collapse_whitespace: true };
  const pii = piiStep({});
  let collapsed = 0;
  for (const d of kept) {
    const { text, domain } = source.get(d.id as string)!;
    const defaults = normalizeText(text);
    const normalized = PROSE.includes(domain) ? normalizeText(defaults, collapse) : defaults;
    if (normalized !== defaults) collapsed++;
    // then the quickstart's pii step (CPython's author lines hold real e-mail addresses)
    const redacted = pii.apply({ id: d.id as string, text: normalized, metadata: {} });
    const expected = 'dropped' in redacted ? normalized : redacted.text;
    assert.ok(d.text === expected, `${d.id as string} (labelled ${domain}): the text differs from what normalize's options and pii make of it`);
  }
  t.diagnostic(`${kept.length} documents kept, each exactly as normalize's options say; ${collapsed} of them (prose) had whitespace collapsed`);

  const modules = new Map(kept.filter((d) => (d.id as string).startsWith('cpython')).map((d) => [d.id as string, d.text as string]));
  const labels: Record<string, number> = {};
  for (const d of kept) if ((d.id as string).startsWith('cpython')) labels[d.domain as string] = (labels[d.domain as string] ?? 0) + 1;
  t.diagnostic(`${modules.size} of ${code.length} CPython modules kept; classified as ${JSON.stringify(labels)}`);
  assert.ok(modules.size >= 0.9 * code.length, `only ${modules.size} of ${code.length} modules kept: the parse check would prove little`);
  // a module that did not parse before curation (none in CPython's Lib today) is not curation's doing
  const unparsedInputs = pythonSyntaxErrors(dir, new Map(code.map((d) => [d.id, d.text])));
  const broken = Object.entries(pythonSyntaxErrors(dir, modules)).filter(([id]) => !(id in unparsedInputs));
  assert.deepEqual(broken, [], 'every curated Python module that parsed before still parses');
  t.diagnostic(
    `${modules.size - broken.length} of ${modules.size} kept modules parse (${Object.keys(unparsedInputs).length} of the ${code.length} inputs did not parse to begin with)`,
  );
});
