// A Llama-style decoder-only transformer on TensorFlow.js, nanoGPT-style: one file, top to bottom.
//
//   tokens → embed_tokens → N × [ x + Attn(RMSNorm(x)),  x + SwiGLU(RMSNorm(x)) ] → RMSNorm → head → logits
//
// Attention is causal, with rotary position embeddings (base `ropeTheta`, Hugging Face's
// "rotate half" layout) and grouped-query attention (`nKvHeads` key/value heads shared by
// `nHeads / nKvHeads` query heads each). Weights are tf.Variables named exactly as in Hugging
// Face's LlamaForCausalLM (`model.layers.0.self_attn.q_proj.weight`, [out, in] layout), so an
// export is a rename-free copy.
import * as tf from '@tensorflow/tfjs';
import { SeededRng } from '@anneal/core';

export interface ModelConfig {
  vocabSize: number;
  /** residual width (hidden_size) */
  dModel: number;
  nLayers: number;
  nHeads: number;
  /** key/value heads; must divide nHeads (nHeads = multi-head, 1 = multi-query) */
  nKvHeads: number;
  /** SwiGLU hidden width (intermediate_size) */
  ffnHidden: number;
  /** longest sequence the model is trained or sampled at (max_position_embeddings) */
  maxSeqLen: number;
  /** RoPE base; raised for context-length extension */
  ropeTheta: number;
  normEps: number;
  /** output head shares the embedding matrix */
  tieEmbeddings: boolean;
  /** embedding lookup: `gather` (needs UnsortedSegmentSum for its gradient) or a one-hot matmul */
  embedding: 'gather' | 'onehot';
  /** std of the normal initialisation (residual projections get std / sqrt(2 nLayers), as GPT-2) */
  initStd: number;
}

/** Llama defaults for what a caller leaves out; intermediate size is the usual 8/3·d rounded up to 32. */
export function resolveModelConfig(partial: Partial<ModelConfig> & Pick<ModelConfig, 'vocabSize' | 'dModel' | 'nLayers' | 'nHeads'>): ModelConfig {
  const config: ModelConfig = {
    nKvHeads: partial.nHeads,
    ffnHidden: Math.ceil((8 * partial.dModel) / 3 / 32) * 32,
    maxSeqLen: 256,
    ropeTheta: 10000,
    normEps: 1e-5,
    tieEmbeddings: true,
    embedding: 'gather',
    initStd: 0.02,
    ...partial,
  };
  validateModelConfig(config);
  return config;
}

export function validateModelConfig(c: ModelConfig): void {
  const errors: string[] = [];
  for (const key of ['vocabSize', 'dModel', 'nLayers', 'nHeads', 'nKvHeads', 'ffnHidden', 'maxSeqLen'] as const) {
    if (!Number.isInteger(c[key]) || c[key] <= 0) errors.push(`${key}: expected a positive integer, got ${c[key]}`);
  }
  if (c.dModel % c.nHeads !== 0) errors.push(`dModel (${c.dModel}) must be divisible by nHeads (${c.nHeads})`);
  else if ((c.dModel / c.nHeads) % 2 !== 0) errors.push(`head size dModel/nHeads (${c.dModel / c.nHeads}) must be even for RoPE`);
  if (c.nHeads % c.nKvHeads !== 0) errors.push(`nHeads (${c.nHeads}) must be divisible by nKvHeads (${c.nKvHeads})`);
  if (!(c.ropeTheta > 0)) errors.push(`ropeTheta: expected > 0, got ${c.ropeTheta}`);
  if (!(c.normEps > 0)) errors.push(`normEps: expected > 0, got ${c.normEps}`);
  if (c.embedding !== 'gather' && c.embedding !== 'onehot') errors.push(`embedding: expected 'gather' or 'onehot', got ${c.embedding}`);
  if (errors.length) throw new Error(`invalid model config:\n  ${errors.join('\n  ')}`);
}

/** B rows of T+1 tokens, row-major: inputs are columns 0..T-1, targets columns 1..T. */
export interface TokenBatch {
  tokens: Int32Array;
  batchSize: number;
  seqLen: number;
}

export function checkTokenBatch(batch: TokenBatch, vocabSize: number): void {
  const { tokens, batchSize, seqLen } = batch;
  if (tokens.length !== batchSize * (seqLen + 1)) {
    throw new Error(`token batch: expected ${batchSize} × ${seqLen + 1} = ${batchSize * (seqLen + 1)} tokens, got ${tokens.length}`);
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t < 0 || t >= vocabSize) {
      throw new Error(
        `token batch: row ${Math.floor(i / (seqLen + 1))} position ${i % (seqLen + 1)} holds token ${t}, outside the vocabulary [0, ${vocabSize})`,
      );
    }
  }
}

let nextModelId = 0;

export class DecoderModel {
  readonly config: ModelConfig;
  /** Hugging Face name → variable, in a fixed order (embedding, layers, final norm, head). */
  readonly params: Map<string, tf.Variable>;
  private readonly ropeCache = new Map<string, { cos: tf.Tensor2D; sin: tf.Tensor2D; rotateHalf: tf.Tensor2D }>();
  private readonly maskCache = new Map<number, tf.Tensor2D>();

  constructor(config: ModelConfig, initial: Map<string, Float32Array>) {
    validateModelConfig(config);
    this.config = { ...config };
    const prefix = `anneal-model-${nextModelId++}/`; // tfjs variable names are process-global
    this.params = new Map();
    for (const [name, shape] of parameterShapes(config)) {
      const values = initial.get(name);
      const size = shape.reduce((p, d) => p * d, 1);
      if (!values) throw new Error(`missing initial weights for ${name}`);
      if (values.length !== size) throw new Error(`${name}: expected ${size} values for shape [${shape}], got ${values.length}`);
      const variable = tf.tidy(() => tf.variable(tf.tensor(values, shape, 'float32'), true, prefix + name));
      this.params.set(name, variable);
    }
  }

  private p(name: string): tf.Variable {
    return this.params.get(name)!;
  }

  /** Changes the RoPE base (context-length extension); weights are unchanged. */
  setRopeTheta(theta: number): void {
    if (!(theta > 0)) throw new Error(`ropeTheta must be > 0, got ${theta}`);
    this.config.ropeTheta = theta;
  }

  /**
   * RoPE tables for length T, cached per (T, theta): cos and sin of position × inverse frequency,
   * each repeated over both halves of the head ([T, headDim]), and the "rotate half" matrix R
   * ([headDim, headDim], entries 0/±1) with x·R = concat(-x2, x1).
   */
  ropeTables(seqLen: number): { cos: tf.Tensor2D; sin: tf.Tensor2D; rotateHalf: tf.Tensor2D } {
    const key = `${seqLen}@${this.config.ropeTheta}`;
    let tables = this.ropeCache.get(key);
    if (!tables) {
      const d = this.config.dModel / this.config.nHeads;
      const half = d / 2;
      const cos = new Float32Array(seqLen * d);
      const sin = new Float32Array(seqLen * d);
      for (let pos = 0; pos < seqLen; pos++) {
        for (let i = 0; i < half; i++) {
          const angle = pos / this.config.ropeTheta ** ((2 * i) / d);
          cos[pos * d + i] = cos[pos * d + i + half] = Math.cos(angle);
          sin[pos * d + i] = sin[pos * d + i + half] = Math.sin(angle);
        }
      }
      const rotation = new Float32Array(d * d);
      for (let j = 0; j < half; j++) {
        rotation[(j + half) * d + j] = -1;
        rotation[j * d + j + half] = 1;
      }
      tables = {
        cos: tf.keep(tf.tensor2d(cos, [seqLen, d])),
        sin: tf.keep(tf.tensor2d(sin, [seqLen, d])),
        rotateHalf: tf.keep(tf.tensor2d(rotation, [d, d])),
      };
      this.ropeCache.set(key, tables);
    }
    return tables;
  }

  /**
   * Rotates each (x[i], x[i + half]) pair of the last axis by position × frequency i (Hugging
   * Face's x·cos + rotate_half(x)·sin). x: [B, heads, T, headDim]. rotate_half is a matmul with a
   * 0/±1 matrix — exact, and on wasm much cheaper than the slice/concat pair (whose gradients are
   * the slow SplitV and PadV2 kernels).
   */
  applyRope(x: tf.Tensor4D): tf.Tensor4D {
    const [b, h, t, d] = x.shape;
    const { cos, sin, rotateHalf } = this.ropeTables(t);
    const rotated = tf.reshape(tf.matMul(tf.reshape(x, [b * h * t, d]) as tf.Tensor2D, rotateHalf), [b, h, t, d]);
    return tf.add(tf.mul(x, cos), tf.mul(rotated, sin)) as tf.Tensor4D;
  }

  /** 0 on and below the diagonal, -1e9 above: added to attention scores so no position sees a later one. */
  private causalMask(t: number): tf.Tensor2D {
    let mask = this.maskCache.get(t);
    if (!mask) {
      const values = new Float32Array(t * t);
      for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) values[i * t + j] = -1e9;
      mask = tf.keep(tf.tensor2d(values, [t, t]));
      this.maskCache.set(t, mask);
    }
    return mask;
  }

  private rmsNorm(x: tf.Tensor2D, weight: tf.Tensor): tf.Tensor2D {
    const meanSquare = tf.mean(tf.square(x), -1, true);
    return tf.mul(tf.mul(x, tf.rsqrt(tf.add(meanSquare, this.config.normEps))), weight);
  }

  /** y = x Wᵀ with W in [out, in] layout, as torch.nn.Linear. */
  private linear(x: tf.Tensor2D, weight: tf.Tensor): tf.Tensor2D {
    return tf.matMul(x, weight as tf.Tensor2D, false, true);
  }

  private attention(x: tf.Tensor2D, layer: number, b: number, t: number): tf.Tensor2D {
    const { nHeads, nKvHeads, dModel } = this.config;
    const hd = dModel / nHeads;
    const group = nHeads / nKvHeads;
    const pre = `model.layers.${layer}.self_attn.`;
    const heads = (y: tf.Tensor2D, n: number) => tf.transpose(tf.reshape(y, [b, t, n, hd]), [0, 2, 1, 3]) as tf.Tensor4D;
    const q = this.applyRope(heads(this.linear(x, this.p(pre + 'q_proj.weight')), nHeads));
    const k = this.applyRope(heads(this.linear(x, this.p(pre + 'k_proj.weight')), nKvHeads));
    const v = heads(this.linear(x, this.p(pre + 'v_proj.weight')), nKvHeads);
    // GQA without copying k/v: the `group` query heads of one kv head are consecutive, so they
    // stack into one [group·T, hd] matrix per kv head.
    const qGrouped = tf.reshape(q, [b, nKvHeads, group * t, hd]);
    const scores = tf.mul(tf.matMul(qGrouped, k, false, true), 1 / Math.sqrt(hd)); // [b, kv, group·T, T]
    const masked = tf.add(tf.reshape(scores, [b, nHeads, t, t]), this.causalMask(t));
    const probs = tf.reshape(tf.softmax(masked), [b, nKvHeads, group * t, t]);
    const context = tf.reshape(tf.matMul(probs, v), [b, nHeads, t, hd]);
    const merged = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [b * t, dModel]) as tf.Tensor2D;
    return this.linear(merged, this.p(pre + 'o_proj.weight'));
  }

  private mlp(x: tf.Tensor2D, layer: number): tf.Tensor2D {
    const pre = `model.layers.${layer}.mlp.`;
    const gate = this.linear(x, this.p(pre + 'gate_proj.weight'));
    const up = this.linear(x, this.p(pre + 'up_proj.weight'));
    const swish = tf.mul(gate, tf.sigmoid(gate)); // SiLU
    return this.linear(tf.mul(swish, up) as tf.Tensor2D, this.p(pre + 'down_proj.weight'));
  }

  private embed(tokens: tf.Tensor2D): tf.Tensor2D {
    const flat = tf.reshape(tokens, [-1]) as tf.Tensor1D;
    const table = this.p('model.embed_tokens.weight') as tf.Tensor2D;
    if (this.config.embedding === 'gather') return tf.gather(table, flat) as tf.Tensor2D;
    // Cast, not oneHot(..., 'float32'): tfjs-wasm's float one-hot holds integer bit patterns.
    return tf.matMul(tf.cast(tf.oneHot(flat, this.config.vocabSize), 'float32') as tf.Tensor2D, table);
  }

  /** Logits [B, T, vocab] for int32 tokens [B, T]. Call inside tf.tidy or dispose the result. */
  forward(tokens: tf.Tensor2D): tf.Tensor3D {
    const [b, t] = tokens.shape;
    if (t > this.config.maxSeqLen) throw new Error(`sequence length ${t} exceeds maxSeqLen ${this.config.maxSeqLen}`);
    let x = this.embed(tokens);
    for (let layer = 0; layer < this.config.nLayers; layer++) {
      const pre = `model.layers.${layer}.`;
      x = tf.add(x, this.attention(this.rmsNorm(x, this.p(pre + 'input_layernorm.weight')), layer, b, t));
      x = tf.add(x, this.mlp(this.rmsNorm(x, this.p(pre + 'post_attention_layernorm.weight')), layer));
    }
    x = this.rmsNorm(x, this.p('model.norm.weight'));
    const head = this.config.tieEmbeddings ? this.p('model.embed_tokens.weight') : this.p('lm_head.weight');
    return tf.reshape(this.linear(x, head), [b, t, this.config.vocabSize]);
  }

  /** Logits for rows of tokens (row-major Int32Array of batchSize rows); the caller disposes the tensor. */
  logits(tokens: Int32Array, batchSize = 1): tf.Tensor3D {
    const t = tokens.length / batchSize;
    if (!Number.isInteger(t)) throw new Error(`logits: ${tokens.length} tokens do not split into ${batchSize} rows`);
    return tf.tidy(() => this.forward(tf.tensor2d(tokens, [batchSize, t], 'int32')));
  }

  /** Mean next-token cross-entropy (nats) of a batch, as a scalar tensor (differentiable). */
  loss(batch: TokenBatch): tf.Scalar {
    const { batchSize: b, seqLen: t } = batch;
    const rows = tf.tensor2d(batch.tokens, [b, t + 1], 'int32');
    const inputs = tf.slice(rows, [0, 0], [b, t]) as tf.Tensor2D;
    const targets = tf.reshape(tf.slice(rows, [0, 1], [b, t]), [-1]) as tf.Tensor1D;
    const logits = tf.reshape(this.forward(inputs), [b * t, this.config.vocabSize]);
    const labels = tf.cast(tf.oneHot(targets, this.config.vocabSize), 'float32');
    return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
  }

  /** Loss and its gradient for every parameter (keyed by Hugging Face name); the caller disposes the grads. */
  lossAndGrads(batch: TokenBatch): { loss: number; grads: Map<string, tf.Tensor> } {
    checkTokenBatch(batch, this.config.vocabSize);
    const { value, grads } = tf.variableGrads(() => this.loss(batch), [...this.params.values()]);
    const loss = value.dataSync()[0]!;
    value.dispose();
    const named = new Map<string, tf.Tensor>();
    for (const name of this.params.keys()) named.set(name, grads[this.params.get(name)!.name]!);
    return { loss, grads: named };
  }

  /** Mean loss of a batch without gradients. */
  evalLoss(batch: TokenBatch): number {
    checkTokenBatch(batch, this.config.vocabSize);
    return tf.tidy(() => this.loss(batch).dataSync()[0]!);
  }

  /** Copies of the current weights, by Hugging Face name. */
  weights(): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    for (const [name, v] of this.params) out.set(name, v.dataSync() as Float32Array);
    return out;
  }

  /** Overwrites weights (same names and sizes, e.g. from a checkpoint or another worker). */
  loadWeights(values: Map<string, Float32Array>): void {
    for (const [name, v] of this.params) {
      const w = values.get(name);
      if (!w) throw new Error(`loadWeights: no values for ${name}`);
      if (w.length !== v.size) throw new Error(`loadWeights: ${name} expects ${v.size} values, got ${w.length}`);
      tf.tidy(() => v.assign(tf.tensor(w, v.shape, 'float32')));
    }
  }

  parameterCount(): { total: number; embedding: number; nonEmbedding: number } {
    let total = 0;
    for (const v of this.params.values()) total += v.size;
    const embedding = this.config.vocabSize * this.config.dModel;
    return { total, embedding, nonEmbedding: total - embedding };
  }

  /** Training FLOPs per token at sequence length `seqLen`; see flopsPerToken(). */
  flopsPerToken(seqLen: number): number {
    return flopsPerToken(this.config, seqLen);
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
    for (const { cos, sin, rotateHalf } of this.ropeCache.values()) tf.dispose([cos, sin, rotateHalf]);
    for (const m of this.maskCache.values()) m.dispose();
    this.ropeCache.clear();
    this.maskCache.clear();
  }
}

/** Parameter names (Hugging Face LlamaForCausalLM) and shapes ([out, in] for linear layers), in model order. */
export function parameterShapes(c: ModelConfig): Array<[string, number[]]> {
  const hd = c.dModel / c.nHeads;
  const shapes: Array<[string, number[]]> = [['model.embed_tokens.weight', [c.vocabSize, c.dModel]]];
  for (let i = 0; i < c.nLayers; i++) {
    const pre = `model.layers.${i}.`;
    shapes.push(
      [pre + 'input_layernorm.weight', [c.dModel]],
      [pre + 'self_attn.q_proj.weight', [c.nHeads * hd, c.dModel]],
      [pre + 'self_attn.k_proj.weight', [c.nKvHeads * hd, c.dModel]],
      [pre + 'self_attn.v_proj.weight', [c.nKvHeads * hd, c.dModel]],
      [pre + 'self_attn.o_proj.weight', [c.dModel, c.nHeads * hd]],
      [pre + 'post_attention_layernorm.weight', [c.dModel]],
      [pre + 'mlp.gate_proj.weight', [c.ffnHidden, c.dModel]],
      [pre + 'mlp.up_proj.weight', [c.ffnHidden, c.dModel]],
      [pre + 'mlp.down_proj.weight', [c.dModel, c.ffnHidden]],
    );
  }
  shapes.push(['model.norm.weight', [c.dModel]]);
  if (!c.tieEmbeddings) shapes.push(['lm_head.weight', [c.vocabSize, c.dModel]]);
  return shapes;
}

/**
 * Model FLOPs per trained token (forward + backward = 3 × forward), as PaLM/nanoGPT count them:
 * 6 × (weights used in matmuls, i.e. all but the embedding lookup and norms; the head counts)
 * + 12 × layers × T × dModel for the attention score and context products. Causal masking is
 * not discounted. Hardware FLOPs (e.g. a one-hot embedding matmul) are not counted.
 */
export function flopsPerToken(c: ModelConfig, seqLen: number): number {
  const hd = c.dModel / c.nHeads;
  const attnWeights = c.dModel * (c.nHeads * hd) * 2 + c.dModel * (c.nKvHeads * hd) * 2;
  const mlpWeights = 3 * c.dModel * c.ffnHidden;
  const matmulWeights = c.nLayers * (attnWeights + mlpWeights) + c.vocabSize * c.dModel;
  return 6 * matmulWeights + 12 * c.nLayers * seqLen * c.dModel;
}

/** Normal(0, std) initial weights from a seed (norm weights start at 1); identical on every backend and worker. */
export function initialWeights(config: ModelConfig, seed: number | string): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  const residualStd = config.initStd / Math.sqrt(2 * config.nLayers);
  for (const [name, shape] of parameterShapes(config)) {
    const size = shape.reduce((p, d) => p * d, 1);
    const values = new Float32Array(size);
    if (name.endsWith('layernorm.weight') || name === 'model.norm.weight') values.fill(1);
    else {
      const std = name.endsWith('o_proj.weight') || name.endsWith('down_proj.weight') ? residualStd : config.initStd;
      const rng = new SeededRng(seed, name);
      for (let i = 0; i < size; i += 2) {
        // Box–Muller: two normals from two uniforms
        const u1 = rng.next() || Number.MIN_VALUE;
        const r = Math.sqrt(-2 * Math.log(u1)) * std;
        const angle = 2 * Math.PI * rng.next();
        values[i] = r * Math.cos(angle);
        if (i + 1 < size) values[i + 1] = r * Math.sin(angle);
      }
    }
    out.set(name, values);
  }
  return out;
}

/** A model with fresh weights from `seed` on the active backend (call initBackend() first). */
export function createModel(config: ModelConfig, seed: number | string = 0): DecoderModel {
  return new DecoderModel(config, initialWeights(config, seed));
}

/** One line for the start of a run: parameters and FLOPs per token. */
export function describeModel(model: DecoderModel, seqLen: number): string {
  const { total, nonEmbedding } = model.parameterCount();
  const c = model.config;
  return (
    `model: ${c.nLayers} layers, d=${c.dModel}, ${c.nHeads} heads (${c.nKvHeads} kv), ffn ${c.ffnHidden}, vocab ${c.vocabSize}, ` +
    `${c.tieEmbeddings ? 'tied' : 'untied'} head; ${(total / 1e6).toFixed(3)}M parameters ` +
    `(${(nonEmbedding / 1e6).toFixed(3)}M non-embedding); ${(flopsPerToken(c, seqLen) / 1e6).toFixed(2)} MFLOP/token trained at T=${seqLen}`
  );
}
