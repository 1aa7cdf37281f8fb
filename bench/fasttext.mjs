// fastText: anneal's path (the `fasttext` N-API binding: training in a child process, prediction
// in-process and batched) against Debian's fastText CLI (`apt-get install fasttext`) on the same
// training file, the same parameters and the same held-out documents.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, outDir, table, timed } from './lib/common.mjs';

const ROOT = new URL('..', import.meta.url).pathname;

function cliAvailable() {
  return spawnSync('fasttext', [], { encoding: 'utf8' }).error === undefined;
}

export async function run({ args }) {
  const { trainFastText, FastTextModel, DEFAULT_FASTTEXT_PARAMS } = await import('../packages/classify/dist/src/index.js');
  const dir = outDir('fasttext');
  const prefix = join(dir, 'domain');
  // 1. The domain classifier's labeled files, made by anneal itself (real text when ../shared has it).
  const prep = spawnSync(
    process.execPath,
    [join(ROOT, 'packages/cli/bin/anneal.js'), 'classify', 'train', '--config', 'pipelines/domain-classifier.yaml', '--set', `model=${prefix}.bin`],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (prep.status !== 0) throw new Error(`anneal classify train failed: ${prep.stderr}`);
  const trainFile = `${prefix}.train.txt`;
  const heldOut = readFileSync(`${prefix}.held-out.txt`, 'utf8').split('\n').filter(Boolean);
  // Held-out documents repeated to about 20,000 so each prediction timing lasts long enough to measure.
  const reps = Math.max(1, Math.round(Number(args.docs ?? 20000) / heldOut.length));
  const predictLines = Array.from({ length: reps }, () => heldOut)
    .flat()
    .map((l) => l.replace(/^__label__\S+ /, ''));
  const predictFile = join(dir, 'predict.txt');
  writeFileSync(predictFile, predictLines.join('\n') + '\n');
  const trainLines = readFileSync(trainFile, 'utf8').split('\n').filter(Boolean).length;
  const trainMB = readFileSync(trainFile).length / 1e6;
  const params = DEFAULT_FASTTEXT_PARAMS;
  console.log(
    `input: ${trainLines} training examples (${fmt(trainMB, 1)} MB, pipelines/domain-classifier.yaml), ${predictLines.length} documents to predict (${heldOut.length} held-out × ${reps});`,
  );
  console.log(
    `parameters: ${Object.entries(params)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n`,
  );

  const rows = [];
  const annealTrain = await timed(() => trainFastText(trainFile, join(dir, 'anneal'), params));
  const model = await FastTextModel.load(join(dir, 'anneal.bin'));
  const predict = async (batch) => {
    const labels = [];
    for (let i = 0; i < predictLines.length; i += batch)
      for (const p of await model.predictLines(predictLines.slice(i, i + batch))) labels.push(p[0]?.label);
    return labels;
  };
  await predict(256); // warm-up: page cache, thread pool
  const batched = await timed(() => predict(256));
  const single = await timed(() => predict(1));

  const haveCli = cliAvailable();
  let cliTrain, cliPredict, agreement;
  if (haveCli) {
    const flags = Object.entries(params).flatMap(([k, v]) => [`-${k}`, String(v)]);
    cliTrain = await timed(async () =>
      spawnSync('fasttext', ['supervised', '-input', trainFile, '-output', join(dir, 'cli'), '-verbose', '0', ...flags]),
    );
    // predict-prob reads the file itself: model load + tokenizing + printing, one process for all documents
    cliPredict = await timed(async () =>
      spawnSync('fasttext', ['predict-prob', join(dir, 'anneal.bin'), predictFile, '1'], { encoding: 'utf8', maxBuffer: 1 << 30 }),
    );
    const cliLabels = cliPredict.value.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[0].replace(/^__label__/, ''));
    const ours = batched.value;
    agreement = cliLabels.filter((l, i) => l === ours[i]).length / ours.length;
  }
  const n = predictLines.length;
  const ratio = (a, b) => (b ? fmt(a / b, 2) : '—');
  rows.push([
    'train (s)',
    fmt(annealTrain.seconds, 2),
    haveCli ? fmt(cliTrain.seconds, 2) : '—',
    haveCli ? ratio(annealTrain.seconds, cliTrain.seconds) : '—',
  ]);
  rows.push([
    'predict, batches of 256 (docs/s)',
    fmt(n / batched.seconds, 0),
    haveCli ? fmt(n / cliPredict.seconds, 0) : '—',
    haveCli ? ratio(n / batched.seconds, n / cliPredict.seconds) : '—',
  ]);
  rows.push([
    'predict, one at a time (docs/s)',
    fmt(n / single.seconds, 0),
    haveCli ? fmt(n / cliPredict.seconds, 0) : '—',
    haveCli ? ratio(n / single.seconds, n / cliPredict.seconds) : '—',
  ]);
  console.log(table(['task', 'anneal (binding)', 'fastText CLI (Debian)', 'anneal ÷ CLI'], rows, [false, true, true, true]));
  console.log(
    '\nanneal train = child process running the binding (includes Node start-up and loading the addon); CLI train = `fasttext supervised`.',
  );
  console.log(
    "anneal predict = FastTextModel.predictLines in-process (each text on libuv's thread pool); CLI predict = `fasttext predict-prob model file 1`, model load included.",
  );
  console.log('For ratios: train, lower is better for anneal (< 1 faster); predict, higher is better (> 1 faster).');
  if (haveCli) console.log(`top labels agree between anneal and the CLI on the same model: ${fmt(agreement * 100, 2)} %`);
  else console.log('Debian fastText CLI not found (apt-get install fasttext): reference column left empty.');
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
}
