// Continued pre-training starts here: a Hugging Face Llama checkpoint directory (config.json and
// model.safetensors, or shards listed by model.safetensors.index.json) as anneal's model config
// and F32 weights. anneal's parameters already carry LlamaForCausalLM's names, [out, in] layout and
// rotate-half RoPE (model.ts), so q_proj and k_proj need no permutation: a weight is read as it is.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readHfLlamaConfig, type HfLlamaConfig } from './hf-llama-config.js';
import { parameterShapes, validateModelConfig, type ModelConfig } from './model.js';
import { decodeSafetensors } from './safetensors.js';
import { tensorToFloat32, type FloatDtype } from './safetensors-float.js';

export const HF_WEIGHTS_FILE = 'model.safetensors';
export const HF_WEIGHTS_INDEX_FILE = 'model.safetensors.index.json';

/** Where an imported model came from: kept in every checkpoint so `anneal export hf` writes it back alike. */
export interface HfOrigin {
  /** the source config.json as parsed (key order kept) */
  config: Record<string, unknown>;
  /** the dtype its weights were stored in: the export's default */
  dtype: FloatDtype;
}

export interface ImportedHfModel {
  /** maxSeqLen is max_position_embeddings; embedding is 'gather' (a caller may choose otherwise) */
  modelConfig: ModelConfig;
  weights: Map<string, Float32Array>;
  origin: HfOrigin;
  /** the weight files read, in order */
  files: string[];
}

/** Buffers derived from the config, present in some older checkpoints; recomputed, never read. */
const DERIVED_BUFFER = /^model\.layers\.\d+\.self_attn\.rotary_emb\.inv_freq$/;

/** The model config a Llama config.json describes, for anneal's DecoderModel. */
export function modelConfigOf(hf: HfLlamaConfig): ModelConfig {
  const a = hf.architecture;
  const config: ModelConfig = {
    vocabSize: a.vocabSize,
    dModel: a.dModel,
    nLayers: a.nLayers,
    nHeads: a.nHeads,
    nKvHeads: a.nKvHeads,
    ffnHidden: a.ffnHidden,
    maxSeqLen: a.maxPositionEmbeddings,
    ropeTheta: a.ropeTheta,
    normEps: a.normEps,
    tieEmbeddings: a.tieEmbeddings,
    embedding: 'gather',
    initStd: a.initStd,
  };
  validateModelConfig(config);
  return config;
}

/**
 * Reads a Llama checkpoint directory. Every tensor anneal's model has must be there with its shape
 * and a float dtype (F32, BF16, F16; widened to F32 exactly); a tensor it does not know is an error
 * naming it and its file, except a stored `lm_head.weight` of a tied model (the embedding is the
 * head, as transformers ties it) and RoPE's `inv_freq` buffers.
 */
export async function importHuggingFaceLlama(dir: string): Promise<ImportedHfModel> {
  const hf = readHfLlamaConfig(dir);
  const modelConfig = modelConfigOf(hf);
  const expected = new Map(parameterShapes(modelConfig));
  const weights = new Map<string, Float32Array>();
  const dtypes = new Map<FloatDtype, number>();
  const files = await weightFiles(dir);
  for (const [file, names] of files) {
    const path = join(dir, file);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (err) {
      throw new Error(`${path}: cannot read the weights (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const { tensors } = decodeSafetensors(bytes, path);
    for (const name of names ?? tensors.keys()) {
      const tensor = tensors.get(name);
      if (!tensor) throw new Error(`${join(dir, HF_WEIGHTS_INDEX_FILE)}: weight_map puts ${name} in ${file}, which does not hold it`);
      const shape = expected.get(name);
      if (!shape) {
        if (DERIVED_BUFFER.test(name) || (name === 'lm_head.weight' && modelConfig.tieEmbeddings)) continue;
        throw new Error(
          `${path}: tensor ${name} is not a parameter of a Llama model with this config.json (anneal's LlamaForCausalLM has no such weight)`,
        );
      }
      if (tensor.shape.length !== shape.length || tensor.shape.some((d, i) => d !== shape[i])) {
        throw new Error(`${path}: tensor ${name} has shape [${tensor.shape}], config.json implies [${shape}]`);
      }
      weights.set(name, tensorToFloat32(tensor, `${path}: tensor ${name}`));
      const dtype = tensor.dtype as FloatDtype;
      dtypes.set(dtype, (dtypes.get(dtype) ?? 0) + 1);
    }
  }
  const missing = [...expected.keys()].filter((n) => !weights.has(n));
  if (missing.length > 0) {
    throw new Error(
      `${dir}: the weights lack ${missing.length} tensor${missing.length === 1 ? '' : 's'} the config.json implies: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
    );
  }
  // the storage dtype is the export's default; a file mixing dtypes (rare) counts by majority
  const dtype = [...dtypes.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  return { modelConfig, weights, origin: { config: hf.raw, dtype }, files: files.map(([f]) => f) };
}

/**
 * The weight files of a checkpoint directory, each with the tensor names to take from it: the
 * shards of model.safetensors.index.json (names from its weight_map), or model.safetensors (all).
 */
async function weightFiles(dir: string): Promise<Array<[file: string, names: string[] | undefined]>> {
  const indexPath = join(dir, HF_WEIGHTS_INDEX_FILE);
  if (existsSync(indexPath)) {
    let index: { weight_map?: unknown };
    try {
      index = JSON.parse(await readFile(indexPath, 'utf8')) as { weight_map?: unknown };
    } catch (err) {
      throw new Error(`${indexPath}: not JSON (${(err as Error).message})`);
    }
    const map = index.weight_map;
    if (map === null || typeof map !== 'object' || Array.isArray(map))
      throw new Error(`${indexPath}: weight_map: expected an object of tensor name → file name`);
    const byFile = new Map<string, string[]>();
    for (const [name, file] of Object.entries(map as Record<string, unknown>)) {
      if (typeof file !== 'string' || file.includes('/') || file.includes('\\') || file === '..')
        throw new Error(`${indexPath}: weight_map.${name}: expected a file name beside the index, got ${JSON.stringify(file)}`);
      byFile.set(file, [...(byFile.get(file) ?? []), name]);
    }
    return [...byFile.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  if (existsSync(join(dir, HF_WEIGHTS_FILE))) return [[HF_WEIGHTS_FILE, undefined]];
  const bin = existsSync(join(dir, 'pytorch_model.bin')) || existsSync(join(dir, 'pytorch_model.bin.index.json'));
  throw new Error(
    `${dir}: no ${HF_WEIGHTS_FILE} or ${HF_WEIGHTS_INDEX_FILE}` +
      (bin
        ? ' (it holds PyTorch pickle weights, which anneal does not read: save them as safetensors with save_pretrained(dir, safe_serialization=True))'
        : ''),
  );
}
