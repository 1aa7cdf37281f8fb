import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { readDocuments, type InputFormat } from '@anneal/io';
import { STAGE_MANIFEST_FORMAT, resolveShardInputs, type StageManifest } from '@anneal/mixture';
import type { TokenizeItem, TokenizeSource } from '@anneal/tokenizer';

/** How `anneal tokenizer train` and `anneal tokenize` read documents. */
export interface DocumentInputOptions {
  textKey?: string | undefined;
  idKey?: string | undefined;
  format?: InputFormat | undefined;
  /** metadata key holding the domain (default "domain") */
  domainKey?: string | undefined;
}

export interface ResolvedInputs {
  /** one per input shard, in sorted path order (manifest order for a manifest) */
  sources: TokenizeSource[];
  /** the manifest's per-domain proportions, when the input was a mixture manifest */
  proportions?: Record<string, number>;
  description: string;
}

/**
 * Turns `--input` values into document sources: shard files, globs or pipeline output
 * directories, or one mixture stage manifest (`*.manifest.json` from `anneal mix`), whose selected
 * documents are read once each (repeat counts are the trainer's business, not the tokenizer's) with
 * the manifest's domain for each.
 */
export async function resolveDocumentInputs(inputs: readonly string[], options: DocumentInputOptions, baseDir = process.cwd()): Promise<ResolvedInputs> {
  if (inputs.length === 1 && inputs[0]!.endsWith('.json')) {
    const path = isAbsolute(inputs[0]!) ? inputs[0]! : resolve(baseDir, inputs[0]!);
    const manifest = await readManifest(path);
    return {
      sources: manifest.shards.map((shard) => manifestSource(manifest, shard, path)),
      proportions: Object.fromEntries(manifest.domains.map((d) => [d.domain, d.proportion])),
      description: `${inputs[0]} (stage ${manifest.stage} of mixture ${manifest.mixture}, ${manifest.shards.length} shard(s))`,
    };
  }
  const { files } = await resolveShardInputs(inputs, baseDir);
  const domainKey = options.domainKey ?? 'domain';
  return {
    sources: files.map((file) => ({
      name: file.displayPath,
      items: async function* (): AsyncGenerator<TokenizeItem> {
        const source = readDocuments(file.path, { displayPath: file.displayPath, textKey: options.textKey, idKey: options.idKey, format: options.format });
        for await (const item of source.records) {
          if (item.error) {
            yield { error: item.error.message };
            continue;
          }
          const { doc } = item;
          const domain = doc.metadata[domainKey];
          const quality = doc.metadata.quality;
          yield { id: doc.id, text: doc.text, domain: typeof domain === 'string' ? domain : undefined, quality: typeof quality === 'number' ? quality : undefined };
        }
      },
    })),
    description: `${files.length} shard(s)`,
  };
}

async function readManifest(path: string): Promise<StageManifest> {
  let manifest: StageManifest;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as StageManifest;
  } catch (err) {
    throw new Error(`${path}: not a readable mixture manifest: ${(err as Error).message}`);
  }
  if (manifest?.format !== STAGE_MANIFEST_FORMAT) throw new Error(`${path}: format is ${JSON.stringify(manifest?.format)}, expected ${JSON.stringify(STAGE_MANIFEST_FORMAT)} (a stage manifest from anneal mix)`);
  if (!Array.isArray(manifest.shards) || !Array.isArray(manifest.domains)) throw new Error(`${path}: manifest has no shards/domains lists`);
  return manifest;
}

function manifestSource(manifest: StageManifest, shard: StageManifest['shards'][number], manifestPath: string): TokenizeSource {
  const path = isAbsolute(shard.path) ? shard.path : resolve(manifest.base_dir, shard.path);
  return {
    name: shard.path,
    items: async function* (): AsyncGenerator<TokenizeItem> {
      const { records, ids, domains } = shard.selection;
      let next = 0;
      let position = 0;
      const source = readDocuments(path, { displayPath: shard.path, textKey: shard.text_key, idKey: shard.id_key, format: shard.format, emptyFileIsError: false });
      for await (const item of source.records) {
        if (next >= records.length) break;
        if (item.error) {
          // Errors were not documents when the manifest counted positions either.
          continue;
        }
        if (position++ !== records[next]) continue;
        if (item.doc.id !== ids[next]) {
          yield { error: `${shard.path}: document ${records[next]} has id ${JSON.stringify(item.doc.id)}, but ${manifestPath} selected ${JSON.stringify(ids[next])}; the shard changed since the manifest was written` };
        } else {
          const quality = item.doc.metadata.quality;
          yield { id: item.doc.id, text: item.doc.text, domain: manifest.domains[domains[next]!]?.domain, quality: typeof quality === 'number' ? quality : undefined };
        }
        next++;
      }
      if (next < records.length) yield { error: `${shard.path}: ended after ${position} documents, but ${manifestPath} selects document ${records[next]}` };
    },
  };
}
