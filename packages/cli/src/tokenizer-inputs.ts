import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { domainName } from '@anneal/core';
import type { InputFormat } from '@anneal/io';
import { STAGE_MANIFEST_FORMAT, type StageManifest } from '@anneal/mixture';
import { resolveShardInputs } from '@anneal/stats';
import type { DocumentShardSpec } from '@anneal/tokenizer';

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
  specs: DocumentShardSpec[];
  /** the manifest's per-domain proportions, when the input was a mixture manifest */
  proportions?: Record<string, number>;
  description: string;
  /** total size of the input files on disk */
  bytes: number;
}

/**
 * Turns `--input` values into document shard specs: shard files, globs or pipeline output
 * directories, or one mixture stage manifest (`*.json` from `anneal mix`), whose selected documents
 * are read once each (repeat counts are the trainer's business, not the tokenizer's) with the
 * manifest's domain for each.
 */
export async function resolveDocumentInputs(
  inputs: readonly string[],
  options: DocumentInputOptions,
  baseDir = process.cwd(),
): Promise<ResolvedInputs> {
  if (inputs.length === 1 && inputs[0]!.endsWith('.json')) {
    const path = isAbsolute(inputs[0]!) ? inputs[0]! : resolve(baseDir, inputs[0]!);
    const manifest = await readManifest(path);
    let bytes = 0;
    for (const shard of manifest.shards)
      bytes += (await stat(isAbsolute(shard.path) ? shard.path : resolve(manifest.base_dir, shard.path)).catch(() => ({ size: 0 }))).size;
    return {
      bytes,
      specs: manifest.shards.map((shard) => ({
        name: shard.path,
        path: isAbsolute(shard.path) ? shard.path : resolve(manifest.base_dir, shard.path),
        format: shard.format,
        textKey: shard.text_key,
        idKey: shard.id_key,
        selection: {
          records: shard.selection.records,
          ids: shard.selection.ids,
          domains: shard.selection.domains.map((d) => domainName(manifest.domains[d]?.domain)),
          origin: inputs[0]!,
        },
      })),
      proportions: Object.fromEntries(manifest.domains.map((d) => [d.domain, d.proportion])),
      description: `${inputs[0]} (stage ${manifest.stage} of mixture ${manifest.mixture}, ${manifest.shards.length} shard(s))`,
    };
  }
  const { files } = await resolveShardInputs(inputs, baseDir);
  return {
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    specs: files.map((file) => ({
      name: file.displayPath,
      path: file.path,
      format: options.format,
      textKey: options.textKey,
      idKey: options.idKey,
      domainKey: options.domainKey,
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
  if (manifest?.format !== STAGE_MANIFEST_FORMAT)
    throw new Error(
      `${path}: format is ${JSON.stringify(manifest?.format)}, expected ${JSON.stringify(STAGE_MANIFEST_FORMAT)} (a stage manifest from anneal mix)`,
    );
  if (!Array.isArray(manifest.shards) || !Array.isArray(manifest.domains)) throw new Error(`${path}: manifest has no shards/domains lists`);
  return manifest;
}
