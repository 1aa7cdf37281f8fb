import type { JsonPart } from './json-part.js';
import { inTurn, loadSequence } from './sequence-part.js';
import { compilePattern } from './split-pattern.js';
import { normalizeUnicode } from './unicode-normalization.js';

/**
 * Normalizers: text → text before pre-tokenization, applied to each stretch of text between added
 * tokens (as `tokenizers` does). Only the ids matter to us, so the alignment bookkeeping of
 * `tokenizers`' NormalizedString is not kept.
 */
export interface Normalizer {
  readonly kind: string;
  normalize(text: string): string;
  /**
   * Set when the normalizer is exactly SentencePiece's space marking: every ' ' replaced by `mark`,
   * and with `prepend` also `mark` put before non-empty text (Llama 2 and Mistral: Prepend ▁ and
   * Replace ' ' → ▁; Gemma: the Replace alone). The encoder can then work on the text as given and
   * read a space as the mark (bpe-encoder.ts), without making the normalized copy of each document.
   */
  readonly spaceMark?: { mark: string; prepend: boolean };
  /** a Prepend normalizer's string */
  readonly prepends?: string;
}

const NORMALIZER_TYPES = ['NFC', 'NFD', 'NFKC', 'NFKD', 'Lowercase', 'Strip', 'Prepend', 'Replace', 'Sequence'] as const;

const LEADING_SPACE = /^\p{White_Space}+/u;
const TRAILING_SPACE = /\p{White_Space}+$/u;

export function loadNormalizer(part: JsonPart): Normalizer | null {
  if (part.isNull) return null;
  const type = part.type(NORMALIZER_TYPES);
  switch (type) {
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD':
      return { kind: type, normalize: (t) => normalizeUnicode(t, type) };
    case 'Lowercase':
      // per character, as NormalizedString::lowercase does: no final-sigma rule (JS applies one)
      return { kind: type, normalize: (t) => (t.includes('\u03a3') ? Array.from(t, (c) => c.toLowerCase()).join('') : t.toLowerCase()) };
    case 'Strip': {
      const left = part.at('strip_left').boolean(true);
      const right = part.at('strip_right').boolean(true);
      return {
        kind: type,
        normalize: (t) => {
          if (left) t = t.replace(LEADING_SPACE, '');
          if (right) t = t.replace(TRAILING_SPACE, '');
          return t;
        },
      };
    }
    case 'Prepend': {
      const prepend = part.at('prepend').string();
      return { kind: type, normalize: (t) => (t.length > 0 ? prepend + t : t), prepends: prepend };
    }
    case 'Replace': {
      const { regex } = compilePattern(part.at('pattern'));
      const content = part.at('content').string();
      const pattern = part.at('pattern').pattern();
      if ('string' in pattern && pattern.string === ' ' && content.length === 1 && content !== ' ')
        return { kind: type, normalize: (t) => t.replace(regex, content), spaceMark: { mark: content, prepend: false } };
      // A replacement string would read `$&`, `$1`… as patterns, so content with a `$` goes through
      // a function; without one, the string form is the same and twice as fast (Llama 2 and Gemma
      // replace every space of every document here).
      return { kind: type, normalize: content.includes('$') ? (t) => t.replace(regex, () => content) : (t) => t.replace(regex, content) };
    }
    case 'Sequence': {
      const { kind, parts } = loadSequence(part, 'normalizers', loadNormalizer);
      const normalize = inTurn(parts, (normalizer: Normalizer, text: string) => normalizer.normalize(text));
      const spaceMark = sequenceSpaceMark(parts);
      return spaceMark ? { kind, normalize, spaceMark } : { kind, normalize };
    }
  }
}

/** A Replace normalizer's space marking, with the Prepend of the same mark before or after it. */
function sequenceSpaceMark(parts: readonly Normalizer[]): Normalizer['spaceMark'] {
  if (parts.length === 1) return parts[0]!.spaceMark;
  if (parts.length !== 2) return undefined;
  const replace = parts.find((p) => p.spaceMark !== undefined)?.spaceMark;
  const prepends = parts.find((p) => p.prepends !== undefined)?.prepends;
  return replace && !replace.prepend && prepends === replace.mark ? { mark: replace.mark, prepend: true } : undefined;
}
