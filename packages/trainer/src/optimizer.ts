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
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();

  constructor(params: Map<string, tf.Variable>, config: Partial<AdamWConfig> = {}) {
    this.config = { ...DEFAULT_ADAMW, ...config };
    this.params = params;
    for (const [name, p] of params) {
      this.m.set(name, tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
      this.v.set(name, tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
    }
  }

  /** Applies one update with learning rate `lr`; `grads` (by parameter name) are not disposed. */
  apply(grads: Map<string, tf.Tensor>, lr: number): void {
    const { beta1, beta2, eps, weightDecay, noDecay } = this.config;
    const t = this.step + 1;
    const stepSize = lr / (1 - Math.pow(beta1, t));
    const secondCorrection = 1 / (1 - Math.pow(beta2, t));
    for (const [name, p] of this.params) {
      const g = grads.get(name);
      if (!g) throw new Error(`AdamW: no gradient for ${name}`);
      const m = this.m.get(name)!;
      const v = this.v.get(name)!;
      tf.tidy(() => {
        const mNew = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
        const vNew = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
        const update = tf.div(tf.mul(mNew, stepSize), tf.add(tf.sqrt(tf.mul(vNew, secondCorrection)), eps));
        const decayed = decaysWeight(name, noDecay) && weightDecay > 0 ? tf.mul(p, 1 - lr * weightDecay) : p;
        m.assign(mNew);
        v.assign(vNew);
        p.assign(tf.sub(decayed, update));
      });
    }
    this.step = t;
  }

  state(): AdamWState {
    const moments = new Map<string, Float32Array>();
    for (const name of this.params.keys()) {
      moments.set(`exp_avg.${name}`, this.m.get(name)!.dataSync() as Float32Array);
      moments.set(`exp_avg_sq.${name}`, this.v.get(name)!.dataSync() as Float32Array);
    }
    return { step: this.step, moments };
  }

  loadState(state: AdamWState): void {
    for (const name of this.params.keys()) {
      for (const [prefix, target] of [['exp_avg', this.m.get(name)!], ['exp_avg_sq', this.v.get(name)!]] as const) {
        const values = state.moments.get(`${prefix}.${name}`);
        if (!values) throw new Error(`optimizer state has no ${prefix}.${name}`);
        if (values.length !== target.size) throw new Error(`optimizer state ${prefix}.${name}: expected ${target.size} values, got ${values.length}`);
        tf.tidy(() => target.assign(tf.tensor(values, target.shape, 'float32')));
      }
    }
    this.step = state.step;
  }

  dispose(): void {
    for (const x of [...this.m.values(), ...this.v.values()]) x.dispose();
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
