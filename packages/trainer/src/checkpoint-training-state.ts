import type { LoaderState } from './data-loader.js';
import type { HfOrigin } from './hf-import.js';
import { parameterShapes, type ModelConfig } from './model.js';
import type { AdamWState } from './optimizer.js';
import type { LoadedCheckpoint } from './checkpoint.js';
import { decodeSafetensors, encodeSafetensors, type NamedTensors } from './safetensors.js';

/**
 * What a training checkpoint holds, file by file:
 *   model.safetensors      weights under Hugging Face Llama names ([out, in] linear layout)
 *   optimizer.safetensors  AdamW moments (`exp_avg.<name>`, `exp_avg_sq.<name>`), step in its metadata
 *   trainer-state.json     model config, stage and step, tokens seen, the data loader's state
 *   tokenizer.json         the tokenizer the shards were made with (when the run names one)
 * Everything a resumed run needs to continue bitwise-identically, and everything `anneal sample`
 * and `anneal export hf` need without the training YAML.
 */
export const MODEL_FILE = 'model.safetensors';
export const OPTIMIZER_FILE = 'optimizer.safetensors';
export const STATE_FILE = 'trainer-state.json';
export const TOKENIZER_FILE = 'tokenizer.json';

export interface TrainingState {
  /** optimizer steps done */
  step: number;
  /** the stage being trained (or just finished: stageStep === its steps) */
  stageIndex: number;
  stageName: string;
  stageStep: number;
  /** input tokens trained on so far, over all stages */
  tokens: number;
  loader: LoaderState;
  model: ModelConfig;
  eosId: number;
  tokenizerHash: string;
  /** seconds of training before this checkpoint (for tokens/s and ETA after a resume) */
  elapsedSeconds: number;
  /** the Hugging Face model the run started from (`init_from`): `anneal export hf` writes its config back */
  hf?: HfOrigin;
}

export interface TrainingCheckpoint {
  weights: Map<string, Float32Array>;
  optimizer: AdamWState;
  state: TrainingState;
  tokenizerJson?: Uint8Array;
}

function shapesOf(config: ModelConfig, name: string, size: number): number[] {
  return new Map(parameterShapes(config)).get(name) ?? [size];
}

/** Weights as safetensors tensors with their real shapes (the HF export writes the same tensors). */
export function weightTensors(config: ModelConfig, weights: Map<string, Float32Array>): NamedTensors {
  const out: NamedTensors = new Map();
  for (const [name, data] of weights) out.set(name, { dtype: 'F32', shape: shapesOf(config, name, data.length), data });
  return out;
}

export function encodeTrainingCheckpoint(c: TrainingCheckpoint): Record<string, Uint8Array | string> {
  const moments: NamedTensors = new Map();
  for (const [name, data] of c.optimizer.moments) {
    const param = name.replace(/^exp_avg(_sq)?\./, '');
    moments.set(name, { dtype: 'F32', shape: shapesOf(c.state.model, param, data.length), data });
  }
  const files: Record<string, Uint8Array | string> = {
    [MODEL_FILE]: encodeSafetensors(weightTensors(c.state.model, c.weights), { format: 'pt' }),
    [OPTIMIZER_FILE]: encodeSafetensors(moments, { format: 'pt', step: String(c.optimizer.step) }),
    [STATE_FILE]: `${JSON.stringify(c.state, null, 2)}\n`,
  };
  if (c.tokenizerJson) files[TOKENIZER_FILE] = c.tokenizerJson;
  return files;
}

function f32Map(tensors: NamedTensors, source: string): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const [name, t] of tensors) {
    if (t.dtype !== 'F32') throw new Error(`${source}: tensor ${name} is ${t.dtype}, expected F32`);
    out.set(name, t.data as Float32Array);
  }
  return out;
}

export function decodeTrainingCheckpoint(loaded: LoadedCheckpoint): TrainingCheckpoint {
  const need = (name: string): Uint8Array => {
    const bytes = loaded.files.get(name);
    if (!bytes) throw new Error(`checkpoint ${loaded.path} has no ${name} (not a training checkpoint?)`);
    return bytes;
  };
  const state = JSON.parse(Buffer.from(need(STATE_FILE)).toString('utf8')) as TrainingState;
  const weights = f32Map(decodeSafetensors(need(MODEL_FILE), `${loaded.path}/${MODEL_FILE}`).tensors, `${loaded.path}/${MODEL_FILE}`);
  const opt = decodeSafetensors(need(OPTIMIZER_FILE), `${loaded.path}/${OPTIMIZER_FILE}`);
  const optimizer: AdamWState = { step: Number(opt.metadata.step ?? state.step), moments: f32Map(opt.tensors, `${loaded.path}/${OPTIMIZER_FILE}`) };
  const tokenizerJson = loaded.files.get(TOKENIZER_FILE);
  return { weights, optimizer, state, ...(tokenizerJson ? { tokenizerJson } : {}) };
}
