import { readFile } from 'node:fs/promises';
import { exactTokenCounter, type TokenCounter } from '@anneal/stats';
import { BpeEncoder } from './bpe-encoder.js';

/** An exact token counter for `anneal stats --tokenizer`: counts with our encoder, EOS not included. */
export async function loadTokenCounter(path: string): Promise<TokenCounter> {
  const encoder = BpeEncoder.fromJson(await readFile(path, 'utf8'), path);
  return exactTokenCounter((text) => encoder.encodeInto(text), path, `tokenizer.json (BPE, vocab ${encoder.vocabSize})`);
}
