import { readFile } from 'node:fs/promises';

/** A plain-text benchmark file: one item per paragraph (blank lines separate items), named `<file>:<first line>`. */
export async function* readTextItems(path: string): AsyncGenerator<{ id: string; fields: string[] }> {
  const lines = (await readFile(path, 'utf8')).split(/\r\n?|\n/);
  let start = -1;
  let body: string[] = [];
  const flush = function* () {
    if (body.length > 0) yield { id: `${path}:${start + 1}`, fields: [body.join('\n')] };
    body = [];
    start = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      yield* flush();
      continue;
    }
    if (start < 0) start = i;
    body.push(line);
  }
  yield* flush();
}
