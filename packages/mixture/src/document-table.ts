import type { InputFile, InputFormat } from '@anneal/io';
import { groupOf, MAX_GROUPS, ReadErrorLog, readShardOptionsOf, readShards, type ShardProgress, type TokenCounter } from '@anneal/stats';

/**
 * What a mixture needs to know about every document, kept column-wise (about 40 bytes plus the id
 * per document) rather than as Doc objects: a manifest names documents one by one, so this table is
 * the one thing that grows with the corpus; the text is never kept.
 */
export interface DocumentTable {
  files: InputFile[];
  /** Documents each shard yielded. */
  fileDocuments: number[];
  domains: string[];
  ids: string[];
  domain: Uint32Array;
  file: Uint32Array;
  /** 0-based position among the documents its shard yields. */
  record: Uint32Array;
  tokens: Float64Array;
  /** NaN when the document has no numeric quality. */
  quality: Float64Array;
  /** NaN when the document has no numeric dup_count. */
  dupCount: Float64Array;
  readErrors: number;
  firstReadErrors: string[];
}

export interface DocumentTableOptions {
  groupBy: string;
  tokenCounter: TokenCounter;
  textKey?: string | undefined;
  idKey?: string | undefined;
  format?: InputFormat | undefined;
  onProgress?: ((progress: ShardProgress) => void) | undefined;
}

export async function readDocumentTable(files: InputFile[], options: DocumentTableOptions): Promise<DocumentTable> {
  let capacity = 1024;
  let domain = new Uint32Array(capacity);
  let file = new Uint32Array(capacity);
  let record = new Uint32Array(capacity);
  let tokens = new Float64Array(capacity);
  let quality = new Float64Array(capacity);
  let dupCount = new Float64Array(capacity);
  const ids: string[] = [];
  const domainIndex = new Map<string, number>();
  const domains: string[] = [];
  const fileDocuments = files.map(() => 0);
  const readErrors = new ReadErrorLog(20);
  const seenIds = new Map<string, number>();

  for await (const item of readShards(files, readShardOptionsOf(options))) {
    if (item.error) {
      readErrors.add(item.error);
      continue;
    }
    const n = ids.length;
    if (n === capacity) {
      capacity *= 2;
      domain = grow(domain, capacity);
      file = grow(file, capacity);
      record = grow(record, capacity);
      tokens = grow(tokens, capacity);
      quality = grow(quality, capacity);
      dupCount = grow(dupCount, capacity);
    }
    const doc = item.doc;
    // Repeat counts are keyed by id, so two documents sharing one would always draw alike.
    const earlier = seenIds.get(doc.id);
    if (earlier !== undefined) {
      throw new Error(
        `${item.file.displayPath} document ${item.record}: id "${doc.id}" also appears in ${files[file[earlier]!]!.displayPath} document ${record[earlier]}; mixture manifests need unique ids`,
      );
    }
    seenIds.set(doc.id, n);
    let g = groupOf(doc, options.groupBy);
    if (!domainIndex.has(g) && domainIndex.size >= MAX_GROUPS) g = '(other)';
    let d = domainIndex.get(g);
    if (d === undefined) {
      d = domains.length;
      domains.push(g);
      domainIndex.set(g, d);
    }
    ids.push(doc.id);
    domain[n] = d;
    file[n] = item.fileIndex;
    record[n] = item.record;
    fileDocuments[item.fileIndex]!++;
    const bytes = Buffer.byteLength(doc.text, 'utf8');
    tokens[n] = options.tokenCounter.count(doc.text, bytes);
    const q = doc.metadata.quality;
    quality[n] = typeof q === 'number' && Number.isFinite(q) ? q : NaN;
    const dup = doc.metadata.dup_count;
    dupCount[n] = typeof dup === 'number' && Number.isFinite(dup) ? dup : NaN;
  }
  const n = ids.length;
  // Domains in name order, so manifests list them alike however the documents were sharded.
  const sorted = [...domains].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const remap = Uint32Array.from(domains, (name) => sorted.indexOf(name));
  for (let i = 0; i < n; i++) domain[i] = remap[domain[i]!]!;
  return {
    files,
    fileDocuments,
    domains: sorted,
    ids,
    domain: domain.slice(0, n),
    file: file.slice(0, n),
    record: record.slice(0, n),
    tokens: tokens.slice(0, n),
    quality: quality.slice(0, n),
    dupCount: dupCount.slice(0, n),
    readErrors: readErrors.count,
    firstReadErrors: readErrors.quoted,
  };
}

function grow<T extends Uint32Array | Float64Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}
