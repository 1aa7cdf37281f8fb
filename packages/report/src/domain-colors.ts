/**
 * One colour per domain for every chart of a report, so a domain reads the same in the share bars,
 * the doughnut and the histograms. Tableau 10 first (distinct, colour-blind tolerant), then hues
 * spaced by the golden angle for corpora with more domains.
 */
const TABLEAU_10 = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export class DomainColors {
  private readonly colors = new Map<string, string>();

  /** Assigns colours in the order domains are first seen; call with the most important first. */
  constructor(domains: Iterable<string> = []) {
    for (const d of domains) this.of(d);
  }

  of(domain: string): string {
    let c = this.colors.get(domain);
    if (c === undefined) {
      const i = this.colors.size;
      c = i < TABLEAU_10.length ? TABLEAU_10[i]! : `hsl(${Math.round(((i - TABLEAU_10.length) * 137.508) % 360)}, 55%, 55%)`;
      this.colors.set(domain, c);
    }
    return c;
  }
}
