import { readFile } from 'node:fs/promises';
import { BpeEncoder } from './bpe-encoder.js';

/**
 * An exact token counter for `anneal stats --tokenizer` (structurally the `TokenCounter` of
 * @anneal/mixture, which this package may not import): counts with our encoder, EOS not included.
 */
export async function loadTokenCounter(path: string): Promise<{
  counting: { estimated: false; method: string; tokenizer: string };
  count: (text: string, utf8Bytes: number) => number;
}> {
  const encoder = BpeEncoder.fromJson(await readFile(path, 'utf8'), path);
  return {
    counting: { estimated: false, method: `tokenizer.json (BPE, vocab ${encoder.vocabSize})`, tokenizer: path },
    count: (text) => encoder.encodeInto(text).length,
  };
}
