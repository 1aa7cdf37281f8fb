import { documentStep, dropped, type Doc, type DocumentStep, type Dropped, type StepContext } from '@anneal/core';
import type { BenchmarkIndexData } from './benchmark-index.js';
import { BenchmarkMatcher, type DocumentMatch } from './benchmark-matcher.js';
import { matchTokens, type MatchTokens } from './match-tokens.js';
import { DEFAULT_DECONTAMINATE_OPTIONS, type DecontaminateOptions } from './decontaminate-options.js';

/** At most this many items are named in a document's metadata (one page may quote a whole test set). */
const ITEMS_IN_METADATA = 5;

/**
 * Pipeline step `decontaminate`: finds benchmark items (word n-grams of an index built once per
 * run, see buildBenchmarkIndex) in each document; drops it or cuts the passages. Writes
 * `metadata.contamination` ([{ set, item, ngrams }], most n-grams first) on documents it keeps,
 * and counts per set documents hit (`<set>.documents`) and items hit (distinct `<set>.items`).
 */
/** `options` may leave out the index keys: the index is built from them before (buildBenchmarkIndex). */
export function decontaminateStep(index: BenchmarkIndexData, options: Partial<DecontaminateOptions> = {}): DocumentStep {
  const o = { ...DEFAULT_DECONTAMINATE_OPTIONS, ...options };
  const matcher = new BenchmarkMatcher(index);
  const apply = (doc: Doc, ctx?: StepContext): Doc | Dropped => {
    const tokens = matchTokens(doc.text);
    const found = matcher.match(tokens, o.min_coverage === 0 ? Number.MIN_VALUE : o.min_coverage);
    if (!found) return doc;
    tally(matcher, found, ctx);
    const top = found.hits[0]!;
    const reason = `contaminated_${matcher.setName(top.item)}`;
    const detail = `${matcher.setName(top.item)} item ${matcher.itemId(top.item)}: ${percent(top.coverage)} of a field covered by ${top.ngrams} matching ${index.ngram}-grams, needs ${percent(o.min_coverage)}`;
    const contamination = found.hits
      .slice(0, ITEMS_IN_METADATA)
      .map((h) => ({ set: matcher.setName(h.item), item: matcher.itemId(h.item), coverage: Math.round(h.coverage * 1000) / 1000, ngrams: h.ngrams }));
    if (o.action === 'drop') return dropped(reason, detail);
    const cut = cutSpans(doc.text, tokens, found, o.margin_words);
    if (tokens.words.length - cut.removedWords < o.min_remaining_words) {
      return dropped(reason, `${detail}; ${tokens.words.length - cut.removedWords} words left after cutting, needs ${o.min_remaining_words}`);
    }
    return { ...doc, text: cut.text, metadata: { ...doc.metadata, contamination, contamination_removed_words: cut.removedWords } };
  };
  return documentStep('decontaminate', apply);
}

function tally(matcher: BenchmarkMatcher, found: DocumentMatch, ctx: StepContext | undefined): void {
  if (!ctx?.count || !ctx.countDistinct) return;
  const sets = new Set<string>();
  for (const h of found.hits) {
    const set = matcher.setName(h.item);
    sets.add(set);
    ctx.countDistinct(`${set}.items`, matcher.itemId(h.item));
  }
  for (const set of sets) ctx.count(`${set}.documents`);
}

/** Cuts the matched word ranges, widened by `margin` words each side, from the original text. */
function cutSpans(text: string, tokens: MatchTokens, found: DocumentMatch, margin: number): { text: string; removedWords: number } {
  const last = tokens.words.length;
  const widened: [number, number][] = [];
  for (const [s, e] of found.spans) {
    const from = Math.max(0, s - margin);
    const to = Math.min(last, e + margin);
    const prev = widened[widened.length - 1];
    if (prev && from <= prev[1]) prev[1] = Math.max(prev[1], to);
    else widened.push([from, to]);
  }
  const pieces: string[] = [];
  let removedWords = 0;
  let at = 0;
  for (const [from, to] of widened) {
    removedWords += to - from;
    // the cut runs from the first word's start to the next kept word's start, so no stray punctuation of the passage stays
    const start = from === 0 ? 0 : tokens.ends[from - 1]!;
    const end = to === last ? text.length : tokens.starts[to]!;
    pieces.push(text.slice(at, start).trimEnd());
    at = end;
  }
  pieces.push(text.slice(at));
  return { text: pieces.filter((p) => p.trim() !== '').join('\n'), removedWords };
}

function percent(x: number): string {
  return `${Math.round(x * 100)} %`;
}
