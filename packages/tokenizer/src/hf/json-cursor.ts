/**
 * A strict, minimal reader of JSON text, one position at a time: what bpe-sections-scanner.ts walks
 * a tokenizer.json with to read its vocabulary and merges without JSON.parse building a 262k-key
 * object and half a million small arrays. Every method that reads returns undefined (or false) on
 * anything it does not expect, so the caller can fall back to JSON.parse and never decode a
 * document differently from it.
 */
export class JsonCursor {
  /** index of the next character to read */
  pos = 0;

  constructor(readonly text: string) {}

  /** Skips JSON whitespace (space, tab, newline, carriage return: nothing else). */
  skipWhitespace(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    this.pos = i;
  }

  /** Reads `char` (after whitespace) if it is next; false (position unchanged past whitespace) otherwise. */
  take(char: number): boolean {
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) !== char) return false;
    this.pos++;
    return true;
  }

  /** Reads a string (after whitespace) and returns its value as JSON.parse would, or undefined. */
  string(): string | undefined {
    this.skipWhitespace();
    const text = this.text;
    if (text.charCodeAt(this.pos) !== QUOTE) return undefined;
    const start = this.pos + 1;
    let i = start;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return i - start < SLICE_MIN_LENGTH ? text.slice(start, i) : detached(text.slice(start, i));
      }
      if (c === BACKSLASH) break;
      // control characters must be escaped in JSON; NaN: the text ended inside the string
      if (!(c >= 0x20)) return undefined;
      i++;
    }
    this.pos = i;
    return this.escapedString(text.slice(start, i));
  }

  /**
   * For a string (next, whitespace already skipped) without escapes: the index of its closing quote,
   * the cursor then after it; -1 for anything else (the cursor unchanged, for {@link string}).
   */
  plainStringEnd(): number {
    const text = this.text;
    if (text.charCodeAt(this.pos) !== QUOTE) return -1;
    let i = this.pos + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH || !(c >= 0x20)) return -1;
      i++;
    }
    this.pos = i + 1;
    return i;
  }

  /** The rest of a string from its first backslash on (the slow path: escapes are rare in tokens). */
  private escapedString(head: string): string | undefined {
    const text = this.text;
    let out = head;
    let i = this.pos;
    let runStart = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return detached(out + text.slice(runStart, i));
      }
      if (!(c >= 0x20)) return undefined;
      if (c !== BACKSLASH) {
        i++;
        continue;
      }
      out += text.slice(runStart, i);
      const e = text.charCodeAt(i + 1);
      const simple = SIMPLE_ESCAPES.get(e);
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (e === 0x75 /* u */) {
        // one UTF-16 code unit; a surrogate pair is two escapes, joined as JSON.parse joins them
        const unit = hex4(text, i + 2);
        if (unit < 0) return undefined;
        out += String.fromCharCode(unit);
        i += 6;
      } else return undefined;
      runStart = i;
    }
  }

  /**
   * Reads a non-negative integer written as JSON digits (no sign, fraction, exponent or leading
   * zero) of at most 9 digits, or returns -1: anything else is left to JSON.parse.
   */
  smallInteger(): number {
    this.skipWhitespace();
    const text = this.text;
    let i = this.pos;
    let value = 0;
    for (;;) {
      const d = text.charCodeAt(i) - 0x30;
      if (!(d >= 0 && d <= 9)) break;
      value = value * 10 + d;
      i++;
    }
    const digits = i - this.pos;
    if (digits === 0 || digits > 9 || (digits > 1 && text.charCodeAt(this.pos) === 0x30)) return -1;
    // 1.5, 1e3 and the like: JSON.parse's business
    const next = text.charCodeAt(i);
    if (next === 0x2e || next === 0x65 || next === 0x45) return -1;
    this.pos = i;
    return value;
  }

  /**
   * Skips one value of any kind (after whitespace), checking only its nesting: what is skipped is
   * kept in the text that JSON.parse reads, which validates it.
   */
  skipValue(): boolean {
    this.skipWhitespace();
    const text = this.text;
    let i = this.pos;
    let depth = 0;
    do {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i++;
        for (;;) {
          const s = text.charCodeAt(i);
          if (s === QUOTE) break;
          if (i >= text.length) return false; // the text ended inside the string
          i += s === BACKSLASH ? 2 : 1;
        }
        i++;
      } else if (c === JSON_PUNCTUATION.openObject || c === JSON_PUNCTUATION.openArray) {
        depth++;
        i++;
      } else if (c === JSON_PUNCTUATION.closeObject || c === JSON_PUNCTUATION.closeArray) {
        if (depth === 0) return false;
        depth--;
        i++;
      } else if (c === 0x2c || c === 0x3a || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        if (depth === 0) return false;
        i++;
      } else if (isLiteralChar(c)) {
        while (isLiteralChar(text.charCodeAt(i))) i++;
      } else return false;
    } while (depth > 0);
    this.pos = i;
    return true;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The JSON punctuation between values, as UTF-16 code units (for `take` and the scanner). */
export const JSON_PUNCTUATION = {
  openObject: 0x7b,
  closeObject: 0x7d,
  openArray: 0x5b,
  closeArray: 0x5d,
  colon: 0x3a,
  comma: 0x2c,
  space: 0x20,
} as const;

/**
 * V8 makes a slice this long (or longer) a view of the text it was cut from, which would keep a
 * whole tokenizer.json (66 MB as a string for Gemma 3) alive as long as one token lives.
 */
const SLICE_MIN_LENGTH = 13;

/** A copy of `s` that does not hold on to the string it was sliced from (a flattened concatenation). */
function detached(s: string): string {
  return ` ${s}`.slice(1);
}

/** \" \\ \/ \b \f \n \r \t: the escapes besides \uXXXX */
const SIMPLE_ESCAPES = new Map<number, string>([
  [0x22, '"'],
  [0x5c, '\\'],
  [0x2f, '/'],
  [0x62, '\b'],
  [0x66, '\f'],
  [0x6e, '\n'],
  [0x72, '\r'],
  [0x74, '\t'],
]);

/** characters of true, false, null and numbers */
function isLiteralChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x2d || c === 0x2b || c === 0x2e;
}

/** The four hex digits at text[at…] as a number, or -1. */
function hex4(text: string, at: number): number {
  let value = 0;
  for (let k = 0; k < 4; k++) {
    const c = text.charCodeAt(at + k);
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}
