import { pathExists } from '@anneal/core';
import { readDocuments } from '@anneal/io';
import { readTextItems } from './text-items.js';
import { matchWords } from './match-tokens.js';
import { ngramKey, wordHashes } from './ngram-hash.js';
import { SharedNgramTable, type SharedNgramTableData } from './shared-ngram-table.js';
import type { BenchmarkSetConfig, BenchmarkIndexOptions } from './benchmark-index-options.js';

/** What a set contributed, for notes and the report. */
export interface IndexedSet {
  name: string;
  /** Items indexed. */
  items: number;
  /** Fields left out for having fewer than min_item_words words (an item with none left is not indexed). */
  too_short: number;
  /** Fields shorter than ngram, indexed whole. */
  whole: number;
  /** Why the set is absent (a missing file with if_missing: skip). */
  missing?: string;
}

/**
 * The built index, cloneable into worker threads. The n-gram table and the per-part numbers are
 * SharedArrayBuffers (shared, not copied); only `itemId` strings and `sets` are copied, a few
 * bytes per benchmark item. A part is one text field of one item: coverage is judged per part, so
 * a document holding only a GSM8K question is caught as surely as one holding question and answer.
 */
export interface BenchmarkIndexData {
  ngram: number;
  table: SharedNgramTableData;
  /**
   * Keys of the fields shorter than ngram, indexed whole, in a table of their own: a document is
   * looked up at each of their lengths too, and a small table keeps those lookups in cache.
   */
  wholeTable: SharedNgramTableData;
  /** Distinct word counts (< ngram) of parts indexed whole: documents are also scanned at these lengths. */
  wholeLengths: number[];
  /** Per part: its item (Int32Array). */
  partItem: SharedArrayBuffer;
  /** Per part: its words, and how many of them the part's own keys cover (keys met first in another part belong there). */
  partWords: SharedArrayBuffer;
  partOwnedWords: SharedArrayBuffer;
  /** Per item: its set (index into `sets`) and its id. */
  itemSet: number[];
  itemId: string[];
  sets: IndexedSet[];
}

interface Item {
  id: string;
  fields: string[];
}

/** Reads every set and indexes its items' word n-grams once (the pipeline does this before any task). */
export async function buildBenchmarkIndex(options: BenchmarkIndexOptions): Promise<BenchmarkIndexData> {
  const n = options.ngram;
  const shortest = Math.min(options.min_item_words, n);
  const perSet: { config: BenchmarkSetConfig; items: { id: string; parts: string[][] }[]; missing?: string; tooShort: number }[] = [];
  let expectedKeys = 0;
  for (const config of options.sets) {
    if (!(await pathExists(config.path))) {
      if (config.if_missing === 'fail') throw new Error(`decontaminate: benchmark set ${config.name}: ${config.path} does not exist`);
      perSet.push({ config, items: [], missing: `${config.path} not found`, tooShort: 0 });
      continue;
    }
    const items: { id: string; parts: string[][] }[] = [];
    let tooShort = 0;
    for await (const item of readItems(config)) {
      const parts: string[][] = [];
      for (const field of item.fields) {
        const words = matchWords(field);
        if (words.length < shortest) {
          if (words.length > 0) tooShort++;
          continue;
        }
        parts.push(words);
        expectedKeys += Math.max(1, words.length - n + 1);
      }
      if (parts.length > 0) items.push({ id: item.id, parts });
    }
    perSet.push({ config, items, tooShort });
  }

  const table = SharedNgramTable.create(expectedKeys);
  const wholeTable = SharedNgramTable.create(
    perSet.reduce((n, set) => n + set.items.reduce((m, item) => m + item.parts.filter((p) => p.length < n).length, 0), 0),
  );
  const wholeLengths = new Set<number>();
  const partItem: number[] = [];
  const partWords: number[] = [];
  const partOwnedWords: number[] = [];
  const itemSet: number[] = [];
  const itemId: string[] = [];
  const sets: IndexedSet[] = [];
  perSet.forEach((set, s) => {
    let whole = 0;
    for (const item of set.items) {
      const itemIndex = itemSet.length;
      itemSet.push(s);
      itemId.push(item.id);
      for (const words of item.parts) {
        const part = partItem.length;
        const len = Math.min(n, words.length);
        if (len < n) {
          whole++;
          wholeLengths.add(len);
        }
        const hashes = wordHashes(words);
        const owned = new Uint8Array(words.length);
        const into = len < n ? wholeTable : table;
        for (let at = 0; at + len <= words.length; at++) {
          const [k1, k2] = ngramKey(hashes, at, len);
          if (into.add(k1, k2, part, at)) owned.fill(1, at, at + len);
        }
        partItem.push(itemIndex);
        partWords.push(words.length);
        partOwnedWords.push(owned.reduce((a, b) => a + b, 0));
      }
    }
    sets.push({ name: set.config.name, items: set.items.length, too_short: set.tooShort, whole, ...(set.missing ? { missing: set.missing } : {}) });
  });
  return {
    ngram: n,
    table: table.share(),
    wholeTable: wholeTable.share(),
    wholeLengths: [...wholeLengths].sort((a, b) => a - b),
    partItem: sharedInts(partItem),
    partWords: sharedInts(partWords),
    partOwnedWords: sharedInts(partOwnedWords),
    itemSet,
    itemId,
    sets,
  };
}

/** Bytes the index holds in shared memory (the table and the per-part arrays). */
export function benchmarkIndexBytes(index: BenchmarkIndexData): number {
  return (
    index.table.buffer.byteLength +
    index.wholeTable.buffer.byteLength +
    index.partItem.byteLength +
    index.partWords.byteLength +
    index.partOwnedWords.byteLength
  );
}

function sharedInts(values: number[]): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(values.length * 4);
  new Int32Array(buffer).set(values);
  return buffer;
}

/** A benchmark file that cannot be read is a config problem: the run stops, naming file and record. */
async function* readItems(config: BenchmarkSetConfig): AsyncGenerator<Item> {
  if (config.format === 'text') {
    yield* readTextItems(config.path);
    return;
  }
  const [first, ...rest] = config.fields;
  const source = readDocuments(config.path, {
    ...(config.format ? { format: config.format } : {}),
    textKey: first!,
    // an id field that is absent falls back to "<file>#<line or row>"
    idKey: config.id_field ?? '\u0000no id field',
  });
  for await (const record of source.records) {
    if (record.error) throw new Error(`decontaminate: benchmark set ${config.name}: ${record.error.message}`);
    const fields = [record.doc.text];
    for (const field of rest) {
      const value = record.doc.metadata[field];
      if (typeof value === 'string') fields.push(value);
      else if (value !== undefined && value !== null) {
        throw new Error(`decontaminate: benchmark set ${config.name}: ${config.path}, record ${record.doc.id}: field "${field}" is not text`);
      }
    }
    yield { id: record.doc.id, fields };
  }
}
