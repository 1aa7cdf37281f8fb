import { BYTE_TO_CHAR, toByteLevel } from '../byte-level.js';
import { PairRankTable } from '../pair-rank-table.js';
import { mergeSymbols } from './bpe-merge.js';
import type { JsonPart } from './json-part.js';
import type { Model, WordStart } from './model.js';

/**
 * The BPE model of a tokenizer.json: one pre-tokenized piece → ids, as `tokenizers`' `BPE::tokenize`
 * does it: `ignore_merges` takes a piece that is itself a token whole; otherwise each character
 * (each UTF-8 byte's character after a ByteLevel pre-tokenizer) becomes its token, or its
 * `<0xXX>` byte tokens (`byte_fallback`), or the unknown token (consecutive ones fused with
 * `fuse_unk`), or nothing when there is no unknown token; then merges apply in rank order.
 */
export class BpeModel implements Model {
  /** model vocabulary: token → id */
  readonly vocab = new Map<string, number>();
  /** id → token for the model vocabulary */
  readonly tokens: string[] = [];
  readonly kind: string;
  private readonly ranks: PairRankTable;
  private readonly mergedId: Int32Array;
  private readonly ignoreMerges: boolean;
  private readonly byteFallback: boolean;
  private readonly unkToken: string | null;
  private readonly fuseUnk: boolean;
  private readonly prefix: string;
  private readonly suffix: string;
  /**
   * Where a long piece can be cut without changing its ids (SentencePiece-style tokenizers: Llama 2
   * and Gemma have no pre-tokenizer, so a whole document is one piece): before a run of `mark` (▁,
   * the word start) unless the character before the run ends the left side of a merge whose right
   * side starts with ▁ (Gemma has one: `>` + `▁</`). Then no merge crosses the cut, and the words
   * can be looked up in the encoder's cache. Derived from the merges at load; undefined when the
   * model has no ▁ token or its BPE is not local that way.
   */
  readonly wordStart: WordStart | undefined;
  /** the byte-level fast path: byte → id of its character (every byte has one, no prefix/suffix) */
  private readonly byteIds: Int32Array | undefined;
  private readonly utf8 = new TextEncoder();
  private scratch = new Uint8Array(1024);

  constructor(
    part: JsonPart,
    private readonly byteLevel: boolean,
  ) {
    part.type(['BPE']);
    const dropout = part.at('dropout').value;
    if (dropout !== null && dropout !== undefined && dropout !== 0) part.at('dropout').fail(`${dropout}: BPE dropout is random; only null is supported for data encoding`);
    this.ignoreMerges = part.at('ignore_merges').boolean(false);
    this.byteFallback = part.at('byte_fallback').boolean(false);
    this.unkToken = part.at('unk_token').optionalString();
    this.fuseUnk = part.at('fuse_unk').boolean(false);
    this.prefix = part.at('continuing_subword_prefix').optionalString() ?? '';
    this.suffix = part.at('end_of_word_suffix').optionalString() ?? '';
    const vocabPart = part.at('vocab');
    if (typeof vocabPart.value !== 'object' || vocabPart.isNull || Array.isArray(vocabPart.value)) vocabPart.fail('expected an object token → id');
    const vocabJson = vocabPart.value as Record<string, unknown>;
    // for-in, not Object.entries: no [token, id] pair array per entry (262k of them for Gemma 3)
    for (const token in vocabJson) {
      const id = vocabJson[token];
      if (!Number.isInteger(id) || (id as number) < 0) vocabPart.at(token).fail(`id ${JSON.stringify(id)} is not a non-negative integer`);
      if (this.tokens[id as number] !== undefined) vocabPart.at(token).fail(`id ${id} is also the id of ${JSON.stringify(this.tokens[id as number])}`);
      this.tokens[id as number] = token;
      this.vocab.set(token, id as number);
    }
    const mergesPart = part.at('merges');
    if (!Array.isArray(mergesPart.value)) mergesPart.fail('expected an array of merges');
    const merges = mergesPart.value as unknown[];
    this.ranks = new PairRankTable(merges.length);
    this.mergedId = new Int32Array(merges.length);
    /** left sides of merges whose right side starts with ▁ (see wordStart) */
    const beforeMark: string[] = [];
    const vocab = this.vocab;
    // typed explicitly so that TypeScript sees the calls below end the iteration
    const badMerge: (rank: number, why: string) => never = (rank, why) => mergesPart.at(rank).fail(why);
    const prefixLength = this.prefix.length;
    // A plain loop with indexOf/slice rather than forEach, split and destructuring: this runs for
    // every merge (280k for Llama 3, 514k for Gemma 3) in every thread that loads the tokenizer.
    for (let rank = 0; rank < merges.length; rank++) {
      const value = merges[rank];
      let left: string, right: string;
      if (typeof value === 'string') {
        const space = value.indexOf(' ');
        if (space <= 0 || value.indexOf(' ', space + 1) >= 0) badMerge(rank, 'a merge is neither ["a", "b"] nor "a b"');
        left = value.slice(0, space);
        right = value.slice(space + 1);
      } else if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
        left = value[0];
        right = value[1];
      } else badMerge(rank, 'a merge is neither ["a", "b"] nor "a b"');
      if (right.charCodeAt(0) === 0x2581) beforeMark.push(left);
      const merged = left + (prefixLength ? right.slice(prefixLength) : right);
      const l = vocab.get(left);
      const r = vocab.get(right);
      const id = vocab.get(merged);
      if (l === undefined || r === undefined || id === undefined) badMerge(rank, `${JSON.stringify(l === undefined ? left : r === undefined ? right : merged)} is not in model.vocab`);
      // A pair listed twice keeps its last rank, as the Rust model's map does on load.
      this.ranks.set(l, r, rank);
      this.mergedId[rank] = id;
    }
    this.wordStart = this.findWordStart(beforeMark);
    if (byteLevel && !this.prefix && !this.suffix) {
      const ids = new Int32Array(256);
      let complete = true;
      for (let b = 0; b < 256; b++) {
        const id = this.vocab.get(BYTE_TO_CHAR[b]!);
        if (id === undefined) complete = false;
        else ids[b] = id;
      }
      if (complete) this.byteIds = ids;
    }
    this.kind = `BPE(${[byteLevel && 'byte-level', this.ignoreMerges && 'ignore_merges', this.byteFallback && 'byte_fallback', this.unkToken !== null && `unk ${this.unkToken}${this.fuseUnk ? ' fused' : ''}`].filter(Boolean).join(', ')})`;
  }

  private findWordStart(beforeMark: string[]): WordStart | undefined {
    const mark = '\u2581';
    if (this.byteLevel || this.ignoreMerges || this.prefix || this.suffix || !this.vocab.has(mark)) return undefined;
    // an unknown token pending across a byte fallback is emitted late (see initialSymbols): only
    // safe to cut when every byte has its <0xXX> token, so no character is ever unknown
    if (this.byteFallback && this.unkToken !== null) {
      for (let b = 0; b < 256; b++) if (!this.vocab.has(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`)) return undefined;
    }
    const unsafeBefore = new Set<number>();
    for (const left of beforeMark) if ([...left].some((c) => c !== mark)) unsafeBefore.add(left.charCodeAt(left.length - 1));
    return { mark: mark.charCodeAt(0), unsafeBefore };
  }

  /** Whether a byte-level piece maps each byte straight to an id (the encoder's single-byte shortcut). */
  byteId(byte: number): number {
    return this.byteIds ? this.byteIds[byte]! : -1;
  }

  /** The ids of one pre-tokenized piece (its text before any byte-level mapping). */
  tokenize(piece: string): Uint32Array {
    if (piece.length === 0) return new Uint32Array(0);
    if (this.ignoreMerges) {
      const whole = this.vocab.get(this.byteLevel ? toByteLevel(piece) : piece);
      if (whole !== undefined) return Uint32Array.of(whole);
    }
    let syms: Uint32Array;
    if (this.byteIds) {
      if (this.scratch.length < piece.length * 3) this.scratch = new Uint8Array(piece.length * 3);
      const n = this.utf8.encodeInto(piece, this.scratch).written;
      syms = new Uint32Array(n);
      for (let i = 0; i < n; i++) syms[i] = this.byteIds[this.scratch[i]!]!;
    } else {
      syms = this.initialSymbols(this.byteLevel ? toByteLevel(piece) : piece);
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
      const id = this.vocab.get(s);
      if (id !== undefined) {
        if (unk >= 0) out.push(unk);
        unk = -1;
        out.push(id);
        continue;
      }
      if (this.byteFallback) {
        const bytes = this.utf8.encode(s);
        const ids = Array.from(bytes, (b) => this.vocab.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`));
        if (ids.every((x) => x !== undefined)) {
          // (the Rust code does not flush a pending unknown token here; neither do we)
          for (const x of ids) out.push(x!);
          continue;
        }
      }
      if (this.unkToken !== null) {
        const unkId = this.vocab.get(this.unkToken);
        if (unkId === undefined) throw new Error(`the unknown token ${JSON.stringify(this.unkToken)} is not in the vocabulary`);
        if (unk >= 0 && !this.fuseUnk) out.push(unk);
        unk = unkId;
      }
    }
    if (unk >= 0) out.push(unk);
    return Uint32Array.from(out);
  }
}
