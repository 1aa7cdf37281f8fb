import { PairRankTable } from '../pair-rank-table.js';
import type { BpeModelTables } from './bpe-model.js';
import type { JsonPart } from './json-part.js';
import type { WordStart } from './model.js';

/**
 * Reads the `model` of a tokenizer.json (type BPE) into the tables the model runs from, refusing
 * what it cannot reproduce exactly (dropout, merges of tokens not in the vocabulary), and derives
 * from the merges where long pieces can be cut (wordStart). This is the costly part of loading a
 * large tokenizer, so a run does it once; its worker threads get the tables (bpe-model.ts).
 */
export function readBpeModelTables(part: JsonPart, byteLevel: boolean): { tables: BpeModelTables; vocab: Map<string, number> } {
  part.type(['BPE']);
  const dropout = part.at('dropout').value;
  if (dropout !== null && dropout !== undefined && dropout !== 0)
    part.at('dropout').fail(`${dropout}: BPE dropout is random; only null is supported for data encoding`);
  const ignoreMerges = part.at('ignore_merges').boolean(false);
  const byteFallback = part.at('byte_fallback').boolean(false);
  const unkToken = part.at('unk_token').optionalString();
  const fuseUnk = part.at('fuse_unk').boolean(false);
  const prefix = part.at('continuing_subword_prefix').optionalString() ?? '';
  const suffix = part.at('end_of_word_suffix').optionalString() ?? '';
  const vocabPart = part.at('vocab');
  if (typeof vocabPart.value !== 'object' || vocabPart.isNull || Array.isArray(vocabPart.value)) vocabPart.fail('expected an object token → id');
  const vocabJson = vocabPart.value as Record<string, unknown>;
  const tokens: string[] = [];
  const vocab = new Map<string, number>();
  // for-in, not Object.entries: no [token, id] pair array per entry (262k of them for Gemma 3)
  for (const token in vocabJson) {
    const id = vocabJson[token];
    if (!Number.isInteger(id) || (id as number) < 0) vocabPart.at(token).fail(`id ${JSON.stringify(id)} is not a non-negative integer`);
    if (tokens[id as number] !== undefined) vocabPart.at(token).fail(`id ${id} is also the id of ${JSON.stringify(tokens[id as number])}`);
    tokens[id as number] = token;
    vocab.set(token, id as number);
  }
  const mergesPart = part.at('merges');
  if (!Array.isArray(mergesPart.value)) mergesPart.fail('expected an array of merges');
  const merges = mergesPart.value as unknown[];
  const ranks = new PairRankTable(merges.length);
  const mergedId = new Int32Array(new SharedArrayBuffer(merges.length * Int32Array.BYTES_PER_ELEMENT));
  /** left sides of merges whose right side starts with ▁ (see wordStart) */
  const beforeMark: string[] = [];
  // typed explicitly so that TypeScript sees the calls below end the iteration
  const badMerge: (rank: number, why: string) => never = (rank, why) => mergesPart.at(rank).fail(why);
  const prefixLength = prefix.length;
  // A plain loop with indexOf/slice rather than forEach, split and destructuring: this runs for
  // every merge (280k for Llama 3, 514k for Gemma 3).
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
    if (l === undefined || r === undefined || id === undefined)
      badMerge(rank, `${JSON.stringify(l === undefined ? left : r === undefined ? right : merged)} is not in model.vocab`);
    // A pair listed twice keeps its last rank, as the Rust model's map does on load.
    ranks.set(l, r, rank);
    mergedId[rank] = id;
  }
  const local = !byteLevel && !ignoreMerges && !prefix && !suffix;
  const wordStart = local ? findWordStart(vocab, byteFallback, unkToken, beforeMark) : undefined;
  return {
    tables: {
      type: 'BPE',
      tokens,
      rankSlots: ranks.slots,
      mergedId,
      byteLevel,
      ignoreMerges,
      byteFallback,
      unkToken,
      fuseUnk,
      prefix,
      suffix,
      wordStart,
    },
    vocab,
  };
}

/**
 * Where a long piece can be cut without changing its ids (SentencePiece-style tokenizers: Llama 2
 * and Gemma have no pre-tokenizer, so a whole document is one piece): before a run of ▁ (the word
 * start) unless the character before the run ends the left side of a merge whose right side starts
 * with ▁ (Gemma has one: `>` + `▁</`). Then no merge crosses the cut, and the words can be looked
 * up in the encoder's cache. Undefined when the model has no ▁ token.
 */
function findWordStart(vocab: Map<string, number>, byteFallback: boolean, unkToken: string | null, beforeMark: string[]): WordStart | undefined {
  const mark = '\u2581';
  if (!vocab.has(mark)) return undefined;
  // an unknown token pending across a byte fallback is emitted late (see initialSymbols): only
  // safe to cut when every byte has its <0xXX> token, so no character is ever unknown
  if (byteFallback && unkToken !== null) {
    for (let b = 0; b < 256; b++) if (!vocab.has(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`)) return undefined;
  }
  // The symbol before a cut ends with the character before it, unless that character fell back to
  // its <0xXX> bytes or the unknown token: a merge whose left side ends so could follow any
  // character, so no cut is proven safe.
  const fallbackEnd = /<0x[0-9A-F]{2}>$/;
  for (const left of beforeMark) if (fallbackEnd.test(left) || (unkToken !== null && left.endsWith(unkToken))) return undefined;
  const unsafeBefore = new Set<number>();
  for (const left of beforeMark) if ([...left].some((c) => c !== mark)) unsafeBefore.add(left.charCodeAt(left.length - 1));
  return { mark: mark.charCodeAt(0), unsafeBefore };
}
