import { CHAR_CODE_TO_BYTE } from '../byte-level.js';
import type { JsonPart } from './json-part.js';
import { inTurn, loadSequence } from './sequence-part.js';
import { compilePattern } from './split-pattern.js';

/**
 * Decoders: token strings → text pieces, chained as in `tokenizers` (each `decode_chain` maps the
 * list of strings to a new list; the result is their concatenation). Invalid UTF-8 becomes U+FFFD
 * as Rust's `from_utf8_lossy` does (the same rule as TextDecoder); a leading BOM is kept (TextDecoder
 * would drop it by default).
 */
export interface Decoder {
  readonly kind: string;
  decodeChain(tokens: string[]): string[];
}

const TYPES = ['ByteLevel', 'Metaspace', 'ByteFallback', 'Fuse', 'Strip', 'Replace', 'Sequence'] as const;
const utf8 = new TextEncoder();

function byteLevelDecode(tokens: string[]): string[] {
  const bytes: number[] = [];
  for (const t of tokens) {
    let all = true;
    for (let i = 0; i < t.length && all; i++) all = (CHAR_CODE_TO_BYTE[t.charCodeAt(i)] ?? -1) >= 0;
    if (all) for (let i = 0; i < t.length; i++) bytes.push(CHAR_CODE_TO_BYTE[t.charCodeAt(i)]!);
    else bytes.push(...utf8.encode(t));
  }
  return [new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(bytes))];
}

const BYTE_TOKEN = /^<0x([0-9A-Fa-f]{2})>$/;

function byteFallbackDecode(tokens: string[]): string[] {
  const out: string[] = [];
  let pending: number[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    try {
      out.push(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Uint8Array.from(pending)));
    } catch {
      for (let i = 0; i < pending.length; i++) out.push('\ufffd');
    }
    pending = [];
  };
  for (const t of tokens) {
    const m = t.length === 6 ? BYTE_TOKEN.exec(t) : null;
    if (m) pending.push(parseInt(m[1]!, 16));
    else {
      flush();
      out.push(t);
    }
  }
  flush();
  return out;
}

export function loadDecoder(part: JsonPart): Decoder | null {
  if (part.isNull) return null;
  const type = part.type(TYPES);
  switch (type) {
    case 'ByteLevel':
      return { kind: type, decodeChain: byteLevelDecode };
    case 'ByteFallback':
      return { kind: type, decodeChain: byteFallbackDecode };
    case 'Fuse':
      return { kind: type, decodeChain: (tokens) => [tokens.join('')] };
    case 'Metaspace': {
      const replacement = part.at('replacement').string();
      const scheme = part.at('prepend_scheme').isNull
        ? part.at('add_prefix_space').boolean(true)
          ? 'always'
          : 'never'
        : part.at('prepend_scheme').string();
      return {
        kind: type,
        decodeChain: (tokens) =>
          tokens.map((t, i) => Array.from(t, (c) => (c === replacement ? (i === 0 && scheme !== 'never' ? '' : ' ') : c)).join('')),
      };
    }
    case 'Strip': {
      const content = part.at('content').string();
      const start = part.at('start').integer();
      const stop = part.at('stop').integer();
      return {
        kind: type,
        decodeChain: (tokens) =>
          tokens.map((t) => {
            const chars = Array.from(t);
            let from = 0;
            while (from < Math.min(start, chars.length) && chars[from] === content) from++;
            let to = chars.length;
            for (let k = 0; k < stop && to - 1 >= from && chars[to - 1] === content; k++) to--;
            return chars.slice(from, to).join('');
          }),
      };
    }
    case 'Replace': {
      const { regex } = compilePattern(part.at('pattern'));
      const content = part.at('content').string();
      return { kind: type, decodeChain: (tokens) => tokens.map((t) => t.replace(regex, () => content)) };
    }
    case 'Sequence': {
      const { kind, parts } = loadSequence(part, 'decoders', loadDecoder);
      return { kind, decodeChain: inTurn(parts, (decoder, tokens: string[]) => decoder.decodeChain(tokens)) };
    }
  }
}
