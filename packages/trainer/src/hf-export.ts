import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@anneal/core';
import { openCheckpoint } from './checkpoint.js';
import { decodeTrainingCheckpoint, weightTensors } from './checkpoint-training-state.js';
import type { HfOrigin } from './hf-import.js';
import type { ModelConfig } from './model.js';
import { encodeSafetensors, type NamedTensors } from './safetensors.js';
import { float32ToTensor, TORCH_DTYPE_NAMES, type FloatDtype } from './safetensors-float.js';

/** The `transformers` version the export was checked against (tests/interop); recorded in config.json. */
export const HF_TRANSFORMERS_VERSION = '4.44.2';

/**
 * `config.json` of a Hugging Face LlamaForCausalLM with the same architecture. anneal's weights
 * already carry Llama's names and [out, in] layout, and its RoPE is Llama's rotate-half form with
 * the same inverse frequencies, so the weights are copied as they are. A model trained from scratch
 * separates documents by EOS only, so EOS also serves as BOS.
 *
 * A model imported with `init_from` keeps its own config.json: every key it had (ids of BOS/EOS,
 * transformers_version, …) in its order, with the architecture keys set from anneal's model (the
 * RoPE base may have been raised by a stage) and `torch_dtype` from the weights written. Setting
 * the same values again changes nothing, so export → import → export is byte-identical.
 */
export function llamaConfig(c: ModelConfig, eosId: number, origin?: HfOrigin, dtype: FloatDtype = 'F32'): Record<string, unknown> {
  const config: Record<string, unknown> = {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    vocab_size: c.vocabSize,
    hidden_size: c.dModel,
    intermediate_size: c.ffnHidden,
    num_hidden_layers: c.nLayers,
    num_attention_heads: c.nHeads,
    num_key_value_heads: c.nKvHeads,
    head_dim: c.dModel / c.nHeads,
    hidden_act: 'silu',
    max_position_embeddings: c.maxSeqLen,
    rms_norm_eps: c.normEps,
    rope_theta: c.ropeTheta,
    rope_scaling: null,
    tie_word_embeddings: c.tieEmbeddings,
    attention_bias: false,
    attention_dropout: 0.0,
    mlp_bias: false,
    pretraining_tp: 1,
    initializer_range: c.initStd,
    use_cache: true,
    bos_token_id: eosId,
    eos_token_id: eosId,
    torch_dtype: TORCH_DTYPE_NAMES[dtype],
    transformers_version: HF_TRANSFORMERS_VERSION,
  };
  if (!origin) return config;
  // the source's keys in its order; anneal sets only what describes the model it holds
  const set = Object.fromEntries(ARCHITECTURE_KEYS.map((k) => [k, config[k]]));
  return { ...origin.config, ...set };
}

/** The config.json keys an export sets on an imported model's own config (everything else is the source's). */
const ARCHITECTURE_KEYS = [
  'architectures',
  'model_type',
  'vocab_size',
  'hidden_size',
  'intermediate_size',
  'num_hidden_layers',
  'num_attention_heads',
  'num_key_value_heads',
  'hidden_act',
  'max_position_embeddings',
  'rms_norm_eps',
  'rope_theta',
  'tie_word_embeddings',
  'torch_dtype',
];

export interface HfExportOptions {
  /** a tokenizer.json to write when the checkpoint holds none (the run named no `tokenizer:`) */
  tokenizer?: string;
  /** dtype of model.safetensors; default: the imported model's (init_from), else F32 */
  dtype?: FloatDtype;
  warn?: (message: string) => void;
}

export interface HfExportResult {
  checkpoint: string;
  step: number;
  dtype: FloatDtype;
  files: string[];
}

/**
 * Writes `config.json`, `generation_config.json`, `model.safetensors`, `tokenizer.json` and
 * `tokenizer_config.json` into `outDir` (each atomically), from a checkpoint or a run directory
 * (its newest checkpoint that verifies). `LlamaForCausalLM.from_pretrained(outDir)` and
 * `AutoTokenizer.from_pretrained(outDir)` load the result.
 */
export async function exportHuggingFace(checkpointPath: string, outDir: string, options: HfExportOptions = {}): Promise<HfExportResult> {
  const loaded = await openCheckpoint(checkpointPath, options.warn);
  const { weights, state, tokenizerJson } = decodeTrainingCheckpoint(loaded);
  let tokenizer = tokenizerJson;
  if (options.tokenizer) tokenizer = new Uint8Array(await readFile(options.tokenizer));
  if (!tokenizer) throw new Error(`${loaded.path} holds no tokenizer.json (the run named no tokenizer:); pass --tokenizer <tokenizer.json>`);
  const dtype = options.dtype ?? state.hf?.dtype ?? 'F32';
  const files = await writeHuggingFaceModel(outDir, {
    model: state.model,
    weights,
    eosId: state.eosId,
    tokenizer,
    dtype,
    ...(state.hf ? { origin: state.hf } : {}),
  });
  return { checkpoint: loaded.path, step: state.step, dtype, files };
}

export interface HfModelFiles {
  model: ModelConfig;
  weights: Map<string, Float32Array>;
  /** the shards' EOS id; an imported model's config.json names its own BOS/EOS */
  eosId: number;
  tokenizer: Uint8Array;
  dtype: FloatDtype;
  origin?: HfOrigin;
}

/** Writes a Hugging Face Llama model directory (see exportHuggingFace); returns the file names. */
export async function writeHuggingFaceModel(outDir: string, m: HfModelFiles): Promise<string[]> {
  const config = llamaConfig(m.model, m.eosId, m.origin, m.dtype);
  const bos = config.bos_token_id;
  const eos = config.eos_token_id;
  const firstEos = Array.isArray(eos) ? (eos[0] as unknown) : eos;
  const eosToken = typeof firstEos === 'number' ? tokenText(m.tokenizer, firstEos) : undefined;
  const bosToken = typeof bos === 'number' ? tokenText(m.tokenizer, bos) : undefined;
  const tensors: NamedTensors = new Map();
  for (const [name, t] of weightTensors(m.model, m.weights)) tensors.set(name, float32ToTensor(t.data as Float32Array, t.shape, m.dtype));
  const files: Record<string, Uint8Array | string> = {
    'config.json': `${JSON.stringify(config, null, 2)}\n`,
    'generation_config.json': `${JSON.stringify({ ...(bos !== undefined ? { bos_token_id: bos } : {}), ...(eos !== undefined ? { eos_token_id: eos } : {}), transformers_version: HF_TRANSFORMERS_VERSION }, null, 2)}\n`,
    'model.safetensors': encodeSafetensors(tensors, { format: 'pt' }),
    'tokenizer.json': withLegacyMerges(m.tokenizer),
    'tokenizer_config.json': `${JSON.stringify(
      {
        tokenizer_class: 'PreTrainedTokenizerFast',
        model_max_length: m.model.maxSeqLen,
        clean_up_tokenization_spaces: false,
        ...(bosToken ? { bos_token: bosToken } : {}),
        ...(eosToken ? { eos_token: eosToken } : {}),
      },
      null,
      2,
    )}\n`,
  };
  for (const [name, data] of Object.entries(files)) await writeFileAtomic(join(outDir, name), data);
  return Object.keys(files);
}

/** A special token's text from tokenizer.json's added tokens (for tokenizer_config.json), if listed. */
function tokenText(tokenizerJson: Uint8Array, id: number): string | undefined {
  try {
    const json = JSON.parse(Buffer.from(tokenizerJson).toString('utf8')) as { added_tokens?: Array<{ id: number; content: string }> };
    return json.added_tokens?.find((t) => t.id === id)?.content;
  } catch {
    return undefined;
  }
}

/**
 * tokenizer.json with BPE merges as "a b" strings instead of [a, b] pairs. Both forms mean the
 * same; the pair form is newer (tokenizers >= 0.20) and older readers — the tokenizers that
 * transformers 4.4x pins — reject it. Byte-level BPE tokens never contain a space (it is Ġ), so the
 * string form is exact; a merge with a space keeps the pair form.
 */
export function withLegacyMerges(tokenizerJson: Uint8Array): Uint8Array {
  let json: { model?: { merges?: unknown[] } };
  try {
    json = JSON.parse(Buffer.from(tokenizerJson).toString('utf8'));
  } catch {
    return tokenizerJson;
  }
  const merges = json.model?.merges;
  if (!Array.isArray(merges) || !merges.every((m) => Array.isArray(m) && m.length === 2 && m.every((p) => typeof p === 'string' && !p.includes(' '))))
    return tokenizerJson;
  json.model!.merges = merges.map((m) => (m as string[]).join(' '));
  return Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8');
}
