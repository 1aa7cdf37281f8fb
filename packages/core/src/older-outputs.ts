import { readdir, readFile, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RunLayout } from './run-layout.js';

/**
 * How each verb recognises a folder it wrote before outputs carried `.anneal-run.json`, by the
 * layout it always left (docs/output-folder.md, "older outputs"). Each returns the names in the
 * folder that the verb wrote, to record as anneal's when the folder is adopted, or undefined when
 * the folder is not such an output. A signature names this folder or is a file format only anneal
 * writes with these names, so a user's folder is not adopted by accident; and only names of the
 * verb's own scheme are recorded, so a user's file in an adopted folder is still never removed.
 */

/**
 * `anneal run`: its `config.yaml` (a resolved config: input.paths, output.path naming this folder,
 * steps) beside its shards. A user's own config.yaml does not name this folder as its output.
 */
export async function olderRunOutput(root: string): Promise<string[] | undefined> {
  const config = await readYaml(join(root, RunLayout.CONFIG_FILE));
  if (!config) return undefined;
  const { input, output, steps } = config as { input?: { paths?: unknown }; output?: { path?: unknown }; steps?: unknown };
  if (!input || !Array.isArray(input.paths) || !Array.isArray(steps) || typeof output?.path !== 'string') return undefined;
  if (!namesFolder(output.path, root)) return undefined;
  const entries: string[] = [];
  for (const e of await list(root, '.')) {
    if (e.isFile() && (RunLayout.SHARD_NAME.test(e.name) || e.name === RunLayout.RUN_STATS_FILE || e.name === RunLayout.CONFIG_FILE))
      entries.push(e.name);
    if (e.isDirectory() && e.name === RunLayout.TMP_DIR) entries.push(`${RunLayout.TMP_DIR}/`);
  }
  // a folder's entries of the run's own naming; `/` marks a folder recorded whole
  const inFolder = async (folder: string, keep: (e: Dirent) => boolean, suffix = '') => {
    for (const e of await list(root, folder)) if (keep(e)) entries.push(`${folder}/${e.name}${suffix}`);
  };
  await inFolder(RunLayout.ERRORS_DIR, (e) => e.isFile() && RunLayout.ERRORS_NAME.test(e.name));
  await inFolder(RunLayout.TASK_STATS_DIR, (e) => e.isFile() && RunLayout.TASK_STATS_NAME.test(e.name));
  await inFolder(RunLayout.COMPLETIONS_DIR, (e) => e.isFile() && RunLayout.COMPLETION_NAME.test(e.name));
  await inFolder(RunLayout.STAGES_DIR, (e) => e.isDirectory() && RunLayout.STAGE_DIR_NAME.test(e.name), '/');
  return entries;
}

/**
 * `anneal tokenize`: an `index.json` in the token shard format (dtype, eos_id, shards with file
 * names). The shards it lists are recorded; a `<5 digits>.arrow` it does not list is not, so it is
 * never removed.
 */
export async function olderTokenizeOutput(root: string): Promise<string[] | undefined> {
  const index = await readJson(join(root, 'index.json'));
  const shards = (index as { shards?: unknown } | undefined)?.shards;
  if (
    !index ||
    typeof (index as { dtype?: unknown }).dtype !== 'string' ||
    typeof (index as { eos_id?: unknown }).eos_id !== 'number' ||
    !Array.isArray(shards)
  )
    return undefined;
  const files = shards.map((s: { file?: unknown }) => s?.file).filter((f): f is string => typeof f === 'string' && /^\d{5}\.arrow$/.test(f));
  return existing(root, ['index.json', 'stats.json', 'errors.jsonl', ...files]);
}

/** `anneal mix`: a `mixture.json` whose stages name their `<stage>.manifest.json`. */
export async function olderMixOutput(root: string): Promise<string[] | undefined> {
  const summary = (await readJson(join(root, 'mixture.json'))) as { mixture?: unknown; stages?: Array<{ manifest?: unknown }> } | undefined;
  if (!summary || typeof summary.mixture !== 'string' || !Array.isArray(summary.stages)) return undefined;
  const manifests = summary.stages.map((s) => s?.manifest).filter((m): m is string => typeof m === 'string' && /^[^/\\]+\.manifest\.json$/.test(m));
  return existing(root, ['mixture.json', ...manifests]);
}

/** `anneal tokenizer train`: `train-stats.json` (with the tokenizer's hash) beside `tokenizer.json`. */
export async function olderTokenizerTrainOutput(root: string): Promise<string[] | undefined> {
  const stats = (await readJson(join(root, 'train-stats.json'))) as { tokenizer_hash?: unknown } | undefined;
  if (!stats || typeof stats.tokenizer_hash !== 'string' || !(await isFile(join(root, 'tokenizer.json')))) return undefined;
  return ['tokenizer.json', 'train-stats.json'];
}

/**
 * `anneal classify train`: for each model, `<name>.metrics.json` (naming its model and held-out
 * metrics) beside `<name>.bin` and the fastText-format `<name>.train.txt` / `<name>.held-out.txt`.
 */
export async function olderClassifyOutput(root: string): Promise<string[] | undefined> {
  const names: string[] = [];
  for (const e of await list(root, '.')) {
    if (!e.isFile() || !e.name.endsWith('.metrics.json')) continue;
    const metrics = (await readJson(join(root, e.name))) as { model?: unknown; held_out_metrics?: unknown } | undefined;
    if (!metrics || typeof metrics.model !== 'string' || metrics.held_out_metrics === undefined) continue;
    const base = e.name.slice(0, -'.metrics.json'.length);
    names.push(...classifierFiles(base));
  }
  return names.length > 0 ? existing(root, names) : undefined;
}

/** The files `anneal classify train` writes for the model `<base>.bin`. */
export function classifierFiles(base: string): string[] {
  return [`${base}.bin`, `${base}.train.txt`, `${base}.held-out.txt`, `${base}.metrics.json`];
}

/** `anneal export megatron`: `<prefix>.idx` files in Megatron's MMIDIDX format, with their `.bin`. */
export async function olderMegatronOutput(root: string): Promise<string[] | undefined> {
  const names: string[] = [];
  for (const e of await list(root, '.')) {
    if (!e.isFile() || !e.name.endsWith('.idx')) continue;
    const head = await readFile(join(root, e.name)).then(
      (b) => b.subarray(0, 9).toString('latin1'),
      () => '',
    );
    if (head === 'MMIDIDX\0\0') names.push(e.name, `${e.name.slice(0, -'.idx'.length)}.bin`);
  }
  return names.length > 0 ? existing(root, names) : undefined;
}

/** The files `anneal export hf` writes. */
export const HF_EXPORT_FILES = ['config.json', 'generation_config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'];

/** `anneal export hf`: a Llama `config.json` beside `model.safetensors`. */
export async function olderHfExportOutput(root: string): Promise<string[] | undefined> {
  const config = (await readJson(join(root, 'config.json'))) as { architectures?: unknown } | undefined;
  if (
    !config ||
    !Array.isArray(config.architectures) ||
    config.architectures[0] !== 'LlamaForCausalLM' ||
    !(await isFile(join(root, 'model.safetensors')))
  )
    return undefined;
  return existing(root, HF_EXPORT_FILES);
}

/** The names `anneal train` writes under run_dir; the two folders are its own whole. */
export const TRAIN_RUN_ENTRIES = ['config.yaml', 'metrics.jsonl', 'checkpoints/', 'tensorboard/'];

/** `anneal train`: its `config.yaml` (a resolved training config whose run_dir names this folder). */
export async function olderTrainOutput(root: string): Promise<string[] | undefined> {
  const config = (await readYaml(join(root, 'config.yaml'))) as { run_dir?: unknown; stages?: unknown; data?: unknown } | undefined;
  if (
    !config ||
    typeof config.run_dir !== 'string' ||
    !Array.isArray(config.stages) ||
    config.data === undefined ||
    !namesFolder(config.run_dir, root)
  )
    return undefined;
  return existing(root, TRAIN_RUN_ENTRIES);
}

function namesFolder(path: string, root: string): boolean {
  return resolve(path) === resolve(root) || basename(resolve(path)) === basename(resolve(root));
}

async function existing(root: string, names: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of names)
    if (
      await stat(join(root, name)).then(
        () => true,
        () => false,
      )
    )
      found.push(name);
  return found;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function list(root: string, dir: string): Promise<Dirent[]> {
  return readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
}

async function readJson(path: string): Promise<unknown> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    return value !== null && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

async function readYaml(path: string): Promise<unknown> {
  try {
    const value: unknown = parseYaml(await readFile(path, 'utf8'));
    return value !== null && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}
