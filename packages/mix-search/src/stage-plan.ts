import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { computeMixture, loadMixtureConfig, type MixtureConfig } from '@anneal/mixture';
import { estimatedTokenCounter, type TokenCounter } from '@anneal/stats';
import { loadTokenCounter } from '@anneal/tokenizer';

/** What the search needs to know of one stage of the mixture YAML, as `anneal mix` would see it. */
export interface SearchedStage {
  name: string;
  index: number;
  /** the stage's token budget */
  tokens: number;
  /** share of the whole schedule's tokens before this stage ends (where its proxies' loss is read) */
  endFraction: number;
  /** per domain (in `domains` order): eligible tokens, max_epochs, and the largest share the caps allow */
  available: number[];
  maxEpochs: number[];
  caps: number[];
  natural: number[];
  unimax: number[];
}

export interface StagePlan {
  config: MixtureConfig;
  /** the mixture YAML as written (comments aside), which the answer edits */
  raw: Record<string, unknown>;
  domains: string[];
  stages: SearchedStage[];
}

/**
 * Runs the mixture package on the mixture YAML with each searched stage set once to `natural` and
 * once to `unimax` (in memory, nothing written): that gives each stage's eligible tokens per domain
 * as `anneal mix` counts them (its quality filters and token counter), hence the max_epochs caps the
 * answer must respect, and the natural and UniMax mixtures the report compares against.
 */
export async function readStagePlan(mixturePath: string, searched: readonly string[] | undefined, domains: readonly string[]): Promise<StagePlan> {
  const config = await loadMixtureConfig(mixturePath);
  const raw = parseYaml(await readFile(mixturePath, 'utf8')) as Record<string, unknown>;
  const names = searched ?? config.stages.map((s) => s.name);
  for (const n of names)
    if (!config.stages.some((s) => s.name === n))
      throw new Error(`stages: ${mixturePath} has no stage "${n}" (it has ${config.stages.map((s) => s.name).join(', ')})`);
  const total = config.stages.reduce((s, st) => s + st.tokens, 0);
  const variants: MixtureConfig['stages'] = [];
  for (const name of names) {
    const stage = config.stages.find((s) => s.name === name)!;
    const { proportions: _p, temperature: _t, upweight: _u, ...rest } = stage;
    variants.push({ ...rest, name: `${name}.natural`, strategy: 'natural' }, { ...rest, name: `${name}.unimax`, strategy: 'unimax' });
  }
  const counter: TokenCounter = config.tokenizer ? await loadTokenCounter(config.tokenizer) : estimatedTokenCounter(config.bytes_per_token);
  const result = await computeMixture({ ...config, stages: variants }, { tokenCounter: counter });
  const stages: SearchedStage[] = names.map((name) => {
    const index = config.stages.findIndex((s) => s.name === name);
    const stage = config.stages[index]!;
    const natural = result.manifests.find((m) => m.stage === `${name}.natural`)!;
    const unimax = result.manifests.find((m) => m.stage === `${name}.unimax`)!;
    const byDomain = (m: typeof natural, d: string) => m.domains.find((x) => x.domain === d);
    for (const m of natural.domains) {
      if (m.available_tokens > 0 && !domains.includes(m.domain))
        throw new Error(
          `stage ${name}: domain "${m.domain}" of ${mixturePath}'s inputs is not in the token shards (${domains.join(', ')}); tokenize the same curated inputs`,
        );
    }
    const available = domains.map((d) => byDomain(natural, d)?.available_tokens ?? 0);
    const maxEpochs = domains.map((d) => byDomain(natural, d)?.max_epochs ?? 0);
    // 0.5 % under the cap: the proportions are written rounded, and `anneal mix` refuses a manual share over it
    const caps = available.map((a, i) => Math.min(1, (0.995 * a * maxEpochs[i]!) / stage.tokens));
    const endFraction = config.stages.slice(0, index + 1).reduce((s, st) => s + st.tokens, 0) / total;
    return {
      name,
      index,
      tokens: stage.tokens,
      endFraction,
      available,
      maxEpochs,
      caps,
      natural: domains.map((d) => byDomain(natural, d)?.proportion ?? 0),
      unimax: domains.map((d) => byDomain(unimax, d)?.proportion ?? 0),
    };
  });
  return { config, raw, domains: [...domains], stages };
}
