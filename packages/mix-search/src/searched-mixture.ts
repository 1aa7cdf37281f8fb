import { isAbsolute, join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomic } from '@anneal/core';
import { computeMixture, parseMixtureConfig } from '@anneal/mixture';
import { estimatedTokenCounter } from '@anneal/stats';
import { loadTokenCounter } from '@anneal/tokenizer';
import type { SearchConfig } from './search-config.js';
import type { StagePlan } from './stage-plan.js';

export const SEARCHED_MIXTURE_FILE = 'mixture.yaml';

/** Shares are written to 4 decimals, rounded down so that a share at its cap stays under it. */
function share(p: number): number {
  return Math.floor(p * 1e4) / 1e4;
}

/**
 * The answer as a mixture YAML `anneal mix` runs as it is: the searched mixture file with each
 * searched stage turned into `strategy: manual` with the found proportions (its budget, quality
 * filters, sampling and trainer hints kept), the other stages untouched, and the manifests sent to
 * `mixture_output`. It is checked by planning it with the mixture package before it is written.
 */
export async function writeSearchedMixture(
  config: SearchConfig,
  plan: StagePlan,
  stages: ReadonlyArray<{ stage: string; mixture: Record<string, number> }>,
): Promise<string> {
  const raw = structuredClone(plan.raw);
  raw.name = `${String(raw.name)}-searched`;
  // paths in anneal YAMLs are relative to the working directory: keep the answer shareable where it can be
  raw.output = fromWorkingDirectory(config.mixture_output ?? join(config.output, 'manifests'));
  const rawStages = raw.stages as Array<Record<string, unknown>>;
  for (const found of stages) {
    const s = rawStages.find((x) => x.name === found.stage)!;
    delete s.temperature;
    delete s.upweight;
    s.strategy = 'manual';
    s.proportions = Object.fromEntries(
      Object.entries(found.mixture)
        .filter(([, p]) => share(p) > 0)
        .map(([d, p]) => [d, share(p)]),
    );
  }
  const parsed = parseMixtureConfig(raw, 'the searched mixture');
  const counter = parsed.tokenizer ? await loadTokenCounter(parsed.tokenizer) : estimatedTokenCounter(parsed.bytes_per_token);
  await computeMixture(parsed, { tokenCounter: counter });
  const header = [
    `# Found by \`anneal mix search\` (${config.name}): RegMix over ${config.proxies} proxies of ${config.proxy.tokens.toLocaleString('en-US')} tokens,`,
    `# from ${fromWorkingDirectory(config.mixture)}; searched stages: ${stages.map((s) => s.stage).join(', ')}. Run it with: anneal mix <this file>`,
    '',
  ].join('\n');
  const path = join(config.output, SEARCHED_MIXTURE_FILE);
  await writeFileAtomic(path, header + stringify(raw));
  return path;
}

function fromWorkingDirectory(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
