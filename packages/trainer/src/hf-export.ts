import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@anneal/core';
import { openCheckpoint } from './checkpoint.js';
import { decodeTrainingCheckpoint, weightTensors } from './checkpoint-training-state.js';
import type { ModelConfig } from './model.js';
import { encodeSafetensors } from './safetensors.js';

/** The `transformers` version the export was checked against (tests/interop); recorded in config.json. */
export const HF_TRANSFORMERS_VERSION = '4.44.2';

/**
 * `config.json` of a Hugging Face LlamaForCausalLM with the same architecture. anneal's weights
 * already carry Llama's names and [out, in] layout, and its RoPE is Llama's rotate-half form with
 * the same inverse frequencies, so the weights are copied as they are. Documents are separated by
 * EOS only, so EOS also serves as BOS.
 */
export function llamaConfig(c: ModelConfig, eosId: number): Record<string, unknown> {
  return {
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
    torch_dtype: 'float32',
    transformers_version: HF_TRANSFORMERS_VERSION,
  };
}

export interface HfExportOptions {
  /** a tokenizer.json to write when the checkpoint holds none (the run named no `tokenizer:`) */
  tokenizer?: string;
  warn?: (message: string) => void;
}

export interface HfExportResult {
  checkpoint: string;
  step: number;
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
  const eosToken = eosTokenText(tokenizer, state.eosId);
  const files: Record<string, Uint8Array | string> = {
    'config.json': `${JSON.stringify(llamaConfig(state.model, state.eosId), null, 2)}\n`,
    'generation_config.json': `${JSON.stringify({ bos_token_id: state.eosId, eos_token_id: state.eosId, transformers_version: HF_TRANSFORMERS_VERSION }, null, 2)}\n`,
    'model.safetensors': encodeSafetensors(weightTensors(state.model, weights), { format: 'pt' }),
    'tokenizer.json': withLegacyMerges(tokenizer),
    'tokenizer_config.json': `${JSON.stringify(
      { tokenizer_class: 'PreTrainedTokenizerFast', model_max_length: state.model.maxSeqLen, clean_up_tokenization_spaces: false, ...(eosToken ? { bos_token: eosToken, eos_token: eosToken } : {}) },
      null,
      2,
    )}\n`,
  };
  for (const [name, data] of Object.entries(files)) await writeFileAtomic(join(outDir, name), data);
  return { checkpoint: loaded.path, step: state.step, files: Object.keys(files) };
}

/** The EOS token's text from tokenizer.json's added tokens (for tokenizer_config.json), if listed. */
function eosTokenText(tokenizerJson: Uint8Array, eosId: number): string | undefined {
  try {
    const json = JSON.parse(Buffer.from(tokenizerJson).toString('utf8')) as { added_tokens?: Array<{ id: number; content: string }> };
    return json.added_tokens?.find((t) => t.id === eosId)?.content;
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
  if (!Array.isArray(merges) || !merges.every((m) => Array.isArray(m) && m.length === 2 && m.every((p) => typeof p === 'string' && !p.includes(' ')))) return tokenizerJson;
  json.model!.merges = merges.map((m) => (m as string[]).join(' '));
  return Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8');
}
