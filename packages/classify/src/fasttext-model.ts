import { open, stat } from 'node:fs/promises';
import { fastTextAddon } from './fasttext-addon.js';
import { LABEL_PREFIX } from './fasttext-text.js';

/** One label and its probability for one text. */
export interface LabelScore {
  label: string;
  score: number;
}

// The .bin header (fastText 0.9 format, written by the binding and by Debian's CLI alike):
// magic, version, then Args (12 int32 + 1 double), then Dictionary (size, nwords, nlabels, ...).
const MAGIC = 793712314;
const VERSION = 12;
const MODEL_OFFSET = 8 + 7 * 4;
const SUPERVISED = 3;
const NLABELS_OFFSET = 8 + 12 * 4 + 8 + 2 * 4;
// fastText reports log(p + 1e-5); undo the offset so probabilities lie in [0, 1].
const LOG_OFFSET = 1e-5;

/** Reads and checks a model's header, so a wrong file fails at load with its name, not mid-stream. */
async function readLabelCount(path: string): Promise<number> {
  const handle = await open(path, 'r').catch((err: Error) => {
    throw new Error(`fastText model ${path}: cannot open (${err.message})`);
  });
  try {
    const header = Buffer.alloc(NLABELS_OFFSET + 4);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    if (bytesRead < header.length || header.readInt32LE(0) !== MAGIC) throw new Error(`fastText model ${path}: not a fastText .bin file`);
    if (header.readInt32LE(4) !== VERSION) throw new Error(`fastText model ${path}: format version ${header.readInt32LE(4)}, expected ${VERSION}`);
    if (header.readInt32LE(MODEL_OFFSET) !== SUPERVISED) throw new Error(`fastText model ${path}: not a supervised (classifier) model`);
    return header.readInt32LE(NLABELS_OFFSET);
  } finally {
    await handle.close();
  }
}

/**
 * A supervised fastText model, queried in-process through the native binding. Each `predict` runs on
 * libuv's thread pool, so a batch of texts predicted together runs on several cores while the
 * JavaScript thread keeps streaming.
 */
export class FastTextModel {
  private constructor(
    readonly path: string,
    readonly labelCount: number,
    private readonly classifier: InstanceType<ReturnType<typeof fastTextAddon>['Classifier']>,
  ) {}

  static async load(path: string): Promise<FastTextModel> {
    const labelCount = await readLabelCount(path);
    // Constructing with the path loads lazily on first predict, without the binding's loadModel()
    // banner on stdout (pipelines print their summary there).
    const model = new FastTextModel(path, labelCount, new (fastTextAddon().Classifier)(path));
    await model.predictLine('');
    return model;
  }

  /** Every label with its probability, best first; empty when the text has no tokens. */
  async predictLine(line: string): Promise<LabelScore[]> {
    const raw = await this.classifier.predict(line, this.labelCount);
    return raw.map(({ label, value }) => ({
      label: label.startsWith(LABEL_PREFIX) ? label.slice(LABEL_PREFIX.length) : label,
      score: Math.min(1, Math.max(0, value - LOG_OFFSET)),
    }));
  }

  predictLines(lines: readonly string[]): Promise<LabelScore[][]> {
    return Promise.all(lines.map((line) => this.predictLine(line)));
  }
}

const loaded = new Map<string, Promise<FastTextModel>>();

/**
 * One load per model file (and modification time) per thread: every task a worker thread runs
 * shares the model instead of reading hundreds of MB again.
 */
export async function loadFastTextModel(path: string): Promise<FastTextModel> {
  const key = `${path}\u0000${(await stat(path).catch(() => undefined))?.mtimeMs ?? 0}`;
  let model = loaded.get(key);
  if (!model) {
    model = FastTextModel.load(path);
    loaded.set(key, model);
    model.catch(() => loaded.delete(key));
  }
  return model;
}
