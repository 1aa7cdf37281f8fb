import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadMixtureConfig } from '@anneal/mixture';
import { resolveShardInputs } from '@anneal/stats';
import { tokenizeShards } from '@anneal/tokenizer';
import { TOKEN_SHARD_INDEX_FILE } from '@anneal/token-shards';

/**
 * Token shards of the mixture YAML's own inputs (the curated shards `anneal mix` will read), for a
 * search given no `shards:`: tokenized once with the search's tokenizer into `<dir>`, exactly as
 * `anneal tokenize --input <the inputs>` would (same reader settings, domain from `group_by`).
 * The index is written last, so its presence means the shards are complete.
 */
export async function tokenizeMixtureInputs(mixturePath: string, tokenizer: string, dir: string, log: (line: string) => void): Promise<string> {
  if (existsSync(join(dir, TOKEN_SHARD_INDEX_FILE))) return dir;
  const mixture = await loadMixtureConfig(mixturePath);
  const { files } = await resolveShardInputs(mixture.inputs, process.cwd());
  if (files.length === 0) throw new Error(`${mixturePath}: its inputs (${mixture.inputs.join(', ')}) match no shard`);
  log(`tokenizing the mixture's ${files.length} input shard(s) with ${tokenizer}`);
  const specs = files.map((f) => ({
    name: f.displayPath,
    path: f.path,
    format: mixture.format,
    textKey: mixture.text_key,
    idKey: mixture.id_key,
    domainKey: mixture.group_by,
  }));
  const { stats } = await tokenizeShards(specs, { tokenizerJson: await readFile(tokenizer, 'utf8'), out: dir, workers: 0 });
  if (stats.errors > 0) log(`warning: ${stats.errors} input record(s) could not be tokenized (see ${join(dir, 'errors.jsonl')})`);
  return dir;
}
