import { SeededRng } from '@anneal/core';
import type { DomainDocuments, TokenCorpus } from './data-loader-corpus.js';

/**
 * What one stage samples from a domain: its share of the windows, how many times each document
 * appears per epoch, and optionally only some documents (a mixture manifest's selection).
 */
export interface DomainSampling {
  domain: string;
  /** Share of the stage's windows; normalized over the stage's domains. */
  weight: number;
  /** Every selected document appears this many times per epoch (default 1). */
  repeat?: number;
  /** Documents of at least `minTokens` tokens appear `repeat` times as often (long-context up-sampling). */
  longDocuments?: { minTokens: number; repeat: number };
  /** Only these document ids (a mixture manifest's selection); default all of the domain. */
  ids?: readonly string[];
  /** Per selected id, its repeats per epoch (a manifest's repeat counts); overrides `repeat`. */
  repeats?: readonly number[];
}

export interface StageSampling {
  /** Keys the stage's random streams, so two stages with the same seed still draw differently. */
  stage: string;
  seed: number;
  domains: DomainSampling[];
}

/** Where one domain's packed token stream stands: epoch, position in that epoch's order, token offset in the document. */
export interface DomainCursor {
  epoch: number;
  cursor: number;
  offset: number;
}

/**
 * The loader's whole state. The randomness is counter-based (window n's domain comes from
 * SeededRng(seed, stage/window-n); epoch e's order from SeededRng(seed, stage/domain/epoch-e)), so
 * these counters are the RNG state as well: saved in a checkpoint, they resume at exactly the next batch.
 */
export interface LoaderState {
  stage: string;
  seed: number;
  seqLen: number;
  windows: number;
  domains: Record<string, DomainCursor>;
}

export interface Batch {
  /** [batchSize, seqLen + 1] row-major: inputs are [:, :-1], targets [:, 1:]. */
  tokens: Int32Array;
  batchSize: number;
  seqLen: number;
  /** The domain each row was drawn from. */
  domains: string[];
}

interface DomainStream {
  docs: DomainDocuments;
  /** Document indices of one epoch before shuffling (with repeats). */
  multiset: Int32Array;
  order: Int32Array;
  orderEpoch: number;
  position: DomainCursor;
}

/**
 * Packs each domain's documents, each followed by EOS, into one endless stream (reshuffled every
 * epoch) and cuts windows of seq_len + 1 tokens from it. Consecutive windows of a domain overlap by
 * one token (stride seq_len), so every token of the stream is a target exactly once. Each window's
 * domain is drawn by the stage's weights.
 */
export class PackedWindowLoader {
  private readonly streams = new Map<string, DomainStream>();
  private readonly names: string[];
  private readonly cumulative: number[];
  private windows: number;

  constructor(
    private readonly corpus: TokenCorpus,
    private readonly sampling: StageSampling,
    readonly seqLen: number,
    resume?: LoaderState,
  ) {
    if (!Number.isInteger(seqLen) || seqLen < 1) throw new Error(`seq_len must be a positive integer, got ${seqLen}`);
    const active = sampling.domains.filter((d) => d.weight > 0).sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
    if (active.length === 0) throw new Error(`stage ${sampling.stage}: no domain has a positive weight`);
    const total = active.reduce((s, d) => s + d.weight, 0);
    this.names = active.map((d) => d.domain);
    let acc = 0;
    this.cumulative = active.map((d) => (acc += d.weight / total));
    for (const d of active) {
      let docs: DomainDocuments;
      let selected: ArrayLike<number>;
      if (d.ids) {
        ({ docs, order: selected } = corpus.gather(d.domain, d.ids, `stage ${sampling.stage}, domain ${d.domain}`));
      } else {
        const all = corpus.domains.get(d.domain);
        if (!all)
          throw new Error(
            `stage ${sampling.stage}: domain "${d.domain}" has no documents in the token shards (have: ${[...corpus.domains.keys()].join(', ') || 'none'})`,
          );
        docs = all;
        selected = Array.from({ length: all.offsets.length - 1 }, (_, i) => i);
      }
      const multiset = epochMultiset(docs, selected, d, sampling.stage);
      this.streams.set(d.domain, { docs, multiset, order: new Int32Array(0), orderEpoch: -1, position: { epoch: 0, cursor: 0, offset: 0 } });
    }
    this.windows = 0;
    if (resume) this.restore(resume);
  }

  private restore(state: LoaderState): void {
    const where = `loader state for stage ${this.sampling.stage}`;
    if (state.stage !== this.sampling.stage || state.seed !== this.sampling.seed || state.seqLen !== this.seqLen) {
      throw new Error(
        `${where}: saved for stage ${state.stage} (seed ${state.seed}, seq_len ${state.seqLen}), not seed ${this.sampling.seed}, seq_len ${this.seqLen}`,
      );
    }
    this.windows = state.windows;
    for (const [domain, stream] of this.streams) {
      const saved = state.domains[domain];
      if (!saved) throw new Error(`${where}: no cursor for domain ${domain}`);
      stream.position = { ...saved };
    }
  }

  state(): LoaderState {
    const domains: Record<string, DomainCursor> = {};
    for (const [domain, s] of this.streams) domains[domain] = { ...s.position };
    return { stage: this.sampling.stage, seed: this.sampling.seed, seqLen: this.seqLen, windows: this.windows, domains };
  }

  /** Windows drawn so far (from the start of the stage, across resumes). */
  get windowsDrawn(): number {
    return this.windows;
  }

  nextBatch(batchSize: number): Batch {
    const width = this.seqLen + 1;
    const tokens = new Int32Array(batchSize * width);
    const domains: string[] = [];
    for (let b = 0; b < batchSize; b++) domains.push(this.nextWindowInto(tokens, b * width));
    return { tokens, batchSize, seqLen: this.seqLen, domains };
  }

  private nextWindowInto(out: Int32Array, at: number): string {
    const u = new SeededRng(this.sampling.seed, `${this.sampling.stage}/window-${this.windows}`).next();
    let k = 0;
    while (k < this.cumulative.length - 1 && u >= this.cumulative[k]!) k++;
    const domain = this.names[k]!;
    const stream = this.streams.get(domain)!;
    // the first seq_len tokens advance the stream; the last one is read ahead and shared with the next window
    stream.position = this.copyTokens(stream, stream.position, out, at, this.seqLen);
    this.copyTokens(stream, stream.position, out, at + this.seqLen, 1);
    this.windows++;
    return domain;
  }

  private orderFor(stream: DomainStream, epoch: number): Int32Array {
    if (stream.orderEpoch !== epoch) {
      const order = Array.from(stream.multiset);
      new SeededRng(this.sampling.seed, `${this.sampling.stage}/${stream.docs.domain}/epoch-${epoch}`).shuffle(order);
      stream.order = Int32Array.from(order);
      stream.orderEpoch = epoch;
    }
    return stream.order;
  }

  /** Copies `count` stream tokens starting at `from` into `out[at..]`; returns the position after them. */
  private copyTokens(stream: DomainStream, from: DomainCursor, out: Int32Array, at: number, count: number): DomainCursor {
    let { epoch, cursor, offset } = from;
    const { tokens, offsets } = stream.docs;
    const eos = this.corpus.eosId;
    let written = 0;
    while (written < count) {
      const order = this.orderFor(stream, epoch);
      const doc = order[cursor]!;
      const start = offsets[doc]!;
      const length = offsets[doc + 1]! - start;
      // the document, then its EOS: length + 1 stream tokens
      while (written < count && offset < length) {
        const n = Math.min(count - written, length - offset);
        for (let i = 0; i < n; i++) out[at + written + i] = tokens[start + offset + i]!;
        written += n;
        offset += n;
      }
      if (written < count && offset === length) {
        out[at + written++] = eos;
        offset++;
      }
      if (offset === length + 1) {
        offset = 0;
        cursor++;
        if (cursor === order.length) {
          cursor = 0;
          epoch++;
        }
      }
    }
    return { epoch, cursor, offset };
  }
}

function epochMultiset(docs: DomainDocuments, selected: ArrayLike<number>, d: DomainSampling, stage: string): Int32Array {
  const repeat = d.repeat ?? 1;
  if (!Number.isInteger(repeat) || repeat < 0)
    throw new Error(`stage ${stage}, domain ${d.domain}: repeat must be a non-negative integer, got ${repeat}`);
  if (d.repeats && (!d.ids || d.repeats.length !== d.ids.length))
    throw new Error(`stage ${stage}, domain ${d.domain}: repeats must pair with ids (${d.repeats.length} repeats, ${d.ids?.length ?? 0} ids)`);
  const out: number[] = [];
  for (let k = 0; k < selected.length; k++) {
    const i = selected[k]!;
    if (i < 0) continue; // held out for validation
    const length = docs.offsets[i + 1]! - docs.offsets[i]!;
    const base = d.repeats ? d.repeats[k]! : repeat;
    if (!Number.isInteger(base) || base < 0)
      throw new Error(`stage ${stage}, domain ${d.domain}: repeat count ${base} of ${docs.ids[i]} is not a non-negative integer`);
    const times = d.longDocuments && length >= d.longDocuments.minTokens ? base * d.longDocuments.repeat : base;
    for (let r = 0; r < times; r++) out.push(i);
  }
  if (out.length === 0) throw new Error(`stage ${stage}, domain ${d.domain}: no documents selected (weight ${d.weight} needs some)`);
  return Int32Array.from(out);
}

/**
 * A fixed list of validation windows from one domain, in document order (no shuffle, stride
 * seq_len), so every evaluation of a run sees the same tokens. At most `maxWindows` windows; fewer
 * when the domain's held-out documents run out (no wrap-around).
 */
export function validationWindows(docs: DomainDocuments, eosId: number, seqLen: number, maxWindows: number): Int32Array[] {
  const stream: number[] = [];
  const need = maxWindows * seqLen + 1;
  for (let i = 0; i + 1 < docs.offsets.length && stream.length < need; i++) {
    for (let t = docs.offsets[i]!; t < docs.offsets[i + 1]!; t++) stream.push(docs.tokens[t]!);
    stream.push(eosId);
  }
  const windows: Int32Array[] = [];
  for (let s = 0; s + seqLen + 1 <= stream.length && windows.length < maxWindows; s += seqLen)
    windows.push(Int32Array.from(stream.slice(s, s + seqLen + 1)));
  return windows;
}
