import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@anneal/core';
import { domainEffects, searchCandidates } from './candidate-search.js';
import { capMixture, DirichletSampler } from './dirichlet-sampler.js';
import { crossValidate, fitLossModel, REGRESSION_KINDS, type CrossValidation, type RegressionKind } from './loss-regression.js';
import { trainProxies } from './proxy-pool.js';
import { proxyRunDir, readProxyResult, type ProxyJob, type ProxyResult } from './proxy-run.js';
import { planProxyTraining, type ProxySchedule } from './proxy-schedule.js';
import type { SearchConfig } from './search-config.js';
import { prepareSearchData, type SearchData } from './search-data.js';
import { writeSearchedMixture } from './searched-mixture.js';
import { writeSearchReport } from './search-report.js';
import { readStagePlan, type SearchedStage } from './stage-plan.js';
import { targetLoss } from './target-loss.js';

/** One searched stage's answer and how it was reached. */
export interface StageSearchResult {
  stage: string;
  /** the proxies' evaluation step whose target loss this stage is fitted on (its end, on the trajectory) */
  step: number;
  measured: number[];
  models: CrossValidation[];
  chosen: RegressionKind;
  mixture: Record<string, number>;
  predicted: { searched: number; natural: number; uniform: number; unimax: number; best_candidate: number };
  reference: { natural: Record<string, number>; uniform: Record<string, number>; unimax: Record<string, number> };
  caps: Record<string, number>;
  /** the predicted change with the domain removed, and with `added` (10 points, or up to its cap) more share */
  effects: Record<string, { without: number; plus_ten: number; added: number }>;
}

export interface SearchSummary {
  name: string;
  domains: string[];
  proxies: Array<{ index: number; mixture: Record<string, number>; tokens: number; tokens_per_s: number; seconds: number }>;
  schedule: ProxySchedule;
  stages: StageSearchResult[];
  mixtureYaml: string;
  report: string;
  trainedNow: number;
}

export interface SearchOptions {
  /** remove the previous search's proxies and results first */
  force?: boolean;
  log?: (line: string) => void;
}

const PLAN_FILE = 'search-plan.json';
const CV_FOLDS = 5;

/**
 * A linear model is compared only when each cross-validation fit has more proxies than it has
 * coefficients: with fewer it interpolates the proxies and extrapolates wildly between them (6 proxies
 * over 5 domains give a log-linear model 10 coefficients and 4–5 points). Trees never extrapolate.
 */
function fitsFolds(kind: RegressionKind, domains: number, proxies: number): boolean {
  const fitted = proxies - Math.ceil(proxies / Math.min(CV_FOLDS, proxies));
  if (kind === 'linear') return fitted > domains;
  if (kind === 'log-linear') return fitted > 2 * domains;
  return true;
}

/**
 * `anneal mix search`: data once, proxies (skipping finished ones), then per searched stage a
 * regression from mixture to the target loss at the stage's end on the proxies' trajectories, the
 * simulation over candidate mixtures, and the mean of the top-k; then the mixture YAML and report.
 */
export async function runMixSearch(config: SearchConfig, options: SearchOptions = {}): Promise<SearchSummary> {
  const log = options.log ?? ((l: string) => process.stderr.write(`anneal: ${l}\n`));
  if (options.force) {
    for (const p of ['proxies', 'data', PLAN_FILE]) await rm(join(config.output, p), { recursive: true, force: true });
  }
  const data = await prepareSearchData(config, log);
  const plan = await readStagePlan(config.mixture, config.stages, data.domains);
  const natural = normalize(data.tokens);
  const sampler = new DirichletSampler(natural, config.dirichlet.min_scale, config.dirichlet.max_scale, config.seed);
  // a proxy may explore whatever any searched stage may use
  const proxyCaps = data.domains.map((_, d) => Math.max(...plan.stages.map((s) => s.caps[d]!)));
  const mixtures = Array.from({ length: config.proxies }, (_, i) => capMixture(sampler.draw('proxies', i), proxyCaps));
  const schedule = planProxyTraining(config, plan.stages);
  await checkPlan(config, data, mixtures, schedule, options.force === true);

  const jobs: ProxyJob[] = [];
  const results = new Map<number, ProxyResult>();
  for (let i = 0; i < config.proxies; i++) {
    const runDir = proxyRunDir(config.output, i);
    const done = await readProxyResult(runDir);
    if (done) results.set(i, done);
    else
      jobs.push({
        index: i,
        runDir,
        threads: config.threads_per_worker,
        training: schedule.training(runDir, data, asRecord(data.domains, mixtures[i]!)),
      });
  }
  if (results.size > 0) log(`${results.size} of ${config.proxies} proxies already trained; training the other ${jobs.length}`);
  else
    log(
      `training ${jobs.length} proxies (${schedule.steps} steps of ${schedule.tokensPerStep} tokens each) on ${Math.max(config.workers, 1)} ${config.workers === 0 ? 'thread (in process)' : `worker process${config.workers === 1 ? '' : 'es'}`}`,
    );
  const started = Date.now();
  await trainProxies(jobs, config.workers, (r) => {
    results.set(r.index, r);
    const elapsed = (Date.now() - started) / 1000;
    log(
      `proxy ${r.index} done (${results.size}/${config.proxies}): ${r.tokens.toLocaleString('en-US')} tokens at ${r.tokens_per_s.toLocaleString('en-US')} tokens/s; ${elapsed.toFixed(0)} s so far`,
    );
  });
  const ordered = Array.from({ length: config.proxies }, (_, i) => results.get(i)!);

  const stages: StageSearchResult[] = plan.stages.map((stage) =>
    searchStage(config, data, stage, schedule.boundary(stage), mixtures, ordered, sampler),
  );
  const mixtureYaml = await writeSearchedMixture(config, plan, stages);
  const summary: SearchSummary = {
    name: config.name,
    domains: data.domains,
    proxies: ordered.map((r) => ({ index: r.index, mixture: r.mixture, tokens: r.tokens, tokens_per_s: r.tokens_per_s, seconds: r.seconds })),
    schedule,
    stages,
    mixtureYaml,
    report: join(config.output, 'report.html'),
    trainedNow: jobs.length,
  };
  await writeFileAtomic(
    join(config.output, 'search.json'),
    JSON.stringify(
      { ...summary, schedule: { steps: schedule.steps, evalEvery: schedule.evalEvery, tokensPerStep: schedule.tokensPerStep } },
      null,
      1,
    ) + '\n',
  );
  await writeSearchReport(summary, ordered, summary.report);
  return summary;
}

function searchStage(
  config: SearchConfig,
  data: SearchData,
  stage: SearchedStage,
  step: number,
  mixtures: number[][],
  results: ProxyResult[],
  sampler: DirichletSampler,
): StageSearchResult {
  const targets = config.stage_targets[stage.name] ?? config.target;
  const measured = results.map((r) => {
    const point = r.trajectory.find((t) => t.step === step);
    if (!point)
      throw new Error(
        `proxy ${r.index} has no evaluation at step ${step} (the end of stage ${stage.name}); delete ${proxyRunDir(config.output, r.index)} to train it again`,
      );
    return targetLoss(point.loss, targets, data, `proxy ${r.index}`);
  });
  const kinds: RegressionKind[] =
    config.regression === 'auto' ? REGRESSION_KINDS.filter((k) => fitsFolds(k, data.domains.length, mixtures.length)) : [config.regression];
  if (kinds.length === 0) kinds.push('random-forest');
  const models = kinds.map((k) => crossValidate(k, mixtures, measured, CV_FOLDS, config.seed));
  // the best cross-validated ranking; on a tie the simpler model (earlier in the list)
  const best = models.reduce((a, b) => (b.spearman > a.spearman + 1e-12 || Number.isNaN(a.spearman) ? b : a));
  const model = fitLossModel(best.kind, mixtures, measured, config.seed);
  const found = searchCandidates(model, sampler, stage.caps, config.candidates, config.top_k, `candidates/${stage.name}`);
  const uniform = capMixture(
    data.domains.map(() => 1 / data.domains.length),
    stage.caps,
  );
  const [pNatural, pUniform, pUnimax] = model.predict([stage.natural, uniform, stage.unimax]);
  const effects = domainEffects(model, found.mixture, stage.caps);
  const rec = (v: readonly number[]) => asRecord(data.domains, v);
  return {
    stage: stage.name,
    step,
    measured,
    models,
    chosen: best.kind,
    mixture: rec(found.mixture),
    predicted: { searched: found.predictedLoss, natural: pNatural!, uniform: pUniform!, unimax: pUnimax!, best_candidate: found.bestCandidateLoss },
    reference: { natural: rec(stage.natural), uniform: rec(uniform), unimax: rec(stage.unimax) },
    caps: rec(stage.caps),
    effects: Object.fromEntries(
      data.domains.map((d, i) => [d, { without: effects[i]!.without, plus_ten: effects[i]!.plusTen, added: effects[i]!.added }]),
    ),
  };
}

/**
 * A search resumes only into the same search: the proxies' mixtures and training settings are
 * recorded on the first run, and a later run with other ones is refused (it would mix two searches).
 */
async function checkPlan(config: SearchConfig, data: SearchData, mixtures: number[][], schedule: ProxySchedule, force: boolean): Promise<void> {
  const path = join(config.output, PLAN_FILE);
  const plan = JSON.stringify({ domains: data.domains, mixtures, proxy: schedule.describe() }, null, 1) + '\n';
  if (existsSync(path) && !force) {
    const before = await readFile(path, 'utf8');
    if (before !== plan) {
      throw new Error(
        `${config.output} holds a search with other proxies (other mixtures, domains or proxy settings, ${path}); give another output, or --force to start this one over`,
      );
    }
    return;
  }
  await writeFileAtomic(path, plan);
}

function normalize(v: readonly number[]): number[] {
  const s = v.reduce((a, b) => a + b, 0);
  return v.map((x) => x / s);
}

export function asRecord(domains: readonly string[], v: readonly number[]): Record<string, number> {
  return Object.fromEntries(domains.map((d, i) => [d, v[i]!]));
}
