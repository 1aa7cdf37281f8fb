import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Doc } from '@anneal/core';
import { readDocuments } from '@anneal/io';
import { STAGE_MANIFEST_FORMAT, STAGE_MANIFEST_VERSION, type StageManifest } from './stage-manifest.js';

/** Reads a stage manifest, refusing anything that is not one (or a version this code does not know). */
export async function readStageManifest(path: string): Promise<StageManifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: cannot read a stage manifest (${(err as Error).message})`);
  }
  const m = raw as Partial<StageManifest>;
  if (m?.format !== STAGE_MANIFEST_FORMAT) throw new Error(`${path}: not an anneal stage manifest (format is ${JSON.stringify(m?.format)})`);
  if (m.version !== STAGE_MANIFEST_VERSION)
    throw new Error(`${path}: stage manifest version ${m.version}; this build reads version ${STAGE_MANIFEST_VERSION}`);
  if (!Array.isArray(m.shards) || !Array.isArray(m.domains)) throw new Error(`${path}: stage manifest without shards or domains`);
  for (const [k, s] of m.shards.entries()) {
    const sel = s?.selection;
    const n = sel?.records?.length;
    if (n === undefined || sel!.ids?.length !== n || sel!.repeats?.length !== n || sel!.domains?.length !== n) {
      throw new Error(`${path}: shards.${k}.selection arrays (records, ids, repeats, domains) differ in length`);
    }
  }
  return m as StageManifest;
}

export interface ManifestDocument {
  doc: Doc;
  repeats: number;
  domain: string;
  shard: string;
}

/**
 * The documents a stage selected, in manifest order, each with its repeat count. Fails naming the
 * shard and position if a shard no longer holds the document the manifest expects there.
 */
export async function* readManifestDocuments(manifest: StageManifest): AsyncGenerator<ManifestDocument> {
  for (const shard of manifest.shards) {
    const { records, ids, repeats, domains } = shard.selection;
    if (records.length === 0) continue;
    const source = readDocuments(resolve(manifest.base_dir, shard.path), {
      format: shard.format,
      textKey: shard.text_key,
      idKey: shard.id_key,
      displayPath: shard.path,
      emptyFileIsError: false,
    });
    let position = 0;
    let next = 0;
    for await (const item of source.records) {
      if (item.error) continue; // bad records were skipped when the manifest was made, too
      if (position === records[next]) {
        if (item.doc.id !== ids[next]) {
          throw new Error(
            `${shard.path}: document ${position} is "${item.doc.id}" but the manifest expects "${ids[next]}"; the shard changed since the manifest was written`,
          );
        }
        yield { doc: item.doc, repeats: repeats[next]!, domain: manifest.domains[domains[next]!]!.domain, shard: shard.path };
        if (++next === records.length) break;
      }
      position++;
    }
    if (next < records.length)
      throw new Error(
        `${shard.path}: has ${position} documents, but the manifest selects document ${records[next]}; the shard changed since the manifest was written`,
      );
  }
}
