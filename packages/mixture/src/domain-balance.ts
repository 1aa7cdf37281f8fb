import type { BalanceStrategyName } from './stage-manifest.js';

/** What one domain can supply to a stage. */
export interface DomainSupply {
  domain: string;
  /** Tokens of the documents eligible for the stage. */
  availableTokens: number;
  /** No domain is seen more than this many times over (data-constrained scaling: ~4 epochs cost little). */
  maxEpochs: number;
  /** A further limit from per-document caps (max_repeats × tokens of documents that can be drawn at all). */
  maxRepeatTokens?: number;
}

export interface BalanceRequest {
  strategy: BalanceStrategyName;
  /** The stage's token budget. */
  budget: number;
  domains: DomainSupply[];
  /** manual: share per domain (normalized here; domains not named get none). */
  proportions?: Record<string, number>;
  /** temperature: τ in p ∝ tokens^(1/τ); 1 is natural, large τ tends to uniform. */
  temperature?: number;
  /** Multiplies a domain's proportion before caps, e.g. math and code up-weighted when annealing. */
  upweight?: Record<string, number>;
}

export interface DomainTarget {
  domain: string;
  availableTokens: number;
  maxEpochs: number;
  /** The largest target the caps allow. */
  capacityTokens: number;
  /** targetTokens / budget. */
  proportion: number;
  targetTokens: number;
  /** targetTokens / availableTokens (0 when nothing is available). */
  epochs: number;
  /** The cap, not the strategy, set this domain's target; the surplus went to the other domains. */
  capped: boolean;
}

/** A budget the caps cannot meet. Never turned into a silent shortfall. */
export class ImpossibleBudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImpossibleBudgetError';
  }
}

/**
 * Target tokens per domain for a stage. `natural`, `temperature` and `unimax` give each domain
 * min(cap, λ·p) — its strategy proportion p scaled by one λ chosen so targets sum to the budget —
 * which is UniMax's procedure (uniform p) generalized: a capped domain's surplus is spread over the
 * others in proportion to p. `manual` proportions are taken as given, so a proportion that would
 * exceed a domain's cap is an error rather than silently changed.
 */
export function balanceDomains(request: BalanceRequest): DomainTarget[] {
  const { budget, domains, strategy } = request;
  if (!(budget > 0) || !Number.isFinite(budget)) throw new Error(`token budget must be a positive number, got ${budget}`);
  const names = new Set(domains.map((d) => d.domain));
  for (const key of Object.keys(request.upweight ?? {})) {
    if (!names.has(key)) throw new Error(`upweight names domain "${key}", which has no eligible documents (domains: ${[...names].join(', ')})`);
  }
  const caps = domains.map((d) => Math.min(d.maxEpochs * d.availableTokens, d.maxRepeatTokens ?? Infinity));
  const priors = strategyPriors(request).map((p, i) => p * (request.upweight?.[domains[i]!.domain] ?? 1));
  const priorSum = priors.reduce((a, b) => a + b, 0);
  if (!(priorSum > 0)) throw new ImpossibleBudgetError(`strategy ${strategy}: no domain has eligible tokens to draw from`);

  let targets: number[];
  let capped: boolean[];
  if (strategy === 'manual') {
    targets = priors.map((p) => (budget * p) / priorSum);
    capped = targets.map(() => false);
    const over = domains
      .map((d, i) => ({ d, i }))
      .filter(({ i }) => targets[i]! > caps[i]! * (1 + 1e-12))
      .map(
        ({ d, i }) =>
          `${d.domain} needs ${fmt(targets[i]!)} tokens (${fmt(targets[i]! / Math.max(d.availableTokens, 1e-300))} epochs) but can give at most ${fmt(caps[i]!)} (${capReason(d)})`,
      );
    if (over.length) throw new ImpossibleBudgetError(`manual proportions of a ${fmt(budget)}-token budget exceed the caps: ${over.join('; ')}`);
  } else {
    ({ targets, capped } = waterFill(priors, caps, budget, domains));
  }
  return domains.map((d, i) => ({
    domain: d.domain,
    availableTokens: d.availableTokens,
    maxEpochs: d.maxEpochs,
    capacityTokens: caps[i]!,
    proportion: targets[i]! / budget,
    targetTokens: targets[i]!,
    epochs: d.availableTokens > 0 ? targets[i]! / d.availableTokens : 0,
    capped: capped[i]!,
  }));
}

function strategyPriors(request: BalanceRequest): number[] {
  const { domains } = request;
  switch (request.strategy) {
    case 'manual': {
      const given = request.proportions;
      if (!given || Object.keys(given).length === 0) throw new Error('strategy manual needs proportions: { <domain>: <share>, ... }');
      const names = new Set(domains.map((d) => d.domain));
      for (const [k, v] of Object.entries(given)) {
        if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`proportions.${k} must be a non-negative number, got ${v}`);
        if (v > 0 && !names.has(k))
          throw new ImpossibleBudgetError(
            `proportions.${k} is ${v}, but domain "${k}" has no eligible documents (domains: ${[...names].join(', ')})`,
          );
      }
      return domains.map((d) => given[d.domain] ?? 0);
    }
    case 'natural':
      return domains.map((d) => d.availableTokens);
    case 'temperature': {
      const tau = request.temperature;
      if (tau === undefined || !(tau > 0)) throw new Error(`strategy temperature needs temperature > 0, got ${tau}`);
      return domains.map((d) => (d.availableTokens > 0 ? d.availableTokens ** (1 / tau) : 0));
    }
    case 'unimax':
      return domains.map((d) => (d.availableTokens > 0 ? 1 : 0));
  }
}

/**
 * x_i = min(cap_i, λ·p_i) with Σx = budget. Domains saturate in order of cap_i / p_i; each time one
 * does, λ is recomputed over the rest.
 */
function waterFill(priors: number[], caps: number[], budget: number, domains: DomainSupply[]): { targets: number[]; capped: boolean[] } {
  const drawable = priors.map((p, i) => (p > 0 ? caps[i]! : 0));
  const capacity = drawable.reduce((a, b) => a + b, 0);
  if (budget > capacity * (1 + 1e-12)) {
    const detail = domains
      .map((d, i) => (priors[i]! > 0 ? `${d.domain} ${fmt(caps[i]!)} (${capReason(d)})` : undefined))
      .filter(Boolean)
      .join(', ');
    throw new ImpossibleBudgetError(
      `the budget of ${fmt(budget)} tokens exceeds what the caps allow: at most ${fmt(capacity)} tokens (${detail}); lower the budget, raise max_epochs / max_repeats, or add data`,
    );
  }
  const order = priors
    .map((p, i) => i)
    .filter((i) => priors[i]! > 0)
    .sort((a, b) => caps[a]! / priors[a]! - caps[b]! / priors[b]! || a - b);
  const targets = priors.map(() => 0);
  const capped = priors.map(() => false);
  let remaining = budget;
  let mass = order.reduce((s, i) => s + priors[i]!, 0);
  let k = 0;
  for (; k < order.length; k++) {
    const i = order[k]!;
    const lambda = remaining / mass;
    if (caps[i]! < lambda * priors[i]!) {
      targets[i] = caps[i]!;
      capped[i] = true;
      remaining -= caps[i]!;
      mass -= priors[i]!;
    } else break;
  }
  const lambda = mass > 0 ? remaining / mass : 0;
  for (; k < order.length; k++) targets[order[k]!] = lambda * priors[order[k]!]!;
  return { targets, capped };
}

function capReason(d: DomainSupply): string {
  const epochCap = d.maxEpochs * d.availableTokens;
  if (d.maxRepeatTokens === 0 && d.availableTokens > 0)
    return 'every eligible document has sampling weight 0, e.g. quality 0 with quality_exponent > 0';
  if (d.maxRepeatTokens !== undefined && d.maxRepeatTokens < epochCap) return `max_repeats over ${fmt(d.availableTokens)} available tokens`;
  return `max_epochs ${d.maxEpochs} × ${fmt(d.availableTokens)} available`;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : Number(n.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 4 });
}
