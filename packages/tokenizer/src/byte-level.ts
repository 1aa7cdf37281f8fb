/**
 * The GPT-2 byte-level alphabet: every byte 0..255 maps to one printable Unicode character, so a
 * byte-level BPE vocabulary is a set of strings and `tokenizer.json` stays readable. This is the
 * exact table of Hugging Face's ByteLevel pre-tokenizer/decoder (`bytes_to_unicode`): printable
 * Latin-1 bytes map to themselves, the others to U+0100 upwards in byte order.
 */
function buildByteToChar(): string[] {
  const direct: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) direct.push(b);
  for (let b = 0xa1; b <= 0xac; b++) direct.push(b);
  for (let b = 0xae; b <= 0xff; b++) direct.push(b);
  const table = new Array<string>(256);
  for (const b of direct) table[b] = String.fromCharCode(b);
  let next = 0;
  for (let b = 0; b < 256; b++) {
    if (table[b] === undefined) table[b] = String.fromCharCode(256 + next++);
  }
  return table;
}

/** byte → its byte-level character */
export const BYTE_TO_CHAR: readonly string[] = buildByteToChar();
/** byte → the UTF-16 code unit of its character (BYTE_TO_CHAR as numbers), for lookups that make no string */
export const BYTE_TO_UNIT: Uint16Array = Uint16Array.from(BYTE_TO_CHAR, (c) => c.charCodeAt(0));

/** byte-level character code → byte (-1 for characters outside the alphabet) */
export const CHAR_CODE_TO_BYTE: Int16Array = (() => {
  const table = new Int16Array(512).fill(-1);
  BYTE_TO_CHAR.forEach((ch, b) => (table[ch.charCodeAt(0)] = b));
  return table;
})();

/** The 256 alphabet characters sorted by code point: the order the trainer assigns their ids in. */
export const BYTE_LEVEL_ALPHABET: readonly string[] = [...BYTE_TO_CHAR].sort((a, b) => a.charCodeAt(0) - b.charCodeAt(0));

const encoder = new TextEncoder();

/** The byte-level string of `text`'s UTF-8 bytes. */
export function toByteLevel(text: string): string {
  const bytes = encoder.encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_CHAR[bytes[i]!];
  return out;
}

/** The bytes a byte-level string stands for; throws on a character outside the alphabet. */
export function fromByteLevel(token: string): Uint8Array {
  const out = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const b = CHAR_CODE_TO_BYTE[token.charCodeAt(i)] ?? -1;
    if (b < 0) throw new Error(`byte-level token ${JSON.stringify(token)} has a character outside the byte alphabet at ${i}`);
    out[i] = b;
  }
  return out;
}
