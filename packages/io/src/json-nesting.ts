/**
 * How deeply a record's values may nest. `JSON.parse` accepts thousands of levels, but every
 * recursive consumer after it (JSON.stringify in the writers, structured clone to a worker, Arrow
 * encoding) overflows the stack somewhere around 4,000–10,000 levels, at a depth that depends on
 * the thread's stack size. A fixed limit, checked without recursion, makes the same input an
 * error on every thread. Real documents nest a handful of levels; 128 leaves ample room.
 */
export const MAX_NESTING_DEPTH = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Whether JSON text (UTF-8 bytes) opens more than `limit` arrays/objects inside one another.
 * Brackets inside strings do not count. Most lines hold fewer opening brackets than the limit in
 * total, which a native byte search settles without looking at each byte in JavaScript.
 */
export function jsonNestingExceeds(bytes: Uint8Array, limit = MAX_NESTING_DEPTH): boolean {
  if (!mayExceed(bytes, limit)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACKET || b === OPEN_BRACE) {
      if (++depth > limit) return true;
    } else if (b === CLOSE_BRACKET || b === CLOSE_BRACE) depth--;
  }
  return false;
}

/** False when the bytes hold at most `limit` opening brackets and braces in all. */
function mayExceed(bytes: Uint8Array, limit: number): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (const opener of [OPEN_BRACKET, OPEN_BRACE]) {
    for (let at = buffer.indexOf(opener); at !== -1; at = buffer.indexOf(opener, at + 1)) {
      if (++count > limit) return true;
    }
  }
  return false;
}

/**
 * Whether a decoded value (arrays, plain objects, typed arrays counted as leaves) nests more than
 * `limit` levels, walked with an explicit stack: a recursive walk is what overflows.
 */
export function valueNestingExceeds(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object' || ArrayBuffer.isView(current) || current instanceof Date) continue;
    if (depth + 1 > limit) return true;
    const children = Array.isArray(current) ? current : Object.values(current as Record<string, unknown>);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

export function nestingReason(limit = MAX_NESTING_DEPTH): string {
  return `values nest more than ${limit} levels deep (arrays/objects inside one another)`;
}
