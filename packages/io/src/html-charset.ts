import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type * as Chardet from 'chardet';
import type Iconv from 'iconv-lite';
import { requireOnUse } from './lazy-libraries.js';

/** Where the encoding a page was decoded with came from. */
export type CharsetSource = 'bom' | 'http' | 'meta' | 'detected' | 'default';

export interface DecodedHtml {
  text: string;
  /** The WHATWG name of the encoding used (e.g. "utf-8", "windows-1252", "shift_jis"). */
  charset: string;
  source: CharsetSource;
}

/** How far into a page the <meta charset> prescan looks (the HTML standard says 1024 bytes; real pages put it later). */
const META_PRESCAN_BYTES = 4096;
const DETECT_SAMPLE_BYTES = 64 * 1024;

/** Decodes bytes in one encoding; `encoding` is the WHATWG name. */
interface Decoder {
  encoding: string;
  decode(bytes: Buffer): string;
}

const decoders = new Map<string, Decoder | null>();
const utf8: Decoder = { encoding: 'utf-8', decode: (bytes) => new TextDecoder('utf-8').decode(bytes) };

/**
 * A decoder for a charset label, or undefined for a label the WHATWG Encoding Standard does not know.
 * The label is resolved by Node's TextDecoder, which implements that standard's label table as
 * browsers do ("iso-8859-1" and "ascii" are windows-1252, "x-sjis" is shift_jis, ...). The bytes are
 * decoded by iconv-lite (pure JavaScript, tables for every legacy web encoding): Node 20's own
 * TextDecoder decodes windows-1252 as ISO-8859-1, losing “quotes”, € and the other 0x80-0x9f characters.
 */
function decoderFor(label: string): Decoder | undefined {
  const key = label.trim().toLowerCase();
  let decoder = decoders.get(key);
  if (decoder === undefined) {
    decoder = null;
    try {
      const name = new TextDecoder(key).encoding;
      // A page that says it is UTF-16 in ASCII-compatible bytes is not UTF-16 (HTML standard: treat as UTF-8).
      if (name === 'utf-8' || name.startsWith('utf-16')) decoder = utf8;
      else {
        const iconvName = name === 'gbk' ? 'gb18030' : name === 'big5' ? 'big5hkscs' : name;
        const iconv = requireOnUse('iconv-lite') as typeof Iconv;
        if (iconv.encodingExists(iconvName)) decoder = { encoding: name, decode: (bytes) => iconv.decode(bytes, iconvName, { stripBOM: false }) };
        else decoder = { encoding: name, decode: (bytes) => new TextDecoder(name).decode(bytes) };
      }
    } catch {
      decoder = null; // not a label the Encoding Standard knows
    }
    decoders.set(key, decoder);
  }
  return decoder ?? undefined;
}

/** The charset parameter of a Content-Type value ("text/html; charset=Shift_JIS" → "Shift_JIS"). */
export function charsetParameter(contentType: string | undefined): string | undefined {
  const m = contentType?.match(/;\s*charset\s*=\s*["']?([^"';\s]+)/i);
  return m?.[1];
}

/** The encoding a page's first bytes name in <meta charset> or <meta http-equiv="Content-Type" content="...charset=...">. */
export function metaCharset(head: Buffer): string | undefined {
  const text = head.subarray(0, META_PRESCAN_BYTES).toString('latin1');
  for (const tag of text.matchAll(/<meta\b[^>]*>/gi)) {
    const m = tag[0].match(/\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i);
    if (m) return m[1];
  }
  return undefined;
}

function bomEncoding(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Decodes an HTML payload to a string. The encoding is taken from, in order: a byte-order mark (the
 * one unambiguous signal; browsers let it override the header, as the HTML standard says), the HTTP
 * Content-Type charset, the page's <meta> charset, then detection: bytes that are valid UTF-8 are
 * UTF-8, others go to chardet (ICU's detector ported to TypeScript, no native code, no
 * dependencies), and windows-1252 (the web's historical default) when it has no answer.
 */
export function decodeHtml(body: Buffer, httpContentType: string | undefined): DecodedHtml {
  const bom = bomEncoding(body);
  if (bom) return { text: new TextDecoder(bom).decode(body), charset: bom, source: 'bom' };
  const declared: [string | undefined, CharsetSource][] = [
    [charsetParameter(httpContentType), 'http'],
    [metaCharset(body), 'meta'],
  ];
  for (const [label, source] of declared) {
    const decoder = label ? decoderFor(label) : undefined;
    if (decoder) return { text: decoder.decode(body), charset: decoder.encoding, source };
  }
  const sample = body.subarray(0, DETECT_SAMPLE_BYTES);
  if (isUtf8(trimPartialUtf8(sample))) return { text: utf8.decode(body), charset: 'utf-8', source: 'detected' };
  const guess = (requireOnUse('chardet') as typeof Chardet).detect(sample);
  const decoder = guess ? decoderFor(guess) : undefined;
  if (decoder) return { text: decoder.decode(body), charset: decoder.encoding, source: 'detected' };
  return { text: decoderFor('windows-1252')!.decode(body), charset: 'windows-1252', source: 'default' };
}

/** A sample cut at a fixed length may end inside a UTF-8 sequence; drop that incomplete tail. */
function trimPartialUtf8(sample: Buffer): Buffer {
  let end = sample.length;
  let back = 0;
  while (end > 0 && back < 4 && (sample[end - 1]! & 0xc0) === 0x80) {
    end--;
    back++;
  }
  if (end > 0 && sample[end - 1]! >= 0xc0) end--;
  else end = sample.length;
  return sample.subarray(0, end);
}
