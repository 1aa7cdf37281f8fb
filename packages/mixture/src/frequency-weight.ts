/**
 * How strongly a document is up- or down-sampled within its domain: weight = f(quality)^α · g(dup_count)^β,
 * times a bonus for long documents in a long-context stage. f(q) = q (clamped to [0, 1]) and
 * g(d) = min(d, dup_cap): a document that was duplicated many times across the web is evidence of
 * value (xGen-small's frequency-aware sampling), but a huge cluster is usually boilerplate, hence the cap.
 */
export interface FrequencyWeighting {
  qualityExponent: number;
  dupExponent: number;
  dupCap: number;
  /** Used as the quality of documents without one (when they are not excluded). */
  missingQuality: number;
  longDocuments?: { minTokens: number; weight: number } | undefined;
}

export function documentWeight(quality: number, dupCount: number, tokens: number, w: FrequencyWeighting): number {
  const q = Number.isNaN(quality) ? w.missingQuality : Math.min(1, Math.max(0, quality));
  const d = Number.isNaN(dupCount) || dupCount < 1 ? 1 : Math.min(dupCount, w.dupCap);
  // 0^0 is 1 in JS, so α = 0 ignores quality even when it is 0, as intended.
  let weight = q ** w.qualityExponent * d ** w.dupExponent;
  if (w.longDocuments && tokens >= w.longDocuments.minTokens) weight *= w.longDocuments.weight;
  return weight;
}
