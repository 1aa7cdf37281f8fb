import { join } from 'node:path';
import { readTokenShardBatches, readTokenShardIndex, type TokenShardIndex } from '@anneal/token-shards';
import { TokenCorpusBuilder, type TokenCorpus } from './data-loader-corpus.js';

export interface LoadedTokenShards {
  corpus: TokenCorpus;
  index: TokenShardIndex;
}

/**
 * Reads a token shard directory (index.json + Arrow IPC shards, through @anneal/token-shards) into a
 * {@link TokenCorpus}. Shards store each document with its EOS appended; the loader appends EOS
 * itself when packing, so it is checked and stripped here — a row without it means the shard was
 * not written by `anneal tokenize` (or with another EOS), and is reported with file, batch and row.
 */
export async function loadTokenShards(dir: string, options: { domains?: readonly string[] } = {}): Promise<LoadedTokenShards> {
  const index = await readTokenShardIndex(dir);
  const builder = new TokenCorpusBuilder(index.eos_id, index.vocab_size);
  const wanted = options.domains ? new Set(options.domains) : undefined;
  for (const shard of index.shards) {
    const path = join(dir, shard.file);
    let batchIndex = 0;
    for await (const batch of readTokenShardBatches(path)) {
      for (let row = 0; row < batch.ids.length; row++) {
        const domain = batch.domains[row]!;
        if (wanted && !wanted.has(domain)) continue;
        const start = batch.offsets[row]!;
        const end = batch.offsets[row + 1]!;
        if (end === start || batch.tokens[end - 1] !== index.eos_id) {
          throw new Error(
            `${path}: record batch ${batchIndex}, row ${row} (document ${batch.ids[row]}): tokens do not end with EOS id ${index.eos_id}`,
          );
        }
        builder.add({ id: batch.ids[row]!, domain, tokens: batch.tokens.subarray(start, end - 1) });
      }
      batchIndex++;
    }
  }
  return { corpus: builder.finish(), index };
}
