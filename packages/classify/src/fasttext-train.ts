import { fork } from 'node:child_process';
import { access, rm } from 'node:fs/promises';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** fastText's supervised training parameters (the names of its command-line flags). */
export interface FastTextParams {
  dim: number;
  epoch: number;
  lr: number;
  wordNgrams: number;
  minn: number;
  maxn: number;
  minCount: number;
  bucket: number;
  loss: 'softmax' | 'hs' | 'ns' | 'ova';
  /** 1 makes training reproducible: fastText's threads update the model without locks (Hogwild). */
  thread: number;
}

export const DEFAULT_FASTTEXT_PARAMS: FastTextParams = {
  dim: 32,
  epoch: 10,
  lr: 0.5,
  wordNgrams: 2,
  minn: 0,
  maxn: 0,
  minCount: 1,
  // fastText's default 2,000,000 buckets × dim floats makes a 256 MB model at dim 32; 200k is
  // plenty for the few hundred thousand word bigrams of a classifier's training set.
  bucket: 200_000,
  loss: 'softmax',
  thread: 1,
};

/**
 * Trains a supervised model from a fastText-format file (`__label__x text` per line) and writes
 * `<outputPrefix>.bin`. Returns the training time in seconds.
 */
export async function trainFastText(trainFile: string, outputPrefix: string, params: FastTextParams): Promise<number> {
  // A crash of the child (a signal) is retried: one thread trains deterministically, so a retry gives
  // the same model. The crash seen in CI (SIGSEGV in FastText::trainThread, under load) was the
  // child letting its classifier object be garbage-collected mid-training, fixed in
  // fasttext-train-child.ts; the retry stays for whatever the native code may still do.
  for (let attempt = 1; ; attempt++) {
    try {
      return await trainOnce(trainFile, outputPrefix, params);
    } catch (err) {
      if (attempt >= 3 || !(err instanceof Error && err.message.includes('signal'))) throw err;
    }
  }
}

async function trainOnce(trainFile: string, outputPrefix: string, params: FastTextParams): Promise<number> {
  const options = { input: trainFile, output: outputPrefix, verbose: 0, ...params };
  await rm(`${outputPrefix}.bin`, { force: true });
  await rm(`${outputPrefix}.vec`, { force: true });
  const child = fork(new URL('./fasttext-train-child.js', import.meta.url), [JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  child.stdout!.resume(); // the binding's "Input <<<<< ..." banner; not ours to print
  let trained = false;
  child.on('message', (m) => void (trained ||= m === 'trained'));
  const started = performance.now();
  const code = await new Promise<number | string | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, signal) => resolve(signal ? `signal ${signal}` : c));
  });
  const seconds = (performance.now() - started) / 1000;
  // The binding writes the .bin, closes it, and only then creates the .vec (word vectors, which a
  // classifier does not use): a .vec on disk proves the .bin complete even if the child then crashed.
  const modelComplete = trained || ((await exists(`${outputPrefix}.vec`)) && (await exists(`${outputPrefix}.bin`)));
  await rm(`${outputPrefix}.vec`, { force: true });
  if (!modelComplete) {
    await rm(`${outputPrefix}.bin`, { force: true });
    throw new Error(
      `fastText training on ${trainFile} failed: ${stderr.trim().split('\n').pop() || (typeof code === 'string' ? code : `exit code ${code}`)}`,
    );
  }
  return seconds;
}
