import { readFile } from 'node:fs/promises';
import { STAGE_MANIFEST_FORMAT, STAGE_MANIFEST_VERSION, type StageManifest } from '@anneal/mixture';
import type { DomainSampling } from './data-loader.js';

/**
 * Reads a stage manifest written by `anneal mix` (`<stage>.manifest.json`) and turns it into what
 * the loader samples: per domain, the stage's proportion as its weight and the selected document
 * ids with their repeat counts. The ids are matched against the token shards by the loader, so a
 * manifest that names a document the shards lack fails with that id.
 */
export async function readStageManifestSampling(path: string): Promise<{ manifest: StageManifest; domains: DomainSampling[] }> {
  let manifest: StageManifest;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as StageManifest;
  } catch (err) {
    throw new Error(`${path}: cannot read stage manifest (${(err as Error).message.split('\n')[0]})`);
  }
  if (manifest?.format !== STAGE_MANIFEST_FORMAT || manifest.version !== STAGE_MANIFEST_VERSION) {
    throw new Error(`${path}: not a stage manifest (format ${STAGE_MANIFEST_FORMAT} version ${STAGE_MANIFEST_VERSION})`);
  }
  return { manifest, domains: manifestDomainSampling(manifest, path) };
}

export function manifestDomainSampling(manifest: StageManifest, source = 'stage manifest'): DomainSampling[] {
  const perDomain = manifest.domains.map((d) => ({ domain: d.domain, weight: d.proportion, ids: [] as string[], repeats: [] as number[] }));
  for (const shard of manifest.shards) {
    const { ids, repeats, domains } = shard.selection;
    if (ids.length !== repeats.length || ids.length !== domains.length)
      throw new Error(`${source}: shard ${shard.path}: selection arrays differ in length`);
    for (let i = 0; i < ids.length; i++) {
      const target = perDomain[domains[i]!];
      if (!target) throw new Error(`${source}: shard ${shard.path}, document ${ids[i]}: domain index ${domains[i]} is not in the manifest's domains`);
      target.ids.push(ids[i]!);
      target.repeats.push(repeats[i]!);
    }
  }
  return perDomain.filter((d) => d.weight > 0 && d.ids.length > 0);
}
