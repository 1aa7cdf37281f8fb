import { PieceScanner } from '../piece-scanner.js';
import type { JsonPart } from './json-part.js';
import { translateOnigurumaRegex } from './oniguruma-regex.js';
import { SPLIT_BEHAVIORS, compilePattern, splitByPattern, type SplitBehavior } from './split-pattern.js';

/** A piece of normalized text and where it starts in it. */
export interface Piece {
  text: string;
  start: number;
}

/**
 * Pre-tokenizers: cut normalized text into pieces that BPE merges never cross. Each takes the
 * pieces so far and cuts them further. `firstSpan`: how many code units at the start of the
 * normalized text come from the input's first character (0 when the text does not begin the
 * input): what `tokenizers` checks as "original offset 0" for Metaspace's prepend_scheme "first"
 * (NFKC can make several pieces of one character, e.g. ⒂ → (15)).
 */
export interface PreTokenizer {
  readonly kind: string;
  preTokenize(pieces: Piece[], firstSpan: number): Piece[];
}

/** What the pre_tokenizer of a tokenizer.json amounts to. */
export interface LoadedPreTokenizer {
  /** null: the whole normalized text is one piece */
  preTokenizer: PreTokenizer | null;
  /** a ByteLevel step ends the chain: the model's symbols are the pieces' UTF-8 bytes */
  byteLevel: boolean;
  /** set when the whole chain is one Split the hand-written scanner reproduces (the fast path) */
  scanner: PieceScanner | undefined;
  /** set when the whole chain is one Split on this literal string, not inverted (see tokenizer-parts.ts) */
  literalSplit?: string;
}

/** The regex `tokenizers`' ByteLevel uses when use_regex is true (GPT-2's). */
export const GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

const TYPES = ['Split', 'ByteLevel', 'Metaspace', 'Digits', 'Sequence'] as const;

/**
 * Cuts every piece: `cut` returns the (possibly prefixed) text and the ranges of it to keep;
 * `prefixed` code units were put in front, so offsets map back to the piece start.
 */
function eachPiece(
  pieces: Piece[],
  firstSpan: number,
  cut: (piece: string, first: boolean) => { text: string; prefixed: number; ranges: [number, number][] },
): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const { text, prefixed, ranges } = cut(p.text, p.start < firstSpan);
    for (const [s, e] of ranges) if (e > s) out.push({ text: text.slice(s, e), start: p.start + Math.max(0, s - prefixed) });
  }
  return out;
}

function splitter(kind: string, regex: RegExp, behavior: SplitBehavior, invert: boolean): PreTokenizer {
  return {
    kind,
    preTokenize: (pieces, firstSpan) =>
      eachPiece(pieces, firstSpan, (p) => ({ text: p, prefixed: 0, ranges: splitByPattern(p, regex, behavior, invert) })),
  };
}

function loadOne(part: JsonPart, isLast: boolean): { step: PreTokenizer; byteLevel: boolean; scannerPattern?: string; literal?: string } {
  const type = part.type(TYPES);
  switch (type) {
    case 'Split': {
      const { regex, source, isRegex } = compilePattern(part.at('pattern'));
      const behavior = part.at('behavior').value as SplitBehavior;
      if (!SPLIT_BEHAVIORS.includes(behavior)) part.at('behavior').fail(`${JSON.stringify(behavior)} is not one of ${SPLIT_BEHAVIORS.join(', ')}`);
      const invert = part.at('invert').boolean(false);
      const fast = isRegex && behavior === 'Isolated' && !invert ? source : undefined;
      return {
        step: splitter(`Split(${behavior}${invert ? ', invert' : ''})`, regex, behavior, invert),
        byteLevel: false,
        ...(fast !== undefined ? { scannerPattern: fast } : {}),
        ...(!isRegex && !invert ? { literal: source } : {}),
      };
    }
    case 'ByteLevel': {
      if (!isLast) part.fail('ByteLevel must be the last pre-tokenizer (later steps would cut byte-level text)');
      const addPrefixSpace = part.at('add_prefix_space').boolean(true);
      const useRegex = part.at('use_regex').boolean(true);
      const regex = new RegExp(translateOnigurumaRegex(GPT2_PATTERN), 'gu');
      return {
        byteLevel: true,
        step: {
          kind: `ByteLevel(add_prefix_space: ${addPrefixSpace}, use_regex: ${useRegex})`,
          preTokenize: (pieces, firstSpan) =>
            eachPiece(pieces, firstSpan, (p) => {
              // every non-empty piece, not only the first (as tokenizers does)
              const prefixed = addPrefixSpace && p.length > 0 && !p.startsWith(' ') ? 1 : 0;
              const q = prefixed ? ' ' + p : p;
              return { text: q, prefixed, ranges: useRegex ? splitByPattern(q, regex, 'Isolated', false) : [[0, q.length]] };
            }),
        },
      };
    }
    case 'Metaspace': {
      const replacement = part.at('replacement').string();
      if ([...replacement].length !== 1) part.at('replacement').fail('expected one character');
      let scheme: string;
      if (part.at('prepend_scheme').isNull) scheme = part.at('add_prefix_space').boolean(true) ? 'always' : 'never';
      else scheme = part.at('prepend_scheme').string();
      if (!['always', 'first', 'never'].includes(scheme)) part.at('prepend_scheme').fail(`${JSON.stringify(scheme)} is not always, first or never`);
      const split = part.at('split').boolean(true);
      const at = new RegExp(replacement.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'), 'gu');
      return {
        byteLevel: false,
        step: {
          kind: `Metaspace(${scheme}${split ? ', split' : ''})`,
          preTokenize: (pieces, firstSpan) =>
            eachPiece(pieces, firstSpan, (p, first) => {
              let q = p.replaceAll(' ', replacement);
              const prefixed =
                q.length > 0 && !q.startsWith(replacement) && (scheme === 'always' || (scheme === 'first' && first)) ? replacement.length : 0;
              if (prefixed) q = replacement + q;
              return { text: q, prefixed, ranges: split ? splitByPattern(q, at, 'MergedWithNext', false) : [[0, q.length]] };
            }),
        },
      };
    }
    case 'Digits': {
      const individual = part.at('individual_digits').boolean(false);
      return {
        byteLevel: false,
        step: splitter(`Digits(${individual ? 'individual' : 'contiguous'})`, /\p{N}/gu, individual ? 'Isolated' : 'Contiguous', false),
      };
    }
    case 'Sequence':
      return part.fail('a Sequence inside a Sequence is not supported');
  }
}

export function loadPreTokenizer(part: JsonPart): LoadedPreTokenizer {
  if (part.isNull) return { preTokenizer: null, byteLevel: false, scanner: undefined };
  const parts = part.at('type').value === 'Sequence' ? part.at('pretokenizers').array() : [part];
  const loaded = parts.map((p, i) => loadOne(p, i === parts.length - 1));
  const byteLevel = loaded.some((l) => l.byteLevel);
  const steps = loaded.map((l) => l.step);
  // The scanner replaces the chain when it is one Split of a pattern it knows, optionally followed by
  // a ByteLevel that only maps bytes (no prefix space, no regex of its own).
  const plainByteLevel = (p: JsonPart) =>
    p.at('type').value === 'ByteLevel' && !p.at('add_prefix_space').boolean(true) && !p.at('use_regex').boolean(true);
  let scanner: PieceScanner | undefined;
  const pattern = loaded[0]!.scannerPattern;
  if (pattern !== undefined && (parts.length === 1 || (parts.length === 2 && plainByteLevel(parts[1]!)))) scanner = PieceScanner.forPattern(pattern);
  const preTokenizer: PreTokenizer =
    steps.length === 1
      ? steps[0]!
      : {
          kind: `Sequence[${steps.map((s) => s.kind).join(', ')}]`,
          preTokenize: (pieces, firstSpan) => {
            for (const s of steps) pieces = s.preTokenize(pieces, firstSpan);
            return pieces;
          },
        };
  const literal = parts.length === 1 ? loaded[0]!.literal : undefined;
  return { preTokenizer, byteLevel, scanner, ...(literal !== undefined ? { literalSplit: literal } : {}) };
}
