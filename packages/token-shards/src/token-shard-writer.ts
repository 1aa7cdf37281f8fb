import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Data, Dictionary, Int32, List, RecordBatchFileWriter, Schema, Uint16, Uint32, Utf8, Vector } from 'apache-arrow';
import { commitFile, domainName, removeStaleTemporariesSync, temporaryPathFor } from '@anneal/core';
import { addTokenCounts, emptyTokenCounts, type TokenCounts, type TokenDtype } from './token-shard-format.js';
import { loadArrow } from './lazy-arrow.js';

type Arrow = Awaited<ReturnType<typeof loadArrow>>;

/** One document to write: tokens must already end with the EOS id. */
export interface TokenShardDocument {
  id: string;
  /** `undefined`, null and "" become `unknown` (core's UNKNOWN_DOMAIN) */
  domain?: string | null;
  quality?: number | null;
  tokens: ArrayLike<number>;
  /** UTF-8 bytes of the source text, for the compression stats (0 when unknown) */
  textBytes?: number;
}

/** What a closed shard holds, for its {@link TokenShardEntry} in `index.json`. */
export interface TokenShardSummary extends TokenCounts {
  domains: Record<string, TokenCounts>;
}

const DOMAIN_DICTIONARY_ID = 0;
const encoder = new TextEncoder();

/** The Arrow schema of a token shard with the given token element type. */
export async function tokenShardSchema(dtype: TokenDtype): Promise<Schema> {
  return schemaOf(dtype, await loadArrow());
}

function schemaOf(dtype: TokenDtype, { Dictionary, Field, Float32, Int32, List, Schema, Uint16, Uint32, Utf8 }: Arrow): Schema {
  const element = dtype === 'uint16' ? new Uint16() : new Uint32();
  return new Schema([
    new Field('id', new Utf8(), false),
    new Field('domain', new Dictionary(new Utf8(), new Int32(), DOMAIN_DICTIONARY_ID), false),
    new Field('quality', new Float32(), true),
    new Field('tokens', new List(new Field('item', element, false)), false),
  ]);
}

/**
 * Writes one token shard (Arrow IPC file format, see token-shard-format.ts), `batchRows` documents
 * per record batch. It writes to a temporary name and renames into place on {@link close}, so a
 * partial shard is never visible under its final name. Output bytes depend only on the documents,
 * their order and `batchRows`.
 *
 * The domain dictionary grows as new domains appear: the first batch writes the initial dictionary,
 * later batches append dictionary deltas (allowed in the IPC file format; replacement is not).
 */
export class TokenShardWriter {
  // apache-arrow, the schema and the IPC writer come in open() (apache-arrow loads on first use)
  private arrow!: Arrow;
  private schema!: Schema;
  private readonly tmpPath: string;
  private writer!: RecordBatchFileWriter;
  private out: ReturnType<typeof createWriteStream> | undefined;
  private finished: Promise<unknown> | undefined;
  private readonly maxId: number;

  private ids: string[] = [];
  private domainCodes: number[] = [];
  private quality: number[] = [];
  private qualityNull: boolean[] = [];
  private tokenChunks: ArrayLike<number>[] = [];
  private pendingTokens = 0;

  /** domain → dictionary code, in order of first appearance */
  private readonly domainCode = new Map<string, number>();
  private dictionaryChunks: Data<Utf8>[] = [];
  private dictionaryFlushed = 0;
  private readonly domainCounts = new Map<string, TokenCounts>();
  private readonly totals = emptyTokenCounts();
  private closed = false;

  constructor(
    readonly path: string,
    readonly dtype: TokenDtype,
    private readonly batchRows = 1024,
  ) {
    if (!(batchRows >= 1)) throw new Error(`TokenShardWriter: batchRows must be >= 1, got ${batchRows}`);
    this.maxId = dtype === 'uint16' ? 0xffff : 0xffffffff;
    removeStaleTemporariesSync(path);
    this.tmpPath = temporaryPathFor(path);
  }

  private async open(): Promise<void> {
    if (this.out) return;
    const arrow = await loadArrow();
    this.arrow = arrow;
    this.schema = schemaOf(this.dtype, arrow);
    this.writer = new arrow.RecordBatchFileWriter();
    await mkdir(dirname(this.path), { recursive: true });
    const out = createWriteStream(this.tmpPath);
    this.finished = new Promise((resolve, reject) => {
      out.on('finish', () => resolve(undefined));
      out.on('error', reject);
    });
    this.writer.toNodeStream().pipe(out);
    this.out = out;
  }

  /** Adds one document; throws (naming the document) on an id that does not fit the dtype. */
  async write(doc: TokenShardDocument): Promise<void> {
    if (this.closed) throw new Error(`TokenShardWriter ${this.path}: write after close`);
    const tokens = doc.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (!(t >= 0 && t <= this.maxId) || !Number.isInteger(t)) {
        throw new Error(`TokenShardWriter ${this.path}: document ${JSON.stringify(doc.id)} has token ${t} at ${i}, not a ${this.dtype}`);
      }
    }
    const domain = domainName(doc.domain);
    let code = this.domainCode.get(domain);
    if (code === undefined) {
      code = this.domainCode.size;
      this.domainCode.set(domain, code);
    }
    this.ids.push(doc.id);
    this.domainCodes.push(code);
    const q = doc.quality;
    const hasQuality = typeof q === 'number' && !Number.isNaN(q);
    this.quality.push(hasQuality ? q : 0);
    this.qualityNull.push(!hasQuality);
    this.tokenChunks.push(tokens);
    this.pendingTokens += tokens.length;

    const counts: TokenCounts = { rows: 1, tokens: tokens.length, text_bytes: doc.textBytes ?? 0 };
    let perDomain = this.domainCounts.get(domain);
    if (!perDomain) this.domainCounts.set(domain, (perDomain = emptyTokenCounts()));
    addTokenCounts(perDomain, counts);
    addTokenCounts(this.totals, counts);

    if (this.ids.length >= this.batchRows) await this.flush();
  }

  private domainDictionary(): Vector<Utf8> {
    const known = this.domainCode.size;
    if (known > this.dictionaryFlushed || this.dictionaryChunks.length === 0) {
      const names = [...this.domainCode.keys()].slice(this.dictionaryFlushed);
      this.dictionaryChunks.push(utf8Data(names, this.arrow));
      this.dictionaryFlushed = known;
    }
    return new this.arrow.Vector(this.dictionaryChunks);
  }

  private async flush(): Promise<void> {
    await this.open();
    if (this.ids.length === 0) return;
    const rows = this.ids.length;
    const fields = this.schema.fields;
    const { Float32, RecordBatch, Struct, makeData } = this.arrow;

    const idData = utf8Data(this.ids, this.arrow);
    const domainData = makeData({
      type: fields[1]!.type as Dictionary<Utf8, Int32>,
      length: rows,
      nullCount: 0,
      data: Int32Array.from(this.domainCodes),
      dictionary: this.domainDictionary(),
    });
    let nullCount = 0;
    const validity = new Uint8Array((rows + 7) >> 3);
    for (let i = 0; i < rows; i++) {
      if (this.qualityNull[i]) nullCount++;
      else validity[i >> 3]! |= 1 << (i & 7);
    }
    const qualityData = makeData({
      type: new Float32(),
      length: rows,
      nullCount,
      nullBitmap: nullCount > 0 ? validity : null,
      data: Float32Array.from(this.quality),
    });
    const offsets = new Int32Array(rows + 1);
    const values = this.dtype === 'uint16' ? new Uint16Array(this.pendingTokens) : new Uint32Array(this.pendingTokens);
    let at = 0;
    for (let i = 0; i < rows; i++) {
      const chunk = this.tokenChunks[i]!;
      if (ArrayBuffer.isView(chunk)) values.set(chunk as unknown as ArrayLike<number>, at);
      else for (let j = 0; j < chunk.length; j++) values[at + j] = chunk[j]!;
      at += chunk.length;
      offsets[i + 1] = at;
    }
    const listType = fields[3]!.type as List<Uint16 | Uint32>;
    const tokensData = makeData({
      type: listType,
      length: rows,
      nullCount: 0,
      valueOffsets: offsets,
      child: makeData({ type: listType.children[0]!.type as Uint16, length: values.length, nullCount: 0, data: values as Uint16Array }),
    });
    const struct = makeData({
      type: new Struct(fields),
      length: rows,
      nullCount: 0,
      children: [idData, domainData, qualityData, tokensData],
    });
    this.writer.write(new RecordBatch(this.schema, struct));

    this.ids = [];
    this.domainCodes = [];
    this.quality = [];
    this.qualityNull = [];
    this.tokenChunks = [];
    this.pendingTokens = 0;
    // Let the pipe move the encoded batch, then wait while the file stream is full, so memory holds
    // about one batch rather than the shard.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.out!.writableNeedDrain) await once(this.out!, 'drain');
  }

  /** Flushes, finishes the file and renames it into place; returns the shard's counts. */
  async close(): Promise<TokenShardSummary> {
    if (this.closed) throw new Error(`TokenShardWriter ${this.path}: closed twice`);
    await this.flush();
    this.closed = true;
    // An empty shard still gets a valid file with the schema (and no batches).
    if (this.totals.rows === 0) this.writer.reset(undefined, this.schema);
    this.writer.finish();
    await this.finished;
    await commitFile(this.tmpPath, this.path);
    const domains: Record<string, TokenCounts> = {};
    for (const name of [...this.domainCounts.keys()].sort()) domains[name] = { ...this.domainCounts.get(name)! };
    return { ...this.totals, domains };
  }

  /** Abandons the shard: removes the temporary file (used when a task fails). */
  async abort(): Promise<void> {
    this.closed = true;
    if (this.out) {
      this.writer.abort();
      this.out.destroy();
    }
    await rm(this.tmpPath, { force: true });
  }
}

/** A non-null utf8 Data holding `strings`. */
function utf8Data(strings: readonly string[], { Utf8, makeData }: Arrow): Data<Utf8> {
  const encoded = strings.map((s) => encoder.encode(s));
  const offsets = new Int32Array(strings.length + 1);
  let total = 0;
  for (let i = 0; i < encoded.length; i++) {
    total += encoded[i]!.length;
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let i = 0; i < encoded.length; i++) bytes.set(encoded[i]!, offsets[i]!);
  return makeData({ type: new Utf8(), length: strings.length, nullCount: 0, valueOffsets: offsets, data: bytes });
}
