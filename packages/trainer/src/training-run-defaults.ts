/**
 * What the training YAML fills in when a key is left out, so a new user's first config needs only
 * run_dir, tokenizer, data.shards, model and one stage with steps and seq_len. Each rule is a pure
 * function of the config, so a resumed run resolves exactly the same values.
 */

/** Peak learning rate at d_model 1024, the width at which GPT-3 (350M) and nanoGPT-style configs train at 3e-4. */
const REFERENCE_LR = 3e-4;
const REFERENCE_D_MODEL = 1024;
/** The highest default: pretrain-tiny.yaml (d_model 64) trains stably at 3e-3; toy models diverge well below 1e-2. */
const MAX_DEFAULT_LR = 3e-3;

/**
 * Default peak learning rate for AdamW: 3e-4 at d_model 1024, scaled by 1024 / d_model, at most 3e-3
 * (d_model 64 → 3e-3, 128 → 2.4e-3, 512 → 6e-4, 768 → 4e-4, 2048 → 1.5e-4).
 *
 * Why 1/d_model: with Adam every weight moves by about lr per step whatever its gradient's scale, so a
 * hidden unit's input moves by about lr × fan-in; keeping that per-layer change the same as the model
 * widens needs lr ∝ 1/width (μP's rule for hidden matrices). GPT-3's table follows it roughly (6e-4 at
 * 768, 3e-4 at 1024, 2e-4 at 2048, 1.2e-4 at 4096); this rule is a little below it for wide models,
 * the safe side for a default.
 */
export function defaultLearningRate(dModel: number): number {
  return Math.min(MAX_DEFAULT_LR, (REFERENCE_LR * REFERENCE_D_MODEL) / dModel);
}

/**
 * Default floor of the decay: a tenth of the peak, as Chinchilla and nanoGPT decay to (a model
 * trained to lr 0 stops learning in its last steps for no gain).
 */
export function defaultMinLearningRate(lr: number): number {
  return lr / 10;
}

/**
 * Default warmup over a run of `totalSteps` optimizer steps: 2 % of it (nanoGPT's Shakespeare config
 * warms up 100 of 5,000 steps), but at least 10 steps, since AdamW's second-moment estimate averages
 * over about 1 / (1 − β2) = 20 steps and is noisy before that — and never more than a tenth of a
 * short run, so a 5-step smoke test still decays (5 steps → 1, 100 → 10, 1,000 → 20, 100,000 → 2,000).
 */
export function defaultWarmupSteps(totalSteps: number): number {
  return Math.max(Math.round(0.02 * totalSteps), Math.min(10, Math.ceil(totalSteps / 10)));
}

/**
 * Default windows per micro-batch: pretrain-tiny.yaml's 8, small enough for the wasm backend's heap
 * at the sizes a laptop trains (the [rows × vocab] logits grow with it); raise gradient_accumulation
 * for more tokens per step.
 */
export const DEFAULT_BATCH_SIZE = 8;

/** Name of a stage that gives none: `stage1`, `stage2`, … by position. */
export function defaultStageName(index: number): string {
  return `stage${index + 1}`;
}
