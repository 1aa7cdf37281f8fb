import { readTokenShardIndex } from '@anneal/token-shards';
import type { LrScheduleConfig } from './lr-schedule.js';
import type { DomainSampling } from './data-loader.js';
import { readStageManifestSampling } from './data-loader-manifest.js';
import { stageSteps, type StageConfig, type TrainingRunConfig } from './training-run-config.js';
import { defaultWarmupSteps } from './training-run-defaults.js';

/** One stage resolved against the run: where it starts, how long it is, and what it samples. */
export interface PlannedStage {
  index: number;
  config: StageConfig;
  name: string;
  /** global optimizer step at which the stage starts */
  startStep: number;
  steps: number;
  seqLen: number;
  batchSize: number;
  /** micro-batches per optimizer step */
  accumulation: number;
  ropeTheta: number;
  domains: DomainSampling[];
  schedule: LrScheduleConfig;
  /** a context-length extension: longer windows than the stage before, so perplexity at its length is reported before and after */
  extendsContext: boolean;
}

/**
 * Resolves every stage up front (manifests read, step counts and learning-rate phases fixed), so a
 * bad manifest or schedule fails before the first step, and a resumed run computes the same plan.
 */
export async function planStages(config: TrainingRunConfig): Promise<PlannedStage[]> {
  const planned: Omit<PlannedStage, 'schedule'>[] = [];
  let start = 0;
  let theta = config.model.rope_theta;
  let previousSeqLen = 0;
  for (const [index, stage] of config.stages.entries()) {
    let domains: DomainSampling[];
    let steps: number;
    let seqLen: number;
    if (stage.manifest) {
      const read = await readStageManifestSampling(stage.manifest);
      domains = read.domains;
      // the mixture YAML's `trainer:` settings fill in what this YAML leaves out
      const hints = read.manifest.trainer ?? {};
      const hinted = (key: string): number | undefined =>
        typeof hints[key] === 'number' && (hints[key] as number) > 0 ? (hints[key] as number) : undefined;
      const manifestSeqLen = hinted('seq_len');
      if (stage.seq_len === undefined && (manifestSeqLen === undefined || !Number.isInteger(manifestSeqLen))) {
        throw new Error(`stage ${stage.name}: no seq_len here and none in ${stage.manifest} (trainer.seq_len)`);
      }
      seqLen = stage.seq_len ?? manifestSeqLen!;
      theta = stage.rope_theta ?? hinted('rope_theta') ?? theta;
      steps = stageSteps(config, {
        ...stage,
        seq_len: seqLen,
        ...(stage.tokens === undefined && stage.steps === undefined ? { tokens: read.manifest.tokens } : {}),
      });
    } else {
      seqLen = stage.seq_len!;
      theta = stage.rope_theta ?? theta;
      steps = stageSteps(config, { ...stage, seq_len: seqLen });
      domains = stage.mixture
        ? Object.entries(stage.mixture).map(([domain, weight]) => ({ domain, weight }))
        : await naturalDomainSampling(config.data.shards);
    }
    if (stage.long_documents) {
      domains = domains.map((d) => ({ ...d, longDocuments: { minTokens: stage.long_documents!.min_tokens, repeat: stage.long_documents!.repeat } }));
    }
    planned.push({
      index,
      config: stage,
      name: stage.name,
      startStep: start,
      steps,
      seqLen,
      batchSize: stage.batch_size ?? config.batch_size,
      accumulation: stage.gradient_accumulation ?? config.gradient_accumulation,
      ropeTheta: theta,
      domains,
      extendsContext: index > 0 && seqLen > previousSeqLen,
    });
    start += steps;
    previousSeqLen = seqLen;
  }
  // the default warmup is a share of the whole run, known only once every stage's length is
  const resolved = withWarmupSteps(config, start);
  return planned.map((p) => ({ ...p, schedule: stageSchedule(resolved, p.config, p.startStep, p.steps) }));
}

/** The config with `optimizer.warmup_steps` filled in: as given, or the default for a run of `totalSteps`. */
export function withWarmupSteps(config: TrainingRunConfig, totalSteps: number): TrainingRunConfig & { optimizer: { warmup_steps: number } } {
  return { ...config, optimizer: { ...config.optimizer, warmup_steps: config.optimizer.warmup_steps ?? defaultWarmupSteps(totalSteps) } };
}

/**
 * The config with every default the plan decides written in (today the warmup, a share of the run's
 * steps), for the run's config.yaml: what trained is then readable there, not recomputed from rules.
 */
export async function resolveTrainingDefaults(config: TrainingRunConfig): Promise<TrainingRunConfig> {
  const plan = await planStages(config);
  const last = plan[plan.length - 1]!;
  return withWarmupSteps(config, last.startStep + last.steps);
}

/**
 * A stage with neither mixture nor manifest samples every domain of the token shards in its natural
 * proportion: by its token count in the shards' index.json, so the data is seen as it was tokenized.
 */
export async function naturalDomainSampling(shardsDir: string): Promise<DomainSampling[]> {
  const index = await readTokenShardIndex(shardsDir);
  const domains = Object.entries(index.totals.domains)
    .filter(([, counts]) => counts.tokens > 0)
    .map(([domain, counts]) => ({ domain, weight: counts.tokens }));
  if (domains.length === 0) throw new Error(`${shardsDir}: the token shards hold no tokens`);
  return domains;
}

/**
 * A stage's learning-rate phase as a schedule over the global step (the trainer's schedules are
 * pure functions of the optimizer step, so a resumed run gets the same rate).
 */
export function stageSchedule(
  config: TrainingRunConfig & { optimizer: { warmup_steps: number } },
  stage: StageConfig,
  start: number,
  steps: number,
): LrScheduleConfig {
  const maxLr = stage.lr ?? config.optimizer.lr;
  const minLr = Math.min(config.optimizer.min_lr, maxLr);
  const end = start + steps;
  switch (stage.lr_phase) {
    case 'warmup_stable':
      return { kind: 'constant', maxLr, minLr, warmupSteps: config.optimizer.warmup_steps, totalSteps: end };
    case 'stable':
      return { kind: 'constant', maxLr, minLr, warmupSteps: 0, totalSteps: end };
    case 'decay':
      return { kind: 'wsd', maxLr, minLr, warmupSteps: 0, totalSteps: end, decaySteps: steps, decayShape: stage.decay_shape };
    case 'cosine':
      // within the stage: warmup (first stage only) then half a cosine to min_lr at the stage's end
      return { kind: 'cosine', maxLr, minLr, warmupSteps: start === 0 ? config.optimizer.warmup_steps : start, totalSteps: end };
    case 'constant': {
      const lr = stage.lr ?? config.optimizer.min_lr;
      if (!(lr > 0)) throw new Error(`stage ${stage.name}: lr_phase constant needs lr (or optimizer.min_lr > 0)`);
      return { kind: 'constant', maxLr: lr, minLr: 0, warmupSteps: 0, totalSteps: end };
    }
  }
}
