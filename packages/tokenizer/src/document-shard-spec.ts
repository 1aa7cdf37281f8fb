import { readDocuments, type InputFormat } from '@anneal/io';
import type { TokenizeItem, TokenizeSource } from './tokenize-source.js';

/**
 * A document shard to tokenize, described by data only (no functions), so a worker thread can open
 * and read it itself. With `selection`, only the documents at those 0-based positions are used (a
 * mixture manifest's choice), each with the given domain, and each id is checked against `ids` so a
 * shard that changed since the selection was made is reported, never silently misread.
 */
export interface DocumentShardSpec {
  /** shown in errors and stats */
  name: string;
  /** absolute path */
  path: string;
  format?: InputFormat | undefined;
  textKey?: string | undefined;
  idKey?: string | undefined;
  /** metadata key holding the domain (default "domain"); unused with a selection */
  domainKey?: string | undefined;
  selection?: { records: number[]; ids: string[]; domains: string[]; origin: string } | undefined;
}

/** Reads a spec as a {@link TokenizeSource}: documents (or located errors) in file order. */
export function documentShardSource(spec: DocumentShardSpec): TokenizeSource {
  return {
    name: spec.name,
    items: () => (spec.selection ? selectedItems(spec, spec.selection) : allItems(spec)),
  };
}

async function* allItems(spec: DocumentShardSpec): AsyncGenerator<TokenizeItem> {
  const domainKey = spec.domainKey ?? 'domain';
  const source = readDocuments(spec.path, { displayPath: spec.name, textKey: spec.textKey, idKey: spec.idKey, format: spec.format });
  for await (const item of source.records) {
    if (item.error) {
      yield { error: item.error.message };
      continue;
    }
    const { doc } = item;
    const domain = doc.metadata[domainKey];
    const quality = doc.metadata.quality;
    yield {
      id: doc.id,
      text: doc.text,
      domain: typeof domain === 'string' ? domain : undefined,
      quality: typeof quality === 'number' ? quality : undefined,
    };
  }
}

async function* selectedItems(spec: DocumentShardSpec, selection: NonNullable<DocumentShardSpec['selection']>): AsyncGenerator<TokenizeItem> {
  const { records, ids, domains, origin } = selection;
  let next = 0;
  let position = 0;
  const source = readDocuments(spec.path, {
    displayPath: spec.name,
    textKey: spec.textKey,
    idKey: spec.idKey,
    format: spec.format,
    emptyFileIsError: false,
  });
  for await (const item of source.records) {
    if (next >= records.length) break;
    // Unreadable records were not documents when the selection counted positions either.
    if (item.error) continue;
    if (position++ !== records[next]) continue;
    if (item.doc.id !== ids[next]) {
      yield {
        error: `${spec.name}: document ${records[next]} has id ${JSON.stringify(item.doc.id)}, but ${origin} selected ${JSON.stringify(ids[next])}; the shard changed since the selection was made`,
      };
    } else {
      const quality = item.doc.metadata.quality;
      yield { id: item.doc.id, text: item.doc.text, domain: domains[next], quality: typeof quality === 'number' ? quality : undefined };
    }
    next++;
  }
  if (next < records.length) yield { error: `${spec.name}: ended after ${position} documents, but ${origin} selects document ${records[next]}` };
}
