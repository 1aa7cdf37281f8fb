import { PairRankTable } from '../pair-rank-table.js';
import { ASCII_PAIRS } from './model.js';
import type { BpeModelTables } from './bpe-model.js';
import type { BpeSections } from './bpe-sections-scanner.js';
import type { JsonPart } from './json-part.js';
import { TokenIndex } from './token-index.js';
import { findWordStart } from './word-start.js';

/**
 * Reads the `model` of a tokenizer.json (type BPE) into the tables the model runs from, refusing
 * what it cannot reproduce exactly (dropout, merges of tokens not in the vocabulary), and derives
 * from the merges where long pieces can be cut (wordStart). This is the costly part of loading a
 * large tokenizer, so a run does it once; its worker threads get the tables (bpe-model.ts).
 * `sections`: the vocabulary and merges already read from the text (bpe-sections-scanner.ts), in
 * place of the JSON's, which are then empty placeholders.
 */
export function readBpeModelTables(part: JsonPart, byteLevel: boolean, sections?: BpeSections): BpeModelTables {
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
  const { tokens, index, mergePairs } = sections ?? readJsonSections(part);
  const mergeCount = mergePairs.length / 2;
  const ranks = new PairRankTable(mergeCount);
  const mergedId = new Int32Array(new SharedArrayBuffer(mergeCount * Int32Array.BYTES_PER_ELEMENT));
  /** left sides of merges whose right side starts with ▁ (see word-start.ts) */
  const beforeMark: string[] = [];
  /** (last unit of left) << 7 | (first unit of right) → 1 where both are ASCII (see word-start.ts) */
  const asciiJoins = new Uint8Array(ASCII_PAIRS);
  const prefixLength = prefix.length;
  // A plain loop over ids, no strings made: this runs for every merge (280k for Llama 3, 514k for Gemma 3).
  for (let rank = 0; rank < mergeCount; rank++) {
    const l = mergePairs[2 * rank]!;
    const r = mergePairs[2 * rank + 1]!;
    const leftToken = tokens[l]!;
    const first = tokens[r]!.charCodeAt(0);
    const last = leftToken.charCodeAt(leftToken.length - 1);
    if (first === 0x2581) beforeMark.push(leftToken);
    else if ((first | last) < 0x80) asciiJoins[(last << 7) | first] = 1;
    const id = index.getJoined(l, r, prefixLength);
    if (id < 0)
      part
        .at('merges')
        .at(rank)
        .fail(`${JSON.stringify(tokens[l]! + tokens[r]!.slice(prefixLength))} is not in model.vocab`);
    // A pair listed twice keeps its last rank, as the Rust model's map does on load.
    ranks.set(l, r, rank);
    mergedId[rank] = id;
  }
  const local = !byteLevel && !ignoreMerges && !prefix && !suffix;
  const wordStart = local ? findWordStart(index, byteFallback, unkToken, beforeMark, asciiJoins) : undefined;
  return {
    type: 'BPE',
    tokens,
    tokenSlots: index.slots,
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
  };
}

/** `model.vocab` and `model.merges` of the parsed JSON, checked, as the scanner gives them. */
function readJsonSections(part: JsonPart): BpeSections {
  const tokens = readVocab(part.at('vocab'));
  const index = new TokenIndex(tokens);
  const mergesPart = part.at('merges');
  const sides = readMergeSides(mergesPart);
  const mergePairs = new Int32Array(sides.length);
  for (let k = 0; k < sides.length; k++) {
    const id = index.get(sides[k]!);
    if (id < 0) mergesPart.at(k >> 1).fail(`${JSON.stringify(sides[k])} is not in model.vocab`);
    mergePairs[k] = id;
  }
  return { tokens, index, mergePairs };
}

/** `model.vocab` of the parsed JSON: id → token, checked (distinct non-negative integer ids). */
function readVocab(vocabPart: JsonPart): string[] {
  if (typeof vocabPart.value !== 'object' || vocabPart.isNull || Array.isArray(vocabPart.value)) vocabPart.fail('expected an object token → id');
  const vocabJson = vocabPart.value as Record<string, unknown>;
  const tokens: string[] = [];
  // for-in, not Object.entries: no [token, id] pair array per entry (262k of them for Gemma 3)
  for (const token in vocabJson) {
    const id = vocabJson[token];
    if (!Number.isInteger(id) || (id as number) < 0) vocabPart.at(token).fail(`id ${JSON.stringify(id)} is not a non-negative integer`);
    if (tokens[id as number] !== undefined) vocabPart.at(token).fail(`id ${id} is also the id of ${JSON.stringify(tokens[id as number])}`);
    tokens[id as number] = token;
  }
  return tokens;
}
/** `model.merges` of the parsed JSON (`["a", "b"]` or `"a b"` each), flattened to their sides. */
function readMergeSides(mergesPart: JsonPart): string[] {
  if (!Array.isArray(mergesPart.value)) mergesPart.fail('expected an array of merges');
  const merges = mergesPart.value as unknown[];
  const sides: string[] = new Array(2 * merges.length);
  for (let rank = 0; rank < merges.length; rank++) {
    const value = merges[rank];
    if (typeof value === 'string') {
      const space = value.indexOf(' ');
      if (space <= 0 || value.indexOf(' ', space + 1) >= 0) mergesPart.at(rank).fail('a merge is neither ["a", "b"] nor "a b"');
      sides[2 * rank] = value.slice(0, space);
      sides[2 * rank + 1] = value.slice(space + 1);
    } else if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      sides[2 * rank] = value[0];
      sides[2 * rank + 1] = value[1];
    } else mergesPart.at(rank).fail('a merge is neither ["a", "b"] nor "a b"');
  }
  return sides;
}
