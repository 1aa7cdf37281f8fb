import * as tf from '@tensorflow/tfjs';
import { SeededRng } from '@anneal/core';
import type { DecoderModel } from './model.js';

export interface SamplingOptions {
  maxTokens: number;
  /** 0 = greedy (argmax) */
  temperature: number;
  /** keep only the k most likely tokens (0 = all) */
  topK: number;
  seed: number;
  /** stop when this id is drawn (not included in the output) */
  stopId?: number;
  /**
   * draw only ids below this: the tokenizer's vocabulary, when the model's embedding has more rows
   * (a Hugging Face model's padded embedding, imported with init_from); default all of them
   */
  vocabLimit?: number;
}

/**
 * Continues `prompt` one token at a time: logits of the last position (the context cut to the
 * model's max length), divided by the temperature, top-k filtered, softmax, one seeded draw.
 * No KV cache — each step reruns the context — which is plenty for a model that trains on a laptop.
 */
export function sampleTokens(model: DecoderModel, prompt: readonly number[], options: SamplingOptions): number[] {
  if (prompt.length === 0) throw new Error('sampling needs a prompt of at least one token');
  const rng = new SeededRng(options.seed, 'sample');
  const context = [...prompt];
  const out: number[] = [];
  const vocab = Math.min(model.config.vocabSize, options.vocabLimit ?? Infinity);
  for (let i = 0; i < options.maxTokens; i++) {
    const window = Int32Array.from(context.slice(-model.config.maxSeqLen));
    const logits = model.logits(window, 1);
    // read outside tf.tidy: tidy walks a returned typed array element by element looking for tensors
    const lastRow = tf.slice(logits, [0, window.length - 1, 0], [1, 1, vocab]);
    const last = lastRow.dataSync() as Float32Array;
    tf.dispose([lastRow, logits]);
    const next = drawToken(last, options, rng);
    if (next === options.stopId) break;
    out.push(next);
    context.push(next);
  }
  return out;
}

/** One draw from logits under temperature and top-k (exported for its own test). */
export function drawToken(logits: Float32Array, options: Pick<SamplingOptions, 'temperature' | 'topK'>, rng: SeededRng): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  if (options.temperature <= 0) return best;
  let ids = Array.from(logits.keys());
  if (options.topK > 0 && options.topK < ids.length) ids = ids.sort((a, b) => logits[b]! - logits[a]! || a - b).slice(0, options.topK);
  const max = logits[best]!;
  const weights = ids.map((id) => Math.exp((logits[id]! - max) / options.temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (let k = 0; k < ids.length; k++) {
    u -= weights[k]!;
    if (u < 0) return ids[k]!;
  }
  return ids[ids.length - 1]!;
}
