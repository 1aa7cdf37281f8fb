import type { SearchConfig } from './search-config.js';
import type { SearchData } from './search-data.js';
import type { SearchedStage } from './stage-plan.js';

/** How every proxy trains: the same model, steps, evaluation grid and seed; only the mixture differs. */
export interface ProxySchedule {
  steps: number;
  evalEvery: number;
  tokensPerStep: number;
  /** the proxy's training YAML (as parsed data) for a run directory and mixture */
  training(runDir: string, data: SearchData, mixture: Record<string, number>): Record<string, unknown>;
  /** the evaluation step at which a stage of the plan ends, on the proxies' shared trajectory */
  boundary(stage: SearchedStage): number;
  /** the settings a resumed search must share with the first run */
  describe(): Record<string, unknown>;
}

/**
 * The proxies evaluate their held-out losses `trajectory_points` times, evenly; the steps are rounded
 * so the grid divides the run. A stage that ends at fraction f of the mixture's schedule is read at
 * the grid point nearest f (RegMix-D's offline mode: one set of proxies, read at each stage boundary).
 * Every proxy shares the seed: same initial weights and sampling stream, so their differences are the mixtures'.
 */
export function planProxyTraining(config: SearchConfig, stages: readonly SearchedStage[]): ProxySchedule {
  const p = config.proxy;
  const tokensPerStep = p.batch_size * p.seq_len;
  const wanted = Math.max(1, Math.ceil(p.tokens / tokensPerStep));
  const points = Math.min(p.trajectory_points, wanted);
  const evalEvery = Math.max(1, Math.round(wanted / points));
  const steps = evalEvery * points;
  return {
    steps,
    evalEvery,
    tokensPerStep,
    training: (runDir, data, mixture) => ({
      run_dir: runDir,
      seed: config.seed,
      backend: p.backend,
      workers: 1,
      data: { shards: data.train, validation_shards: data.heldOut, eval_windows: p.eval_windows },
      model: { d_model: p.d_model, n_layers: p.n_layers, n_heads: p.n_heads },
      ...(p.lr !== undefined ? { optimizer: { lr: p.lr } } : {}),
      batch_size: p.batch_size,
      eval_every: evalEvery,
      checkpoint_every: evalEvery,
      keep_checkpoints: 1,
      log_every_s: 3600,
      stages: [{ name: 'proxy', steps, seq_len: p.seq_len, mixture, lr_phase: 'cosine' }],
    }),
    boundary: (stage) => Math.max(1, Math.round(stage.endFraction * points)) * evalEvery,
    describe: () => ({
      ...p,
      steps,
      evalEvery,
      seed: config.seed,
      shards: config.shards,
      validation_shards: config.validation_shards ?? null,
      held_out_fraction: config.held_out_fraction,
    }),
  };
}
