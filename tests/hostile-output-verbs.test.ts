// Issue 11 ("never touch what anneal did not write") for every verb that writes a folder besides
// `anneal run` (tests/hostile-output.test.ts): tokenize, export megatron, mix, tokenizer train,
// classify train, train and export hf. For each: a foreign non-empty folder is refused with exit 2
// and stays byte-identical; a file of the user's named like the verb's output, inside a folder
// anneal wrote, survives a re-run; a re-run into its own output works. Inputs are generated here.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, runCliOk, snapshot, tempDir, type CliResult } from './support/harness.js';
import { tokenizerTrainArgs } from './support/cli-arguments.js';

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'river', 'stone', 'cloud', 'green', 'quiet', 'north', 'paper', 'light'];
const CODE = ['def', 'return', 'for', 'in', 'range', 'print', 'x', 'y', '=', '+', '(', ')', ':'];

/** A JSONL shard of `n` documents whose words are drawn (deterministically) from the domain's vocabulary. */
function shard(name: string, n: number, seed: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const code = (i + seed) % 2 === 0;
    const vocab = code ? CODE : WORDS;
    const words = Array.from({ length: 40 }, (_, j) => vocab[(i * 7 + j * 3 + seed) % vocab.length]);
    lines.push(JSON.stringify({ id: `${name}-${i}`, text: words.join(' '), domain: code ? 'code' : 'web' }));
  }
  return lines.join('\n') + '\n';
}

let dir: string;
let data: string;
let tokenizer: string;

/** The overrides that train a small tokenizer on the generated shards (both domains) into `output`. */
function dataTokenizerOverrides(output: string, ...size: string[]): string[] {
  return [`input.paths=[${data}/*.jsonl]`, `output=${output}`, ...size, 'workers=1', 'sample.proportions={web: 0.5, code: 0.5}'];
}

before(async () => {
  dir = await tempDir('hostile-verbs');
  data = join(dir, 'data');
  await mkdir(data);
  for (let s = 0; s < 3; s++) await writeFile(join(data, `part-${s}.jsonl`), shard(`p${s}`, 60, s));
  runCliOk(tokenizerTrainArgs(dataTokenizerOverrides(join(dir, 'tok'), 'vocab_size=300', 'sample.bytes=200000'), '--quiet'));
  tokenizer = join(dir, 'tok', 'tokenizer.json');
});

/** A folder of the user's holding names the verbs write themselves. */
async function foreignFolder(name: string, files: Record<string, string>): Promise<string> {
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'my-notes.txt'), 'mine\n');
  for (const [file, text] of Object.entries(files)) await writeFile(join(folder, file), text);
  return folder;
}

/** Runs `args`, which write into `folder`, and checks the refusal: exit 2, the folder named, not a byte changed. */
async function assertRefused(args: string[], folder: string, why: RegExp): Promise<CliResult> {
  const beforeRun = await snapshot(folder);
  const r = runCli(args);
  assert.equal(r.code, 2, `expected a refusal (exit 2): ${r.stderr}`);
  assert.ok(r.stderr.includes(folder), `the message names ${folder}: ${r.stderr}`);
  assert.match(r.stderr, why);
  const afterRun = await snapshot(folder);
  assert.deepEqual([...afterRun.keys()].sort(), [...beforeRun.keys()].sort(), 'files were added or removed');
  for (const [name, bytes] of beforeRun) assert.ok(bytes.equals(afterRun.get(name)!), `${name} was changed`);
  return r;
}

const NOT_WRITTEN = /non-empty folder that anneal did not write/;

/**
 * A verb driven by a config file (`name` in the test folder) that the test points at one output
 * after another: `into(target)` writes `config(target)` there and returns the verb's arguments.
 */
function configDrivenVerb(name: string, config: (target: string) => string, args: (yaml: string) => string[]) {
  const yaml = join(dir, name);
  return async (target: string): Promise<string[]> => {
    await writeFile(yaml, config(target));
    return args(yaml);
  };
}

/**
 * What a config-driven verb goes through first: pointed at a foreign folder (`name`, holding
 * `files`) it is refused; pointed at `out` it runs. Returns the arguments of that run.
 */
async function refusesForeignThenRuns(
  into: (target: string) => Promise<string[]>,
  name: string,
  files: Record<string, string>,
  out: string,
): Promise<string[]> {
  const foreign = await foreignFolder(name, files);
  await assertRefused(await into(foreign), foreign, NOT_WRITTEN);
  const args = await into(out);
  runCliOk(args);
  return args;
}

test('tokenize: a foreign folder is refused; stale shards go only if its marker lists them; a foreign shard-named file survives; the input folder is refused', async () => {
  const foreign = await foreignFolder('foreign-tokens', { '00000.arrow': 'not arrow\n', '00003.arrow': 'mine too\n', 'index.json': '{"mine": 1}\n' });
  await assertRefused(['tokenize', '--tokenizer', tokenizer, '--input', `${data}/*.jsonl`, '--out', foreign, '--workers', '0'], foreign, NOT_WRITTEN);

  const out = join(dir, 'tokens');
  runCliOk(['tokenize', '--tokenizer', tokenizer, '--input', `${data}/*.jsonl`, '--out', out, '--workers', '0']);
  const marker = JSON.parse(await readFile(join(out, '.anneal-run.json'), 'utf8')) as { verb: string; entries: string[] };
  assert.equal(marker.verb, 'tokenize');
  assert.deepEqual(marker.entries, ['00000.arrow', '00001.arrow', '00002.arrow', 'errors.jsonl', 'index.json', 'stats.json']);
  // a file of the user's named like a token shard of a larger run, beside anneal's own
  await writeFile(join(out, '00007.arrow'), 'a file of mine\n');
  const rerun = runCliOk(['tokenize', '--tokenizer', tokenizer, '--input', join(data, 'part-0.jsonl'), '--out', out, '--workers', '0']);
  assert.match(rerun.stdout, /1 shard\(s\)/);
  assert.equal(existsSync(join(out, '00001.arrow')), false, 'a stale shard the marker lists is removed');
  assert.equal(existsSync(join(out, '00002.arrow')), false);
  assert.equal(await readFile(join(out, '00007.arrow'), 'utf8'), 'a file of mine\n', 'an unlisted shard-named file survives');
  // now 00001.arrow is no longer anneal's: a user file there is refused, not overwritten
  await writeFile(join(out, '00001.arrow'), 'mine, written after anneal removed its own\n');
  await assertRefused(
    ['tokenize', '--tokenizer', tokenizer, '--input', join(data, 'part-0.jsonl'), join(data, 'part-1.jsonl'), '--out', out, '--workers', '0'],
    out,
    /00001\.arrow .*anneal did not write it/,
  );
  await rm(join(out, '00001.arrow'));
  runCliOk(['tokenize', '--tokenizer', tokenizer, '--input', join(data, 'part-0.jsonl'), join(data, 'part-1.jsonl'), '--out', out, '--workers', '0']);

  // an output from before the marker is adopted by its index.json, with a log line
  await rm(join(out, '.anneal-run.json'));
  const adopted = runCliOk(['tokenize', '--tokenizer', tokenizer, '--input', join(data, 'part-0.jsonl'), '--out', out, '--workers', '0']);
  assert.match(adopted.stderr, /written by an earlier anneal tokenize .*adopting it/);
  assert.equal(existsSync(join(out, '00001.arrow')), false, "the adopted index listed 00001.arrow, so it is anneal's stale shard");
  assert.equal(await readFile(join(out, '00007.arrow'), 'utf8'), 'a file of mine\n');

  await assertRefused(
    ['tokenize', '--tokenizer', tokenizer, '--input', `${data}/*.jsonl`, '--out', data, '--workers', '0'],
    data,
    /is the folder of input/,
  );
  // another verb's output is not tokenize's, even with a marker
  await assertRefused(
    ['tokenize', '--tokenizer', tokenizer, '--input', `${data}/*.jsonl`, '--out', join(dir, 'tok'), '--workers', '0'],
    join(dir, 'tok'),
    /output of anneal tokenizer train/,
  );
});

test('export megatron: the prefix folder is claimed; a foreign dataset beside its own survives; the shard folder is refused', async () => {
  const shards = join(dir, 'tokens-mega');
  runCliOk(['tokenize', '--tokenizer', tokenizer, '--input', `${data}/*.jsonl`, '--out', shards, '--workers', '0']);
  const foreign = await foreignFolder('foreign-mega', { 'train.bin': 'mine\n', 'train.idx': 'mine\n' });
  await assertRefused(['export', 'megatron', '--shards', shards, '--out', join(foreign, 'train')], foreign, NOT_WRITTEN);

  const mega = join(dir, 'mega');
  runCliOk(['export', 'megatron', '--shards', shards, '--out', join(mega, 'train')]);
  await writeFile(join(mega, 'valid.bin'), 'my own dataset\n');
  await assertRefused(['export', 'megatron', '--shards', shards, '--out', join(mega, 'valid')], mega, /valid\.bin .*anneal did not write it/);
  runCliOk(['export', 'megatron', '--shards', shards, '--out', join(mega, 'train')]);
  assert.equal(await readFile(join(mega, 'valid.bin'), 'utf8'), 'my own dataset\n');
  await assertRefused(['export', 'megatron', '--shards', shards, '--out', join(shards, 'train')], shards, /overlaps the input folder/);
});

test('mix: a foreign folder is refused; a foreign manifest-named file survives a re-run; re-running into its own output works', async () => {
  const mixInto = configDrivenVerb(
    'mix.yaml',
    (output) => `name: t\ninputs: ["${data}/*.jsonl"]\noutput: ${output}\nseed: 1\nstages:\n  - { name: first, tokens: 5k, strategy: natural }\n`,
    (yaml) => ['mix', yaml, '--no-progress'],
  );
  const out = join(dir, 'mix');
  const args = await refusesForeignThenRuns(mixInto, 'foreign-mix', { 'mixture.json': '{"mine": 1}\n', 'first.manifest.json': '{}\n' }, out);
  const first = await readFile(join(out, 'first.manifest.json'));
  await writeFile(join(out, 'second.manifest.json'), 'my notes on a second stage\n');
  runCliOk(args);
  assert.ok(first.equals(await readFile(join(out, 'first.manifest.json'))), 'the same manifest again');
  assert.equal(await readFile(join(out, 'second.manifest.json'), 'utf8'), 'my notes on a second stage\n');
  await assertRefused(await mixInto(data), data, /is the folder of input/);
});

test('tokenizer train: a foreign folder is refused; a foreign file beside its output survives; re-running works; an older output is adopted', async () => {
  const args = (output: string) => tokenizerTrainArgs(dataTokenizerOverrides(output, 'vocab_size=280', 'sample.bytes=50000'), '--quiet');
  const foreign = await foreignFolder('foreign-tok', { 'tokenizer.json': '{"mine": 1}\n' });
  await assertRefused(args(foreign), foreign, NOT_WRITTEN);
  const out = join(dir, 'tok2');
  runCliOk(args(out));
  await writeFile(join(out, 'tokenizer.model'), 'my sentencepiece model\n');
  runCliOk(args(out));
  assert.equal(await readFile(join(out, 'tokenizer.model'), 'utf8'), 'my sentencepiece model\n');
  await rm(join(out, '.anneal-run.json'));
  const adopted = runCli(args(out).filter((a) => a !== '--quiet'));
  assert.equal(adopted.code, 0, adopted.stderr);
  assert.match(adopted.stderr, /written by an earlier anneal tokenizer train .*adopting it/);
  await assertRefused(args(data), data, /is the folder of input/);
});

test('classify train: the model folder is claimed; another model beside it and a foreign file survive; a foreign model file is refused', async () => {
  const trainModel = configDrivenVerb(
    'classifier.yaml',
    (model) =>
      `name: d\nmodel: ${model}\nfasttext: { dim: 8, epoch: 2, lr: 0.5, wordNgrams: 1, minn: 0, maxn: 0, minCount: 1, bucket: 1000, loss: softmax, thread: 1 }\ninputs:\n  - { name: all, paths: ["${data}/*.jsonl"], label_key: domain }\n`,
    (yaml) => ['classify', 'train', '--config', yaml],
  );
  const foreign = await foreignFolder('foreign-models', { 'lid.176.bin': 'a downloaded model\n' });
  await assertRefused(await trainModel(join(foreign, 'domain.bin')), foreign, NOT_WRITTEN);

  const models = join(dir, 'models');
  runCliOk(await trainModel(join(models, 'domain.bin')));
  await writeFile(join(models, 'notes.train.txt'), 'mine\n');
  runCliOk(await trainModel(join(models, 'quality.bin')));
  runCliOk(await trainModel(join(models, 'domain.bin')));
  assert.ok(existsSync(join(models, 'quality.bin')));
  assert.equal(await readFile(join(models, 'notes.train.txt'), 'utf8'), 'mine\n');
  await writeFile(join(models, 'notes.bin'), 'my own model\n');
  await assertRefused(await trainModel(join(models, 'notes.bin')), models, /notes\.bin .*anneal did not write it/);
  await assertRefused(await trainModel(join(data, 'domain.bin')), data, /is the folder of input/);
});

test('train and export hf: a foreign run_dir / --out is refused; a foreign file in an anneal folder survives a re-run', async () => {
  const shards = join(dir, 'tokens-train');
  runCliOk(['tokenize', '--tokenizer', tokenizer, '--input', `${data}/*.jsonl`, '--out', shards, '--workers', '0']);
  const trainInto = configDrivenVerb(
    'train.yaml',
    (runDir) =>
      `run_dir: ${runDir}\nbackend: cpu\ntokenizer: ${tokenizer}\ndata: { shards: ${shards}, eval_windows: 1 }\nmodel: { d_model: 16, n_layers: 1, n_heads: 2 }\nbatch_size: 2\neval_every: 100\ncheckpoint_every: 2\nkeep_checkpoints: 1\nstages:\n  - { name: s, steps: 2, seq_len: 16 }\n`,
    (yaml) => ['train', yaml, '--no-progress'],
  );
  const run = join(dir, 'run');
  const args = await refusesForeignThenRuns(trainInto, 'foreign-run', { 'config.yaml': 'my: own\n', 'metrics.jsonl': '{}\n' }, run);
  await writeFile(join(run, 'metrics.csv'), 'mine\n');
  // the trainer itself wants --resume into a run_dir with checkpoints
  runCliOk([...args, '--resume']);
  assert.equal(await readFile(join(run, 'metrics.csv'), 'utf8'), 'mine\n');
  await assertRefused(await trainInto(join(shards, 'run')), shards, /overlaps the input folder/);

  const foreignHf = await foreignFolder('foreign-hf', { 'config.json': '{"mine": 1}\n' });
  await assertRefused(['export', 'hf', '--checkpoint', run, '--out', foreignHf], foreignHf, NOT_WRITTEN);
  const hf = join(dir, 'hf');
  runCliOk(['export', 'hf', '--checkpoint', run, '--out', hf]);
  await writeFile(join(hf, 'README.md'), 'my model card\n');
  runCliOk(['export', 'hf', '--checkpoint', run, '--out', hf]);
  assert.equal(await readFile(join(hf, 'README.md'), 'utf8'), 'my model card\n');
  await assertRefused(['export', 'hf', '--checkpoint', run, '--out', join(run, 'hf')], run, /overlaps the input folder/);
});
