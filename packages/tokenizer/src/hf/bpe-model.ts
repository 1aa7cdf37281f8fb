import { BYTE_TO_UNIT, toByteLevel } from '../byte-level.js';
import { PairRankTable } from '../pair-rank-table.js';
import { mergeSymbols } from './bpe-merge.js';
import type { JsonPart } from './json-part.js';
import type { Model, WordStart } from './model.js';
import { readBpeModelTables } from './bpe-model-json.js';
import type { BpeSections } from './bpe-sections-scanner.js';
import { TokenIndex } from './token-index.js';

/**
 * Everything a BPE model runs from, as plain data: what bpe-model-json.ts reads from the JSON once,
 * and what a worker thread is sent instead of the tokenizer.json (the rank and merge tables are on
 * shared memory, so no thread copies or rebuilds them; loading Gemma 3's 514k merges takes seconds).
 */
export interface BpeModelTables {
  type: 'BPE';
  /** id → token */
  tokens: string[];
  /** TokenIndex's slots over `tokens` (shared memory): token → id without a Map per thread */
  tokenSlots: Int32Array;
  /** PairRankTable's slots (shared memory) */
  rankSlots: Int32Array;
  /** rank → id of the token the merge makes (shared memory) */
  mergedId: Int32Array;
  byteLevel: boolean;
  ignoreMerges: boolean;
  byteFallback: boolean;
  unkToken: string | null;
  fuseUnk: boolean;
  /** continuing_subword_prefix, end_of_word_suffix ('' when none) */
  prefix: string;
  suffix: string;
  /** derived from the merges at load (bpe-model-json.ts) */
  wordStart: WordStart | undefined;
}

/**
 * The BPE model of a tokenizer.json: one pre-tokenized piece → ids, as `tokenizers`' `BPE::tokenize`
 * does it: `ignore_merges` takes a piece that is itself a token whole; otherwise each character
 * (each UTF-8 byte's character after a ByteLevel pre-tokenizer) becomes its token, or its
 * `<0xXX>` byte tokens (`byte_fallback`), or the unknown token (consecutive ones fused with
 * `fuse_unk`), or nothing when there is no unknown token; then merges apply in rank order.
 */
export class BpeModel implements Model {
  /** id → token for the model vocabulary */
  readonly tokens: string[];
  readonly kind: string;
  readonly wordStart: WordStart | undefined;
  private readonly ranks: PairRankTable;
  private readonly mergedId: Int32Array;
  private readonly byteLevel: boolean;
  private readonly ignoreMerges: boolean;
  private readonly byteFallback: boolean;
  private readonly unkToken: string | null;
  private readonly fuseUnk: boolean;
  private readonly prefix: string;
  private readonly suffix: string;
  /** the byte-level fast path: byte → id of its character (every byte has one, no prefix/suffix) */
  private readonly byteIds: Int32Array | undefined;
  /**
   * UTF-16 code unit → id of the one-unit token that is that character (-1: none): the lookups of
   * initialSymbols and byteIds without the token → id map, which a worker thread then need not build
   * (262k entries for Gemma 3 take a second under load) unless a piece needs it.
   */
  private readonly unitIds = new Int32Array(65536).fill(-1);
  /** the same for the tokens that are one astral character (a surrogate pair) */
  private readonly pairIds = new Map<string, number>();
  /** byte → id of its `<0xXX>` token (-1: none), for byte_fallback */
  private readonly byteTokenIds = new Int32Array(256).fill(-1);
  private unkId: number | undefined;
  /** token → id (the tables' index, not rebuilt: see BpeModelTables.tokenSlots) */
  private readonly index: TokenIndex;
  private readonly utf8 = new TextEncoder();
  private scratch = new Uint8Array(1024);

  /** Reads `model` of a tokenizer.json (its vocabulary and merges from `sections` when given), refusing what it cannot reproduce exactly. */
  static fromJson(part: JsonPart, byteLevel: boolean, sections?: BpeSections): BpeModel {
    return new BpeModel(readBpeModelTables(part, byteLevel, sections));
  }

  constructor(private readonly tables: BpeModelTables) {
    this.tokens = tables.tokens;
    this.index = new TokenIndex(tables.tokens, tables.tokenSlots);
    // (ids the vocabulary skips are refused later, by tokenizer-parts.ts, naming the JSON path)
    this.tokens.forEach((token, id) => {
      if (token.length === 1) this.unitIds[token.charCodeAt(0)] = id;
      else if (token.length === 2 && token.codePointAt(0)! > 0xffff) this.pairIds.set(token, id);
      else if (token.length === 6 && token.startsWith('<0x') && token.endsWith('>') && /^[0-9A-F]{2}$/.test(token.slice(3, 5)))
        this.byteTokenIds[parseInt(token.slice(3, 5), 16)] = id;
    });
    this.ranks = PairRankTable.over(tables.rankSlots);
    this.mergedId = tables.mergedId;
    this.byteLevel = tables.byteLevel;
    this.ignoreMerges = tables.ignoreMerges;
    this.byteFallback = tables.byteFallback;
    this.unkToken = tables.unkToken;
    this.fuseUnk = tables.fuseUnk;
    this.prefix = tables.prefix;
    this.suffix = tables.suffix;
    this.wordStart = tables.wordStart;
    if (this.byteLevel && !this.prefix && !this.suffix) {
      const ids = new Int32Array(256);
      let complete = true;
      for (let b = 0; b < 256; b++) {
        const id = this.unitIds[BYTE_TO_UNIT[b]!]!;
        if (id < 0) complete = false;
        else ids[b] = id;
      }
      if (complete) this.byteIds = ids;
    }
    this.kind = `BPE(${[this.byteLevel && 'byte-level', this.ignoreMerges && 'ignore_merges', this.byteFallback && 'byte_fallback', this.unkToken !== null && `unk ${this.unkToken}${this.fuseUnk ? ' fused' : ''}`].filter(Boolean).join(', ')})`;
  }

  /** The model as plain data for another thread (tables on shared memory: not copied). */
  portable(): BpeModelTables {
    return this.tables;
  }

  /** Whether a byte-level piece maps each byte straight to an id (the encoder's single-byte shortcut). */
  byteId(byte: number): number {
    return this.byteIds ? this.byteIds[byte]! : -1;
  }

  /** The ids of one pre-tokenized piece (its text before any byte-level mapping). */
  tokenize(piece: string): Uint32Array {
    if (piece.length === 0) return new Uint32Array(0);
    let syms: Uint32Array;
    if (this.byteIds) {
      if (this.scratch.length < piece.length * 3) this.scratch = new Uint8Array(piece.length * 3);
      const n = this.utf8.encodeInto(piece, this.scratch).written;
      if (this.ignoreMerges) {
        // the whole piece's byte-level text, looked up from its bytes (Llama 3: most misses end here)
        const whole = this.index.getMapped(this.scratch, n, BYTE_TO_UNIT);
        if (whole >= 0) return Uint32Array.of(whole);
      }
      syms = new Uint32Array(n);
      for (let i = 0; i < n; i++) syms[i] = this.byteIds[this.scratch[i]!]!;
    } else {
      const word = this.byteLevel ? toByteLevel(piece) : piece;
      if (this.ignoreMerges) {
        const whole = this.index.get(word);
        if (whole >= 0) return Uint32Array.of(whole);
      }
      syms = this.initialSymbols(word);
    }
    return mergeSymbols(syms, this.ranks, this.mergedId);
  }

  /** BPE::merge_word's first half: each character's id, byte fallback or unknown token. */
  private initialSymbols(word: string): Uint32Array {
    const out: number[] = [];
    let unk = -1;
    for (let i = 0; i < word.length; ) {
      const cp = word.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      let s = width === 1 ? word[i]! : word.slice(i, i + 2);
      if (i > 0 && this.prefix) s = this.prefix + s;
      i += width;
      if (i === word.length && this.suffix) s = s + this.suffix;
      const id = s.length === 1 ? this.unitIds[s.charCodeAt(0)]! : width === 2 && s.length === 2 ? (this.pairIds.get(s) ?? -1) : this.index.get(s);
      if (id >= 0) {
        if (unk >= 0) out.push(unk);
        unk = -1;
        out.push(id);
        continue;
      }
      if (this.byteFallback) {
        const bytes = this.utf8.encode(s);
        const ids = Array.from(bytes, (b) => this.byteTokenIds[b]!);
        if (ids.every((x) => x >= 0)) {
          // (the Rust code does not flush a pending unknown token here; neither do we)
          for (const x of ids) out.push(x);
          continue;
        }
      }
      if (this.unkToken !== null) {
        const unkId = (this.unkId ??= this.tokens.indexOf(this.unkToken));
        if (unkId < 0) throw new Error(`the unknown token ${JSON.stringify(this.unkToken)} is not in the vocabulary`);
        if (unk >= 0 && !this.fuseUnk) out.push(unk);
        unk = unkId;
      }
    }
    if (unk >= 0) out.push(unk);
    return Uint32Array.from(out);
  }
}
