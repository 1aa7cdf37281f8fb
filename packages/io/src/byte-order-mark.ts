/** The encoding a file's first bytes announce: UTF-8 with or without a byte-order mark, or UTF-16. */
export type TextEncodingMark = 'none' | 'utf-8' | 'utf-16le' | 'utf-16be';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function encodingMarkOf(head: Uint8Array): TextEncodingMark {
  if (head.length >= 3 && UTF8_BOM.every((b, i) => head[i] === b)) return 'utf-8';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'none';
}

/**
 * Looks at the first bytes of a decompressed stream: a UTF-8 byte-order mark (which editors on
 * Windows and some exporters write) is removed so the first line parses like any other; the mark
 * found is reported through `onMark` before any byte is yielded, so a UTF-16 file can be refused
 * whole. Decoders may hand out chunks of a byte or two, hence the wait for three bytes.
 */
export async function* withoutUtf8Mark(chunks: AsyncIterable<Buffer>, onMark: (mark: TextEncodingMark) => void): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (head === undefined) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < UTF8_BOM.length) continue;
    const mark = encodingMarkOf(head);
    onMark(mark);
    const rest: Buffer = mark === 'utf-8' ? head.subarray(UTF8_BOM.length) : head;
    head = undefined;
    if (rest.length > 0) yield rest;
  }
  if (head !== undefined) {
    onMark(encodingMarkOf(head));
    if (head.length > 0) yield head;
  }
}
