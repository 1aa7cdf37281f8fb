// `init_from: <Hugging Face Llama directory>` in a training YAML: the model block comes from the
// checkpoint's config.json. It is filled in before the YAML is validated, so every default that
// depends on the model (the learning rate on d_model) and the run's resolved config.yaml see the
// real sizes; a model key the YAML gives anyway must say the same as config.json.
import { isAbsolute, resolve } from 'node:path';
import { HfConfigError, readHfLlamaConfig, YAML_MODEL_KEYS_FROM_HF } from './hf-llama-config.js';

export interface InitFromFilled {
  raw: unknown;
  /** each naming its key path, to be listed with the schema's own */
  problems: string[];
  /** config.json could not be read: what the schema says about `model` follows from that, and is noise */
  modelUnknown: boolean;
}

/**
 * The raw training YAML with `model:` filled in from `init_from`'s config.json, and the problems
 * found. Without `init_from` the YAML is returned as it is.
 */
export function withModelFromInitFrom(raw: unknown): InitFromFilled {
  const unchanged = { raw, problems: [], modelUnknown: false };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return unchanged;
  const yaml = raw as Record<string, unknown>;
  const initFrom = yaml.init_from;
  if (typeof initFrom !== 'string' || initFrom.length === 0) return unchanged; // the schema says what is wrong
  const dir = isAbsolute(initFrom) ? initFrom : resolve(initFrom);
  let hf;
  try {
    hf = readHfLlamaConfig(dir);
  } catch (err) {
    if (err instanceof HfConfigError) return { raw, problems: err.problems.map((p) => `init_from: ${err.path}: ${p}`), modelUnknown: true };
    throw err;
  }
  const given = yaml.model ?? {};
  if (given === null || typeof given !== 'object' || Array.isArray(given)) return unchanged;
  const model = { ...(given as Record<string, unknown>) };
  const problems: string[] = [];
  for (const [yamlKey, hfKey, field] of YAML_MODEL_KEYS_FROM_HF) {
    const fromHf = hf.architecture[field];
    if (model[yamlKey] !== undefined && model[yamlKey] !== fromHf) {
      problems.push(
        `model.${yamlKey}: ${JSON.stringify(model[yamlKey])} contradicts init_from's ${hf.path}: ${hfKey} ${JSON.stringify(fromHf)} (leave model.${yamlKey} out: the checkpoint sets it)`,
      );
    }
    model[yamlKey] = fromHf;
  }
  // not architecture: only what a fresh initialisation would use, so the YAML may differ
  if (model.init_std === undefined) model.init_std = hf.architecture.initStd;
  return { raw: { ...yaml, model }, problems, modelUnknown: false };
}
