// A Hugging Face Llama `config.json` read as anneal's model: the sizes, GQA, RoPE base, RMSNorm eps
// and head tying it names, and a refusal — naming the exact key — of everything anneal's model
// (model.ts) cannot compute the same way (RoPE scaling, biases, another activation, …).
import { readFileSync } from 'node:fs';
import type { ModelConfig } from './model.js';
import { join } from 'node:path';

export const HF_CONFIG_FILE = 'config.json';

/** What anneal's model takes from a Llama config.json (the rest of the file is kept for the export). */
export interface HfLlamaArchitecture
  extends Pick<
    ModelConfig,
    'vocabSize' | 'dModel' | 'nLayers' | 'nHeads' | 'nKvHeads' | 'ffnHidden' | 'ropeTheta' | 'normEps' | 'tieEmbeddings' | 'initStd'
  > {
  /** config.json's max_position_embeddings (the model's maxSeqLen is the run's, at most this) */
  maxPositionEmbeddings: number;
}

export interface HfLlamaConfig {
  /** the config.json path, for messages */
  path: string;
  /** the file as parsed, key order kept: written back by `anneal export hf` */
  raw: Record<string, unknown>;
  architecture: HfLlamaArchitecture;
}

export class HfConfigError extends Error {
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(
      `${path}: cannot load this model (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'HfConfigError';
  }
}

/**
 * LlamaConfig's defaults (transformers 4.44) for the keys a config.json may leave out; the sizes
 * have defaults there too (a 7B model), but a file without them is refused rather than guessed.
 */
const DEFAULTS = {
  hidden_act: 'silu',
  max_position_embeddings: 2048,
  rms_norm_eps: 1e-6,
  rope_theta: 10000,
  tie_word_embeddings: false,
  initializer_range: 0.02,
};

/** Reads and checks `<dir>/config.json`; every problem is listed, each naming its key. */
export function readHfLlamaConfig(dir: string): HfLlamaConfig {
  const path = join(dir, HF_CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new HfConfigError(path, [
      `cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); init_from names a Hugging Face model directory (config.json + model.safetensors)`,
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new HfConfigError(path, [`not JSON (${(err as Error).message})`]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new HfConfigError(path, ['not a JSON object']);
  return { path, raw: raw as Record<string, unknown>, architecture: llamaArchitecture(raw as Record<string, unknown>, path) };
}

/** The architecture of a parsed Llama config.json; throws HfConfigError listing every problem. */
export function llamaArchitecture(raw: Record<string, unknown>, path: string): HfLlamaArchitecture {
  const problems: string[] = [];
  const has = (key: string) => raw[key] !== undefined && raw[key] !== null;
  const positiveInt = (key: string): number => {
    const v = raw[key];
    if (!Number.isInteger(v) || (v as number) <= 0) {
      problems.push(`${key}: expected a positive integer, got ${JSON.stringify(v)}`);
      return 1;
    }
    return v as number;
  };
  const positiveNumber = (key: keyof typeof DEFAULTS): number => {
    const v = has(key) ? raw[key] : DEFAULTS[key];
    if (typeof v !== 'number' || !(v > 0)) {
      problems.push(`${key}: expected a positive number, got ${JSON.stringify(v)}`);
      return 1;
    }
    return v;
  };

  if (raw.model_type !== 'llama') problems.push(`model_type: ${JSON.stringify(raw.model_type)} is not "llama" (anneal's model is LlamaForCausalLM)`);
  const architectures = raw.architectures;
  if (has('architectures') && !(Array.isArray(architectures) && architectures.every((a) => a === 'LlamaForCausalLM'))) {
    problems.push(`architectures: ${JSON.stringify(architectures)} is not ["LlamaForCausalLM"]`);
  }
  const act = has('hidden_act') ? raw.hidden_act : DEFAULTS.hidden_act;
  if (act !== 'silu') problems.push(`hidden_act: ${JSON.stringify(act)} is not "silu" (anneal's MLP is SwiGLU)`);
  if (has('rope_scaling')) {
    const scaling = raw.rope_scaling as { type?: unknown; rope_type?: unknown };
    const kind = typeof scaling === 'object' ? (scaling.rope_type ?? scaling.type) : scaling;
    problems.push(
      `rope_scaling: ${JSON.stringify(kind)} scaling is not supported (anneal's RoPE is the plain rotary embedding with base rope_theta; rope_scaling must be null)`,
    );
  }
  for (const key of ['attention_bias', 'mlp_bias'] as const) {
    if (has(key) && raw[key] !== false) problems.push(`${key}: ${JSON.stringify(raw[key])} is not supported (anneal's linear layers have no bias)`);
  }
  if (has('attention_dropout') && raw.attention_dropout !== 0)
    problems.push(`attention_dropout: ${JSON.stringify(raw.attention_dropout)} is not supported (anneal trains without dropout)`);

  const vocabSize = positiveInt('vocab_size');
  const dModel = positiveInt('hidden_size');
  const nLayers = positiveInt('num_hidden_layers');
  const nHeads = positiveInt('num_attention_heads');
  const nKvHeads = has('num_key_value_heads') ? positiveInt('num_key_value_heads') : nHeads;
  const ffnHidden = positiveInt('intermediate_size');
  const maxPositionEmbeddings = has('max_position_embeddings') ? positiveInt('max_position_embeddings') : DEFAULTS.max_position_embeddings;
  if (dModel % nHeads !== 0) problems.push(`hidden_size ${dModel} is not a multiple of num_attention_heads ${nHeads}`);
  else if ((dModel / nHeads) % 2 !== 0) problems.push(`head size hidden_size / num_attention_heads = ${dModel / nHeads} is odd (RoPE rotates pairs)`);
  if (has('head_dim') && raw.head_dim !== dModel / nHeads) {
    problems.push(
      `head_dim: ${JSON.stringify(raw.head_dim)} differs from hidden_size / num_attention_heads = ${dModel / nHeads} (anneal's heads split hidden_size)`,
    );
  }
  if (nHeads % nKvHeads !== 0) problems.push(`num_attention_heads ${nHeads} is not a multiple of num_key_value_heads ${nKvHeads}`);
  const tie = has('tie_word_embeddings') ? raw.tie_word_embeddings : DEFAULTS.tie_word_embeddings;
  if (typeof tie !== 'boolean') problems.push(`tie_word_embeddings: expected true or false, got ${JSON.stringify(tie)}`);
  const architecture: HfLlamaArchitecture = {
    vocabSize,
    dModel,
    nLayers,
    nHeads,
    nKvHeads,
    ffnHidden,
    maxPositionEmbeddings,
    ropeTheta: positiveNumber('rope_theta'),
    normEps: positiveNumber('rms_norm_eps'),
    tieEmbeddings: tie === true,
    initStd: positiveNumber('initializer_range'),
  };
  if (problems.length > 0) throw new HfConfigError(path, problems);
  return architecture;
}

/**
 * The training YAML's `model:` keys and the config.json keys that set them. With `init_from`, the
 * YAML may leave the model block out; a key it does give must say the same as config.json.
 */
export const YAML_MODEL_KEYS_FROM_HF: ReadonlyArray<[yamlKey: string, hfKey: string, field: keyof HfLlamaArchitecture]> = [
  ['d_model', 'hidden_size', 'dModel'],
  ['n_layers', 'num_hidden_layers', 'nLayers'],
  ['n_heads', 'num_attention_heads', 'nHeads'],
  ['n_kv_heads', 'num_key_value_heads', 'nKvHeads'],
  ['ffn_hidden', 'intermediate_size', 'ffnHidden'],
  ['rope_theta', 'rope_theta', 'ropeTheta'],
  ['norm_eps', 'rms_norm_eps', 'normEps'],
  ['tie_embeddings', 'tie_word_embeddings', 'tieEmbeddings'],
];
