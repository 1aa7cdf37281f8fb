import { hash32 } from '@anneal/core';

/**
 * The token documents of one domain, back to back in one typed array with document offsets: a
 * billion tokens cost 2–4 GB and no per-document objects, and any document is reachable by index,
 * which the shuffled packing needs.
 */
export interface DomainDocuments {
  domain: string;
  tokens: Uint16Array | Uint32Array;
  /** Document i is tokens[offsets[i] .. offsets[i+1]); length = documents + 1. */
  offsets: Float64Array;
  ids: string[];
}

export interface TokenDocument {
  id: string;
  domain: string;
  tokens: ArrayLike<number>;
}

/** Token documents grouped by domain, with the tokenizer facts the loader needs. */
export class TokenCorpus {
  constructor(
    readonly domains: ReadonlyMap<string, DomainDocuments>,
    readonly eosId: number,
    readonly vocabSize: number,
    /** ids split off into a validation set: a manifest may select them, and they are skipped, not missing */
    readonly withheld: ReadonlySet<string> = new Set(),
  ) {
    if (!Number.isInteger(eosId) || eosId < 0 || eosId >= vocabSize)
      throw new Error(`token corpus: EOS id ${eosId} is outside the vocabulary (size ${vocabSize})`);
  }

  /** Builds a corpus from documents in any order; within a domain, documents keep their order. */
  static fromDocuments(documents: Iterable<TokenDocument>, eosId: number, vocabSize: number): TokenCorpus {
    const builder = new TokenCorpusBuilder(eosId, vocabSize);
    for (const doc of documents) builder.add(doc);
    return builder.finish();
  }

  documentCount(domain?: string): number {
    if (domain !== undefined) return (this.domains.get(domain)?.offsets.length ?? 1) - 1;
    let n = 0;
    for (const d of this.domains.values()) n += d.offsets.length - 1;
    return n;
  }

  tokenCount(domain?: string): number {
    if (domain !== undefined) return this.domains.get(domain)?.tokens.length ?? 0;
    let n = 0;
    for (const d of this.domains.values()) n += d.tokens.length;
    return n;
  }

  /**
   * The documents with these ids, wherever they are, as one domain named `domain`: a mixture
   * manifest names documents by id and assigns their domain itself (a classifier may have relabelled
   * them after tokenization), so the ids are looked up across every domain. Unknown ids fail, naming
   * the first; held-out ids get -1 in `order` (selected, but reserved for validation).
   */
  gather(domain: string, ids: readonly string[], where: string): { docs: DomainDocuments; order: Int32Array } {
    let index = this.idIndex;
    if (!index) {
      index = new Map();
      for (const d of this.domains.values()) d.ids.forEach((id, i) => index!.set(id, [d, i]));
      this.idIndex = index;
    }
    const builder = new DomainBuilder(domain, this.vocabSize);
    const position = new Map<string, number>();
    const order = new Int32Array(ids.length);
    ids.forEach((id, k) => {
      let at = position.get(id);
      if (at === undefined && this.withheld.has(id)) at = -1;
      if (at === undefined) {
        const found = index!.get(id);
        if (!found) throw new Error(`${where}: selected document ${id} is not in the token shards`);
        const [d, i] = found;
        at = position.size;
        position.set(id, at);
        builder.add({ id, domain, tokens: d.tokens.subarray(d.offsets[i]!, d.offsets[i + 1]!) }, this.vocabSize);
      }
      order[k] = at;
    });
    return { docs: builder.finish(), order };
  }

  private idIndex: Map<string, [DomainDocuments, number]> | undefined;

  /**
   * Splits off a held-out validation set: a document is held out when the hash of (seed, id) falls
   * under `fraction`, so the split does not depend on document order or shard count, and a
   * document never moves between train and validation when the corpus grows.
   */
  splitHeldOut(fraction: number, seed: number | string): { train: TokenCorpus; validation: TokenCorpus } {
    if (!(fraction >= 0 && fraction < 1)) throw new Error(`held-out fraction must be in [0, 1), got ${fraction}`);
    const threshold = fraction * 4294967296;
    const train: TokenDocument[] = [];
    const validation: TokenDocument[] = [];
    for (const d of this.domains.values()) {
      for (let i = 0; i + 1 < d.offsets.length; i++) {
        const doc = { id: d.ids[i]!, domain: d.domain, tokens: d.tokens.subarray(d.offsets[i]!, d.offsets[i + 1]!) };
        (hash32(`${seed}\u0000held-out\u0000${doc.id}`) < threshold ? validation : train).push(doc);
      }
    }
    const trainCorpus = TokenCorpus.fromDocuments(train, this.eosId, this.vocabSize);
    return {
      train: new TokenCorpus(trainCorpus.domains, this.eosId, this.vocabSize, new Set(validation.map((d) => d.id))),
      validation: TokenCorpus.fromDocuments(validation, this.eosId, this.vocabSize),
    };
  }
}

/** Collects documents one at a time (e.g. while streaming shards) into a {@link TokenCorpus}. */
export class TokenCorpusBuilder {
  private readonly builders = new Map<string, DomainBuilder>();

  constructor(
    readonly eosId: number,
    readonly vocabSize: number,
  ) {}

  add(doc: TokenDocument): void {
    let b = this.builders.get(doc.domain);
    if (!b) this.builders.set(doc.domain, (b = new DomainBuilder(doc.domain, this.vocabSize)));
    b.add(doc, this.vocabSize);
  }

  finish(): TokenCorpus {
    const domains = new Map<string, DomainDocuments>();
    for (const name of [...this.builders.keys()].sort()) domains.set(name, this.builders.get(name)!.finish());
    return new TokenCorpus(domains, this.eosId, this.vocabSize);
  }
}

class DomainBuilder {
  private tokens: Uint16Array | Uint32Array;
  private length = 0;
  private readonly offsets: number[] = [0];
  private readonly ids: string[] = [];

  constructor(
    readonly domain: string,
    vocabSize: number,
  ) {
    this.tokens = vocabSize <= 65536 ? new Uint16Array(1024) : new Uint32Array(1024);
  }

  add(doc: TokenDocument, vocabSize: number): void {
    const n = doc.tokens.length;
    if (this.length + n > this.tokens.length) {
      const grown = new (this.tokens.constructor as Uint16ArrayConstructor | Uint32ArrayConstructor)(
        Math.max(this.tokens.length * 2, this.length + n),
      );
      grown.set(this.tokens.subarray(0, this.length));
      this.tokens = grown;
    }
    const src = doc.tokens;
    if (src instanceof Uint16Array || src instanceof Uint32Array) {
      // shard columns: unsigned integers already, so only the upper bound needs checking
      let max = 0;
      for (let i = 0; i < n; i++) if (src[i]! > max) max = src[i]!;
      if (max >= vocabSize) this.reject(doc, vocabSize);
      this.tokens.set(src, this.length);
    } else {
      for (let i = 0; i < n; i++) {
        const t = src[i]!;
        if (!Number.isInteger(t) || t < 0 || t >= vocabSize) this.reject(doc, vocabSize);
        this.tokens[this.length + i] = t;
      }
    }
    this.length += n;
    this.offsets.push(this.length);
    this.ids.push(doc.id);
  }

  private reject(doc: TokenDocument, vocabSize: number): never {
    for (let i = 0; i < doc.tokens.length; i++) {
      const t = doc.tokens[i]!;
      if (!Number.isInteger(t) || t < 0 || t >= vocabSize)
        throw new Error(`document ${doc.id} (domain ${doc.domain}): token ${i} is ${t}, outside the vocabulary (size ${vocabSize})`);
    }
    throw new Error(`document ${doc.id} (domain ${doc.domain}): a token is outside the vocabulary (size ${vocabSize})`);
  }

  finish(): DomainDocuments {
    return { domain: this.domain, tokens: this.tokens.slice(0, this.length), offsets: Float64Array.from(this.offsets), ids: this.ids };
  }
}
