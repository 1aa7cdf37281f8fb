// The multi-stage pre-training driver: one YAML → stages trained in order (each with its own
// mixture, length, seq_len, RoPE base and learning-rate phase), checkpoints that resume
// bitwise-identically, metrics as JSON lines, evaluation per domain, and perplexity at the long
// length before and after a context-extension stage.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomic } from '@anneal/core';
import { tokenizerHash } from '@anneal/token-shards';
import { initBackend } from './backend.js';
import { openTensorBoard, TENSORBOARD_DIR } from './tensorboard-events.js';
import { CheckpointStore } from './checkpoint.js';
import { decodeTrainingCheckpoint, encodeTrainingCheckpoint, type TrainingState } from './checkpoint-training-state.js';
import type { TokenCorpus } from './data-loader-corpus.js';
import { loadTokenShards } from './data-loader-shards.js';
import { PackedWindowLoader, validationWindows, type LoaderState } from './data-loader.js';
import { DecoderModel, describeModel, initialWeights, resolveModelConfig, type ModelConfig, type TokenBatch } from './model.js';
import { importHuggingFaceLlama } from './hf-import.js';
import type { AdamWState } from './optimizer.js';
import { SingleThreadTrainer, type Trainer, type TrainStepConfig } from './train-step.js';
import { DataParallelTrainer } from './data-parallel.js';
import type { TrainingRunConfig } from './training-run-config.js';
import { MetricsLog, readMetrics } from './training-run-metrics.js';
import { planStages, type PlannedStage } from './training-run-plan.js';
import { TrainingProgress } from './training-run-progress.js';

export interface TrainingRunOptions {
  config: TrainingRunConfig;
  /** continue from the newest checkpoint that verifies (default: refuse to overwrite a run that has checkpoints) */
  resume?: boolean;
  progress?: boolean;
  /** native backend: TensorFlow's intra- and inter-op threads (default: the machine's cores) */
  threads?: number;
  /** one line per event (start, stage changes, evaluations, checkpoints); default stderr */
  log?: (line: string) => void;
}

export interface TrainingRunSummary {
  steps: number;
  tokens: number;
  finalLoss: number;
  resumedFrom?: number;
  runDir: string;
  lastCheckpoint: string;
  /** per extension stage: mean perplexity over domains at its length, before and after */
  longContext: Array<{ stage: string; seqLen: number; before: number; after: number }>;
}

export async function runTraining(options: TrainingRunOptions): Promise<TrainingRunSummary> {
  const { config } = options;
  const write = options.log ?? ((l: string) => process.stderr.write(`anneal: ${l}\n`));
  let progress: TrainingProgress | undefined;
  const log = (line: string) => {
    progress?.interrupt();
    write(line);
  };
  const plan = await planStages(config);
  const totalSteps = plan.reduce((s, p) => s + p.steps, 0);

  const { corpus: all, index } = await loadTokenShards(config.data.shards);
  let train: TokenCorpus;
  let heldOut: TokenCorpus;
  if (config.data.validation_shards) {
    const validation = await loadTokenShards(config.data.validation_shards);
    if (validation.index.tokenizer_hash !== index.tokenizer_hash) {
      throw new Error(
        `${config.data.validation_shards} was tokenized with another tokenizer than ${config.data.shards} (tokenizer_hash ${validation.index.tokenizer_hash.slice(0, 12)}… vs ${index.tokenizer_hash.slice(0, 12)}…)`,
      );
    }
    train = all;
    heldOut = validation.corpus;
  } else {
    const split = all.splitHeldOut(config.data.held_out_fraction, config.seed);
    train = split.train;
    heldOut = split.validation;
  }
  // A domain with no held-out documents has no eval loss: say so once rather than leave it out silently.
  const unevaluated = [...train.domains.keys()].filter((d) => heldOut.documentCount(d) === 0);
  if (unevaluated.length > 0) {
    log(
      `warning: no held-out documents for ${unevaluated.join(', ')}: no eval loss for ${unevaluated.length === 1 ? 'it' : 'them'} (raise data.held_out_fraction or give data.validation_shards)`,
    );
  }
  // continued pre-training: the model's own tokenizer.json is the run's unless the YAML names one
  const initFromTokenizer = config.init_from ? join(config.init_from, 'tokenizer.json') : undefined;
  const tokenizerPath = config.tokenizer ?? (initFromTokenizer && existsSync(initFromTokenizer) ? initFromTokenizer : undefined);
  const tokenizerJson = tokenizerPath ? new Uint8Array(await readFile(tokenizerPath)) : undefined;
  if (tokenizerJson && tokenizerHash(tokenizerJson) !== index.tokenizer_hash) {
    // a checkpoint must carry the tokenizer its ids mean, or sampling and the HF export decode garbage
    throw new Error(
      `${tokenizerPath} (sha256 ${tokenizerHash(tokenizerJson).slice(0, 12)}…) is not the tokenizer ${config.data.shards} was made with (tokenizer_hash ${index.tokenizer_hash.slice(0, 12)}…)`,
    );
  }

  const store = new CheckpointStore(join(config.run_dir, 'checkpoints'), config.keep_checkpoints);
  const existing = await store.steps();
  if (existing.length > 0 && !options.resume) {
    throw new Error(
      `${config.run_dir} already has checkpoints (newest step ${existing[0]}); pass --resume to continue it, or choose another run_dir`,
    );
  }
  const restored = options.resume ? await store.loadLatest((m) => log(`warning: ${m}`)) : undefined;
  const checkpoint = restored ? decodeTrainingCheckpoint(restored) : undefined;

  // weights to start from, read and checked against the shards before the backend starts
  const imported = !checkpoint && config.init_from ? await importHuggingFaceLlama(config.init_from) : undefined;
  if (imported) {
    log(`init_from ${config.init_from}: ${imported.files.join(', ')} (${imported.origin.dtype})`);
    if (
      tokenizerJson &&
      initFromTokenizer &&
      tokenizerPath !== initFromTokenizer &&
      existsSync(initFromTokenizer) &&
      tokenizerHash(new Uint8Array(await readFile(initFromTokenizer))) !== tokenizerHash(tokenizerJson)
    ) {
      log(
        `warning: ${tokenizerPath} is not byte-identical to ${initFromTokenizer}: the model's embeddings mean its own tokenizer's ids, so the shards should be tokenized with it`,
      );
    }
  }
  const hfOrigin = checkpoint ? checkpoint.state.hf : imported?.origin;
  const embeddingRows = (checkpoint?.state.model ?? imported?.modelConfig)?.vocabSize;
  if (hfOrigin && embeddingRows !== undefined && index.vocab_size > embeddingRows) {
    // a Hugging Face model's embedding may have more rows than its tokenizer has ids (padding), never fewer
    throw new Error(
      `${config.data.shards}/index.json: the shards' tokenizer has vocab ${index.vocab_size} (ids up to ${index.vocab_size - 1}), more than the ${embeddingRows} rows of ${config.init_from ?? 'the model'}'s embedding (config.json vocab_size); tokenize with the model's tokenizer`,
    );
  }

  const backend = await initBackend(config.backend, options.threads !== undefined ? { threads: options.threads } : {});
  log(`backend ${backend.description}${backend.skipped.length ? ` (skipped: ${backend.skipped.join('; ')})` : ''}`);
  const m = config.model;
  const longestStage = Math.max(...plan.map((p) => p.seqLen));
  const modelConfig: ModelConfig = checkpoint
    ? checkpoint.state.model
    : imported
      ? // the YAML's model block was filled from the same config.json; what it adds is the embedding kernel
        { ...imported.modelConfig, maxSeqLen: Math.max(imported.modelConfig.maxSeqLen, longestStage), embedding: m.embedding }
      : resolveModelConfig({
          vocabSize: index.vocab_size,
          dModel: m.d_model,
          nLayers: m.n_layers,
          nHeads: m.n_heads,
          ...(m.n_kv_heads !== undefined ? { nKvHeads: m.n_kv_heads } : {}),
          ...(m.ffn_hidden !== undefined ? { ffnHidden: m.ffn_hidden } : {}),
          maxSeqLen: longestStage,
          ropeTheta: m.rope_theta,
          normEps: m.norm_eps,
          tieEmbeddings: m.tie_embeddings,
          embedding: m.embedding,
          initStd: m.init_std,
        });
  if (!hfOrigin && modelConfig.vocabSize !== index.vocab_size)
    throw new Error(`checkpoint model has vocab ${modelConfig.vocabSize}, the shards ${index.vocab_size}`);
  const model = new DecoderModel(modelConfig, imported ? imported.weights : initialWeights(modelConfig, config.seed));
  log(describeModel(model, plan[0]!.seqLen));
  const trainStep: TrainStepConfig = {
    optimizer: {
      beta1: config.optimizer.beta1,
      beta2: config.optimizer.beta2,
      eps: config.optimizer.eps,
      weightDecay: config.optimizer.weight_decay,
      noDecay: config.optimizer.no_decay,
    },
    schedule: plan[0]!.schedule,
    gradClip: config.optimizer.grad_clip,
  };
  // one replica per worker thread, each with its own backend (wasm runs one thread per backend in
  // Node); TensorFlow instead runs each op on its own thread pool (--threads), in one replica
  const dataParallel = config.workers > 1 && backend.name !== 'tensorflow';
  if (config.workers > 1 && !dataParallel)
    log(`workers: ${config.workers} is for the wasm backend; TensorFlow parallelises each op over its threads instead`);
  const trainer: Trainer = dataParallel
    ? await DataParallelTrainer.create({ workers: config.workers, modelConfig, seed: config.seed, trainStep, backend: backend.name })
    : new SingleThreadTrainer(model, trainStep);
  if (dataParallel) log(`data parallel over ${config.workers} worker threads`);
  // the replicas start from the seed's weights; the imported ones replace them, with AdamW fresh
  if (dataParallel && imported) await trainer.loadState(imported.weights, freshAdamWState(imported.weights));

  await mkdir(config.run_dir, { recursive: true });
  await writeFileAtomic(join(config.run_dir, 'config.yaml'), stringify(config));
  const metrics = new MetricsLog(join(config.run_dir, 'metrics.jsonl'));
  let step = 0;
  let tokens = 0;
  let stageIndex = 0;
  let stageStep = 0;
  let loaderState: LoaderState | undefined;
  let elapsedBefore = 0;
  if (checkpoint) {
    await trainer.loadState(checkpoint.weights, checkpoint.optimizer);
    ({ step, tokens, stageIndex, stageStep } = checkpoint.state);
    loaderState = checkpoint.state.loader;
    elapsedBefore = checkpoint.state.elapsedSeconds;
    log(`resuming from ${restored!.path} (step ${step}, stage ${checkpoint.state.stageName}, ${tokens.toLocaleString('en-US')} tokens)`);
  }
  await metrics.truncateAfter(checkpoint ? step : -1);
  await metrics.mirrorTo(openTensorBoard(config.run_dir));
  log(`TensorBoard: tensorboard --logdir ${join(config.run_dir, TENSORBOARD_DIR)}`);

  progress = new TrainingProgress(options.progress ?? true, config.log_every_s);
  const started = Date.now();
  const stepsAtStart = step;
  const tokensAtStart = tokens;
  let lastLoss = Number.NaN;
  let lastCheckpoint = restored?.path ?? '';
  const longContext: TrainingRunSummary['longContext'] = [];

  const evaluate = async (stage: PlannedStage, seqLen: number): Promise<Record<string, number>> => {
    const losses: Record<string, number> = {};
    for (const [domain, docs] of heldOut.domains) {
      const windows = validationWindows(docs, heldOut.eosId, seqLen, config.data.eval_windows);
      if (windows.length === 0) continue;
      const batches: TokenBatch[] = [];
      for (let i = 0; i < windows.length; i += stage.batchSize) {
        const rows = windows.slice(i, i + stage.batchSize);
        const flat = new Int32Array(rows.length * (seqLen + 1));
        rows.forEach((w, r) => flat.set(w, r * (seqLen + 1)));
        batches.push({ tokens: flat, batchSize: rows.length, seqLen });
      }
      losses[domain] = await trainer.evalLoss(batches);
    }
    return losses;
  };
  const mean = (values: Record<string, number>) => {
    const v = Object.values(values);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN;
  };
  const recordLongContext = async (stage: PlannedStage, when: 'before' | 'after', theta: number) => {
    const losses = await evaluate(stage, stage.seqLen);
    const perplexity = Object.fromEntries(Object.entries(losses).map(([d, l]) => [d, Math.exp(l)]));
    const meanPerplexity = mean(perplexity);
    metrics.append({
      type: 'long_context',
      step,
      stage: stage.name,
      when,
      seq_len: stage.seqLen,
      rope_theta: theta,
      perplexity,
      mean_perplexity: meanPerplexity,
    });
    log(`perplexity at ${stage.seqLen} tokens ${when} ${stage.name} (rope_theta ${theta}): ${fmt(perplexity)} (mean ${meanPerplexity.toFixed(3)})`);
    return meanPerplexity;
  };
  const save = async (stage: PlannedStage, loader: PackedWindowLoader) => {
    const state: TrainingState = {
      step,
      stageIndex: stage.index,
      stageName: stage.name,
      stageStep,
      tokens,
      loader: loader.state(),
      model: { ...modelConfig, ropeTheta: stage.ropeTheta },
      eosId: index.eos_id,
      tokenizerHash: index.tokenizer_hash,
      elapsedSeconds: elapsedBefore + (Date.now() - started) / 1000,
      ...(hfOrigin ? { hf: hfOrigin } : {}),
    };
    const files = encodeTrainingCheckpoint({
      weights: await trainer.weights(),
      optimizer: await trainer.optimizerState(),
      state,
      ...(tokenizerJson ? { tokenizerJson } : {}),
    });
    lastCheckpoint = await store.save(step, files);
  };

  try {
    for (const stage of plan.slice(stageIndex)) {
      const resumingThisStage = stage.index === stageIndex && loaderState !== undefined;
      if (!resumingThisStage) stageStep = 0;
      if (stageStep >= stage.steps) continue; // the checkpoint was taken at this stage's end
      let before = Number.NaN;
      if (stage.extendsContext && stageStep === 0) {
        // the model as the previous stage left it (its RoPE base), at the new length
        before = await recordLongContext(stage, 'before', plan[stage.index - 1]!.ropeTheta);
      } else if (stage.extendsContext) {
        // resumed inside the extension stage: the measurement from before it is in the metrics
        const earlier = readMetrics(metrics.path).find((r) => r.type === 'long_context' && r.stage === stage.name && r.when === 'before');
        if (earlier?.type === 'long_context') before = earlier.mean_perplexity;
      }
      await trainer.setRopeTheta(stage.ropeTheta);
      await trainer.setSchedule(stage.schedule);
      const loader = new PackedWindowLoader(
        train,
        { stage: stage.name, seed: config.seed, domains: stage.domains },
        stage.seqLen,
        resumingThisStage ? loaderState : undefined,
      );
      loaderState = undefined;
      log(
        `stage ${stage.name}: ${stage.steps} steps of ${stage.batchSize}×${stage.accumulation}×${stage.seqLen} tokens, rope_theta ${stage.ropeTheta}, lr ${stage.config.lr_phase}, from step ${step}`,
      );
      while (stageStep < stage.steps) {
        const micro: TokenBatch[] = [];
        for (let a = 0; a < stage.accumulation; a++) micro.push(loader.nextBatch(stage.batchSize));
        const result = await trainer.trainStep(micro);
        step = result.step;
        stageStep++;
        tokens += result.tokens;
        lastLoss = result.loss;
        const seconds = Math.max(1e-3, (Date.now() - started) / 1000);
        const tokensPerSecond = (tokens - tokensAtStart) / seconds;
        metrics.append({
          type: 'train',
          step,
          stage: stage.name,
          stage_step: stageStep,
          tokens,
          loss: result.loss,
          lr: result.lr,
          grad_norm: result.gradNorm,
          tokens_per_s: Math.round(tokensPerSecond),
          elapsed_s: Math.round((elapsedBefore + seconds) * 1000) / 1000,
        });
        const secondsPerStep = seconds / (step - stepsAtStart);
        progress.update({
          step,
          totalSteps,
          stage: stage.name,
          loss: result.loss,
          lr: result.lr,
          tokensPerSecond,
          etaSeconds: secondsPerStep * (totalSteps - step),
        });
        const stageDone = stageStep === stage.steps;
        if (step % config.eval_every === 0 || (stageDone && step === totalSteps)) {
          const losses = await evaluate(stage, stage.seqLen);
          metrics.append({ type: 'eval', step, stage: stage.name, seq_len: stage.seqLen, loss: losses, mean_loss: mean(losses) });
          log(`eval at step ${step} (${stage.name}, seq_len ${stage.seqLen}): ${fmt(losses)}`);
        }
        if (stageDone && stage.extendsContext) {
          const after = await recordLongContext(stage, 'after', stage.ropeTheta);
          longContext.push({ stage: stage.name, seqLen: stage.seqLen, before, after });
        }
        if (step % config.checkpoint_every === 0 || stageDone) await save(stage, loader);
      }
    }
  } finally {
    progress.stop();
    progress = undefined;
  }
  await trainer.dispose();
  model.dispose();
  if (Number.isNaN(lastLoss)) {
    // resumed from the final checkpoint: nothing left to train, the last loss is in the metrics
    const last = readMetrics(metrics.path)
      .filter((r) => r.type === 'train')
      .pop();
    if (last?.type === 'train') lastLoss = last.loss;
  }
  log(`done: ${step} steps, ${tokens.toLocaleString('en-US')} tokens, final loss ${lastLoss.toFixed(4)}; checkpoint ${lastCheckpoint}`);
  return {
    steps: step,
    tokens,
    finalLoss: lastLoss,
    ...(checkpoint ? { resumedFrom: checkpoint.state.step } : {}),
    runDir: config.run_dir,
    lastCheckpoint,
    longContext,
  };
}

/** AdamW before its first step: zero moments for every weight (what a new optimizer holds). */
function freshAdamWState(weights: Map<string, Float32Array>): AdamWState {
  const moments = new Map<string, Float32Array>();
  for (const [name, w] of weights) {
    moments.set(`exp_avg.${name}`, new Float32Array(w.length));
    moments.set(`exp_avg_sq.${name}`, new Float32Array(w.length));
  }
  return { step: 0, moments };
}

function fmt(values: Record<string, number>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k || '(no domain)'} ${v.toFixed(4)}`)
    .join(', ');
}
