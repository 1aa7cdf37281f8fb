/**
 * Choices drawn from a SeededRng beyond its own pick/int/chance: several distinct items, or one by weight.
 */
/** Pick `n` distinct items (order random). */
export function pickN(rng, items, n) {
  return rng.shuffle(items.slice()).slice(0, Math.min(n, items.length));
}

/** Weighted pick from [[value, weight], ...]. */
export function weighted(rng, pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of pairs) {
    x -= w;
    if (x < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}
