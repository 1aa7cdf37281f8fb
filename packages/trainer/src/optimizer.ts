// AdamW (Loshchilov & Hutter): Adam moments with weight decay applied to the weights directly
// (decoupled), not added to the gradient. Norm gains — and optionally embeddings — are not
// decayed: shrinking a gain towards 0 changes what the layer computes rather than regularising.
// Plus global-norm gradient clipping. Moments live in tf.Variables beside the weights; state()
// and loadState() move them in and out for checkpoints.
import * as tf from '@tensorflow/tfjs';

export interface AdamWConfig {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** which parameters skip weight decay: `norms` (RMSNorm gains), `norms-and-embeddings`, or `none` */
  noDecay: 'norms' | 'norms-and-embeddings' | 'none';
}

export const DEFAULT_ADAMW: AdamWConfig = { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, noDecay: 'norms-and-embeddings' };

export function isNormWeight(name: string): boolean {
  return name.endsWith('layernorm.weight') || name === 'model.norm.weight';
}

export function isEmbeddingWeight(name: string): boolean {
  return name === 'model.embed_tokens.weight' || name === 'lm_head.weight';
}

export function decaysWeight(name: string, noDecay: AdamWConfig['noDecay']): boolean {
  if (noDecay === 'none') return true;
  if (isNormWeight(name)) return false;
  return !(noDecay === 'norms-and-embeddings' && isEmbeddingWeight(name));
}

/** Optimizer state for checkpoints: step count and the two moments of every parameter. */
export interface AdamWState {
  step: number;
  /** `exp_avg.<param>` and `exp_avg_sq.<param>` (PyTorch's names) */
  moments: Map<string, Float32Array>;
}

export class AdamW {
  readonly config: AdamWConfig;
  /** number of updates applied so far (bias correction uses step + 1) */
  step = 0;
  private readonly params: Map<string, tf.Variable>;
  private readonly names: string[];
  private readonly sizes: number[];
  /**
   * Both moments and the update live in one flat vector over all parameters (in the map's order):
   * the update is then a dozen kernels per step instead of a dozen per parameter. On the native
   * backend every kernel is one N-API call and one eager TensorFlow op, so per-op cost, not
   * arithmetic, was most of the optimizer's time (≈ 520 kernels per step at 4 layers; now ≈ 90).
   */
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  /** 1 where a parameter is weight-decayed, 0 where not (norm gains, maybe embeddings) */
  private readonly decayMask: tf.Tensor;
  /** the flat parameters as last written here, reused while every variable still holds that write */
  private flatParams: { tensor: tf.Tensor; dataIds: unknown[] } | undefined;

  constructor(params: Map<string, tf.Variable>, config: Partial<AdamWConfig> = {}) {
    this.config = { ...DEFAULT_ADAMW, ...config };
    this.params = params;
    this.names = [...params.keys()];
    this.sizes = this.names.map((n) => params.get(n)!.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.m = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    this.v = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    const mask = new Float32Array(total);
    let offset = 0;
    this.names.forEach((name, i) => {
      if (decaysWeight(name, this.config.noDecay)) mask.fill(1, offset, offset + this.sizes[i]!);
      offset += this.sizes[i]!;
    });
    this.decayMask = tf.tensor1d(mask);
  }

  private flatten(tensors: tf.Tensor[]): tf.Tensor {
    return tensors.length === 1 ? tf.reshape(tensors[0]!, [-1]) : tf.concat(tensors.map((t) => tf.reshape(t, [-1])));
  }

  private currentFlatParams(): tf.Tensor {
    const vars = this.names.map((n) => this.params.get(n)!);
    const cached = this.flatParams;
    if (cached && vars.every((p, i) => p.dataId === cached.dataIds[i])) return cached.tensor;
    return this.flatten(vars);
  }

  /**
   * Applies one update with learning rate `lr`; `grads` (by parameter name) are not disposed.
   * With `clipNorm` > 0, the gradients are first scaled by min(1, clipNorm / ‖g‖) (global norm).
   * Returns the global gradient norm before clipping.
   */
  apply(grads: Map<string, tf.Tensor>, lr: number, clipNorm = 0): number {
    const { beta1, beta2, eps, weightDecay } = this.config;
    const t = this.step + 1;
    const stepSize = lr / (1 - beta1 ** t);
    const secondCorrection = 1 / (1 - beta2 ** t);
    const clipping = clipNorm > 0 && Number.isFinite(clipNorm);
    let norm = 0;
    const previous = this.flatParams;
    const next = tf.tidy(() => {
      let g = this.flatten(
        this.names.map((name) => {
          const grad = grads.get(name);
          if (!grad) throw new Error(`AdamW: no gradient for ${name}`);
          return grad;
        }),
      );
      norm = Math.sqrt(tf.sum(tf.square(g)).dataSync()[0]!);
      if (clipping && norm > clipNorm) g = tf.mul(g, clipNorm / (norm + 1e-6));
      const p = this.currentFlatParams();
      const mNew = tf.add(tf.mul(this.m, beta1), tf.mul(g, 1 - beta1));
      const vNew = tf.add(tf.mul(this.v, beta2), tf.mul(tf.square(g), 1 - beta2));
      const update = tf.div(tf.mul(mNew, stepSize), tf.add(tf.sqrt(tf.mul(vNew, secondCorrection)), eps));
      // decayed weights are multiplied by (1 - lr·wd), the others by exactly 1
      const decayed = weightDecay > 0 ? tf.mul(p, tf.add(tf.mul(this.decayMask, 1 - lr * weightDecay), tf.sub(1, this.decayMask))) : p;
      this.m.assign(mNew);
      this.v.assign(vNew);
      const pNew = tf.sub(decayed, update);
      const parts = this.names.length === 1 ? [pNew] : tf.split(pNew, this.sizes);
      this.names.forEach((name, i) => {
        const variable = this.params.get(name)!;
        variable.assign(tf.reshape(parts[i]!, variable.shape));
      });
      return pNew;
    });
    if (previous && previous.tensor !== next) previous.tensor.dispose();
    this.flatParams = { tensor: next, dataIds: this.names.map((n) => this.params.get(n)!.dataId) };
    this.step = t;
    return norm;
  }

  state(): AdamWState {
    const moments = new Map<string, Float32Array>();
    const m = this.m.dataSync() as Float32Array;
    const v = this.v.dataSync() as Float32Array;
    let offset = 0;
    this.names.forEach((name, i) => {
      const end = offset + this.sizes[i]!;
      moments.set(`exp_avg.${name}`, m.slice(offset, end));
      moments.set(`exp_avg_sq.${name}`, v.slice(offset, end));
      offset = end;
    });
    return { step: this.step, moments };
  }

  loadState(state: AdamWState): void {
    for (const [prefix, target] of [
      ['exp_avg', this.m],
      ['exp_avg_sq', this.v],
    ] as const) {
      const flat = new Float32Array(target.size);
      let offset = 0;
      this.names.forEach((name, i) => {
        const values = state.moments.get(`${prefix}.${name}`);
        if (!values) throw new Error(`optimizer state has no ${prefix}.${name}`);
        if (values.length !== this.sizes[i])
          throw new Error(`optimizer state ${prefix}.${name}: expected ${this.sizes[i]} values, got ${values.length}`);
        flat.set(values, offset);
        offset += this.sizes[i]!;
      });
      tf.tidy(() => target.assign(tf.tensor1d(flat)));
    }
    this.step = state.step;
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
    this.decayMask.dispose();
    this.flatParams?.tensor.dispose();
    this.flatParams = undefined;
  }
}

/** The L2 norm of all gradients together. */
export function globalGradNorm(grads: Map<string, tf.Tensor>): number {
  return tf.tidy(() => {
    const squares = [...grads.values()].map((g) => tf.sum(tf.square(g)));
    return Math.sqrt(tf.addN(squares).dataSync()[0]!);
  });
}

/**
 * Scales all gradients by min(1, maxNorm / norm) in place of the map's tensors (old ones are
 * disposed). Returns the norm before clipping. `maxNorm <= 0` or Infinity disables clipping.
 */
export function clipGradsByGlobalNorm(grads: Map<string, tf.Tensor>, maxNorm: number): number {
  const norm = globalGradNorm(grads);
  if (maxNorm > 0 && Number.isFinite(maxNorm) && norm > maxNorm) {
    const scale = maxNorm / (norm + 1e-6);
    for (const [name, g] of grads) {
      grads.set(name, tf.mul(g, scale));
      g.dispose();
    }
  }
  return norm;
}
