import { createHash } from 'node:crypto';

/**
 * sha256 (hex) of a tokenizer.json's bytes: the `tokenizer_hash` in token shard indexes. It lives
 * with the format because it defines that field: the tokenizer stamps it on what it writes, and the
 * trainer checks a tokenizer file against it without loading the tokenizer package.
 */
export function tokenizerHash(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
