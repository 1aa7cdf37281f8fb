import type { SearchTarget } from './search-config.js';
import { fileTargetDomain, type SearchData } from './search-data.js';

/**
 * The target loss of one evaluation: the weighted mean over the targets of their held-out losses (a
 * domain's, the mean over every training domain's, or a file's, held out under its own name).
 */
export function targetLoss(losses: Record<string, number>, targets: readonly SearchTarget[], data: SearchData, where: string): number {
  let sum = 0;
  let weights = 0;
  const lossOf = (domain: string) => {
    const l = losses[domain];
    if (l === undefined || !Number.isFinite(l))
      throw new Error(
        `${where}: no held-out loss for ${domain} (no held-out documents of it? raise held_out_fraction; a target added after the proxies were trained? --force)`,
      );
    return l;
  };
  for (const t of targets) {
    let l: number;
    if (t.domain !== undefined) {
      if (!data.domains.includes(t.domain) && losses[t.domain] === undefined)
        throw new Error(`target domain "${t.domain}" is not in the token shards (${data.domains.join(', ')})`);
      l = lossOf(t.domain);
    } else if (t.file !== undefined) {
      l = lossOf(fileTargetDomain(t.file));
    } else {
      l = data.domains.reduce((s, d) => s + lossOf(d), 0) / data.domains.length;
    }
    sum += t.weight * l;
    weights += t.weight;
  }
  return sum / weights;
}
