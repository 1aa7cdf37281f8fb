import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { detect } from 'chardet';

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

const decoders = new Map<string, TextDecoder | null>();

/**
 * A TextDecoder for a charset label, or undefined for a label the WHATWG Encoding Standard does not
 * know. Node's TextDecoder (full ICU) implements that standard's label table, which is what browsers
 * use: "iso-8859-1" and "ascii" decode as windows-1252, "x-sjis" as shift_jis, and so on.
 */
function decoderFor(label: string): TextDecoder | undefined {
  const key = label.trim().toLowerCase();
  let decoder = decoders.get(key);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(key, { fatal: false, ignoreBOM: false });
      // A page that says it is UTF-16 in ASCII-compatible bytes is not UTF-16 (HTML standard: treat as UTF-8).
      if (decoder.encoding.startsWith('utf-16')) decoder = new TextDecoder('utf-8');
    } catch {
      decoder = null;
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
  if (isUtf8(trimPartialUtf8(sample))) return { text: new TextDecoder('utf-8').decode(body), charset: 'utf-8', source: 'detected' };
  const guess = detect(sample);
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
