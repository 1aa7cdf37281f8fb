import { PieceScanner } from '../piece-scanner.js';
import type { JsonPart } from './json-part.js';
import { translateOnigurumaRegex } from './oniguruma-regex.js';
import { SPLIT_BEHAVIORS, compilePattern, splitByPattern, type SplitBehavior } from './split-pattern.js';

/**
 * Pre-tokenizers: cut normalized text into pieces that BPE merges never cross. Each takes the
 * pieces so far and cuts them further; `startsText` says whether pieces[0] begins the input (what
 * `tokenizers` checks as "original offset 0" for Metaspace's prepend_scheme "first").
 */
export interface PreTokenizer {
  readonly kind: string;
  preTokenize(pieces: string[], startsText: boolean): string[];
}

/** What the pre_tokenizer of a tokenizer.json amounts to. */
export interface LoadedPreTokenizer {
  /** null: the whole normalized text is one piece */
  preTokenizer: PreTokenizer | null;
  /** a ByteLevel step ends the chain: the model's symbols are the pieces' UTF-8 bytes */
  byteLevel: boolean;
  /** set when the whole chain is one Split the hand-written scanner reproduces (the fast path) */
  scanner: PieceScanner | undefined;
}

/** The regex `tokenizers`' ByteLevel uses when use_regex is true (GPT-2's). */
export const GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

const TYPES = ['Split', 'ByteLevel', 'Metaspace', 'Digits', 'Sequence'] as const;

function eachPiece(pieces: string[], startsText: boolean, cut: (piece: string, first: boolean) => string[]): string[] {
  const out: string[] = [];
  pieces.forEach((p, i) => {
    for (const q of cut(p, startsText && i === 0)) if (q.length > 0) out.push(q);
  });
  return out;
}

function splitter(kind: string, regex: RegExp, behavior: SplitBehavior, invert: boolean): PreTokenizer {
  return { kind, preTokenize: (pieces, startsText) => eachPiece(pieces, startsText, (p) => splitByPattern(p, regex, behavior, invert)) };
}

function loadOne(part: JsonPart, isLast: boolean): { step: PreTokenizer; byteLevel: boolean; scannerPattern?: string } {
  const type = part.type(TYPES);
  switch (type) {
    case 'Split': {
      const { regex, source, isRegex } = compilePattern(part.at('pattern'));
      const behavior = part.at('behavior').value as SplitBehavior;
      if (!SPLIT_BEHAVIORS.includes(behavior)) part.at('behavior').fail(`${JSON.stringify(behavior)} is not one of ${SPLIT_BEHAVIORS.join(', ')}`);
      const invert = part.at('invert').boolean(false);
      const fast = isRegex && behavior === 'Isolated' && !invert ? source : undefined;
      return { step: splitter(`Split(${behavior}${invert ? ', invert' : ''})`, regex, behavior, invert), byteLevel: false, ...(fast !== undefined ? { scannerPattern: fast } : {}) };
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
          preTokenize: (pieces, startsText) =>
            eachPiece(pieces, startsText, (p) => {
              // every piece, not only the first (NormalizedString-wise, as tokenizers does)
              const q = addPrefixSpace && !p.startsWith(' ') ? ' ' + p : p;
              return useRegex ? splitByPattern(q, regex, 'Isolated', false) : [q];
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
      const at = new RegExp(replacement.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'), 'gu');
      return {
        byteLevel: false,
        step: {
          kind: `Metaspace(${scheme}${split ? ', split' : ''})`,
          preTokenize: (pieces, startsText) =>
            eachPiece(pieces, startsText, (p, first) => {
              let q = p.replaceAll(' ', replacement);
              if (!q.startsWith(replacement) && (scheme === 'always' || (scheme === 'first' && first))) q = replacement + q;
              return split ? splitByPattern(q, at, 'MergedWithNext', false) : [q];
            }),
        },
      };
    }
    case 'Digits': {
      const individual = part.at('individual_digits').boolean(false);
      return { byteLevel: false, step: splitter(`Digits(${individual ? 'individual' : 'contiguous'})`, /\p{N}/gu, individual ? 'Isolated' : 'Contiguous', false) };
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
  const plainByteLevel = (p: JsonPart) => p.at('type').value === 'ByteLevel' && !p.at('add_prefix_space').boolean(true) && !p.at('use_regex').boolean(true);
  let scanner: PieceScanner | undefined;
  const pattern = loaded[0]!.scannerPattern;
  if (pattern !== undefined && (parts.length === 1 || (parts.length === 2 && plainByteLevel(parts[1]!)))) scanner = PieceScanner.forPattern(pattern);
  const preTokenizer: PreTokenizer =
    steps.length === 1
      ? steps[0]!
      : {
          kind: `Sequence[${steps.map((s) => s.kind).join(', ')}]`,
          preTokenize: (pieces, startsText) => {
            for (const s of steps) pieces = s.preTokenize(pieces, startsText);
            return pieces;
          },
        };
  return { preTokenizer, byteLevel, scanner };
}
