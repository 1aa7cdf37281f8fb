import { hash32, type Doc } from '@anneal/core';
import type { DomainStats, DupCountBucket, SampleDocument } from './corpus-stats.js';
import { linearBins, log2Bins } from './bin-scale.js';
import { ValueDistribution } from './value-distribution.js';

export const SAMPLE_TEXT_CHARS = 1000;
/** Distinct languages kept per domain before the rest are pooled under "(other)". */
const MAX_LANGUAGES = 200;

export interface MeasuredDoc {
  doc: Doc;
  file: string;
  bytes: number;
  tokens: number;
}

/** Everything `anneal stats` keeps about one domain while streaming; memory does not grow with documents. */
export class DomainAccumulator {
  documents = 0;
  bytes = 0;
  tokens = 0;
  private readonly quality = new ValueDistribution(linearBins(0, 1, 1000), linearBins(0, 1, 20), 0, (v) => Math.round(v * 1e4) / 1e4);
  private readonly length = new ValueDistribution(log2Bins(0, 24, 32), log2Bins(0, 20, 1), 0, Math.round);
  private readonly dupBuckets = new Map<number, number>();
  private dupDocuments = 0;
  private dupMissing = 0;
  private dupRepresented = 0;
  private dupMax = 0;
  private readonly languages = new Map<string, number>();
  /** The `sampleCount` documents with the smallest seeded hash of their id: the same picks in any read order. */
  private readonly samples: Array<{ key: number; sample: SampleDocument }> = [];

  constructor(
    readonly domain: string,
    private readonly sampleCount: number,
    private readonly sampleSeed: number,
  ) {}

  add(m: MeasuredDoc): void {
    const meta = m.doc.metadata;
    this.documents++;
    this.bytes += m.bytes;
    this.tokens += m.tokens;

    const quality = meta.quality;
    if (typeof quality === 'number' && Number.isFinite(quality)) this.quality.add(quality);
    else this.quality.addMissing();
    this.length.add(m.tokens);

    const dup = meta.dup_count;
    if (typeof dup === 'number' && Number.isFinite(dup) && dup >= 1) {
      this.dupDocuments++;
      this.dupRepresented += dup;
      if (dup > this.dupMax) this.dupMax = dup;
      const bucket = dupBucketOf(dup);
      this.dupBuckets.set(bucket, (this.dupBuckets.get(bucket) ?? 0) + 1);
    } else this.dupMissing++;

    let language = typeof meta.language === 'string' && meta.language !== '' ? meta.language : '(none)';
    if (!this.languages.has(language) && this.languages.size >= MAX_LANGUAGES) language = '(other)';
    this.languages.set(language, (this.languages.get(language) ?? 0) + 1);

    this.offerSample(m);
  }

  result(corpusDocuments: number, corpusTokens: number, tokensEstimated: boolean): DomainStats {
    const buckets: DupCountBucket[] = [...this.dupBuckets.entries()]
      .sort(([a], [b]) => a - b)
      .map(([k, documents]) => {
        const { min, max } = dupBucketBounds(k);
        return { label: min === max ? String(min) : `${min}-${max}`, min, max, documents };
      });
    return {
      domain: this.domain,
      documents: this.documents,
      bytes: this.bytes,
      tokens: this.tokens,
      tokens_estimated: tokensEstimated,
      token_share: corpusTokens ? this.tokens / corpusTokens : 0,
      document_share: corpusDocuments ? this.documents / corpusDocuments : 0,
      quality: this.quality.summary(),
      length_tokens: this.length.summary(),
      dup_count: {
        documents: this.dupDocuments,
        missing: this.dupMissing,
        represented_documents: this.dupRepresented,
        max: this.dupDocuments ? this.dupMax : null,
        buckets,
      },
      languages: [...this.languages.entries()]
        .map(([language, documents]) => ({ language, documents, share: documents / this.documents }))
        .sort((a, b) => b.documents - a.documents || (a.language < b.language ? -1 : a.language > b.language ? 1 : 0)),
      samples: [...this.samples].sort((a, b) => a.key - b.key || (a.sample.id < b.sample.id ? -1 : 1)).map((s) => s.sample),
    };
  }

  private offerSample(m: MeasuredDoc): void {
    if (this.sampleCount === 0) return;
    const key = hash32(`${this.sampleSeed}\u0000${m.doc.id}`);
    if (this.samples.length >= this.sampleCount) {
      let worst = 0;
      for (let i = 1; i < this.samples.length; i++) if (isAfter(this.samples[i]!, this.samples[worst]!)) worst = i;
      const w = this.samples[worst]!;
      if (!(key < w.key || (key === w.key && m.doc.id < w.sample.id))) return;
      this.samples.splice(worst, 1);
    }
    const meta = m.doc.metadata;
    const sample: SampleDocument = {
      id: m.doc.id,
      text: m.doc.text.slice(0, SAMPLE_TEXT_CHARS),
      truncated: m.doc.text.length > SAMPLE_TEXT_CHARS,
      bytes: m.bytes,
      tokens: m.tokens,
      file: m.file,
    };
    if (typeof meta.quality === 'number') sample.quality = meta.quality;
    if (typeof meta.dup_count === 'number') sample.dup_count = meta.dup_count;
    if (typeof meta.language === 'string') sample.language = meta.language;
    if (typeof meta.source === 'string') sample.source = meta.source;
    this.samples.push({ key, sample });
  }
}

function isAfter(a: { key: number; sample: SampleDocument }, b: { key: number; sample: SampleDocument }): boolean {
  return a.key > b.key || (a.key === b.key && a.sample.id > b.sample.id);
}

/** Bucket k holds dup_count in (2^(k-1), 2^k]: 1, 2, 3-4, 5-8, ... Fractional counts round up. */
function dupBucketOf(dup: number): number {
  return Math.ceil(Math.log2(Math.ceil(dup)));
}

function dupBucketBounds(k: number): { min: number; max: number } {
  return k === 0 ? { min: 1, max: 1 } : { min: 2 ** (k - 1) + 1, max: 2 ** k };
}
