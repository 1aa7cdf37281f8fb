import type { Doc, DocumentObserver } from '@anneal/core';
import type { DedupLayout } from './dedup-layout.js';
import type { DedupMethod } from './dedup-method.js';
import { JsonLineWriter } from './line-file.js';
import { Uint32RecordWriter } from './record-file.js';
import { key64 } from './xxhash.js';

/**
 * Task side of the first pass: per document, its key in every band, filed by bucket (a band, or a
 * key range of it when `shards` > 1, so the bucket phase loads one bucket at a time), optionally its
 * signature, and a row of the doc table (id, quality, dup_count) for choosing representatives later.
 */
export class DedupObserver implements DocumentObserver {
  private readonly bandFiles: Uint32RecordWriter[];
  private readonly signatures: Uint32RecordWriter | undefined;
  private readonly docTable: JsonLineWriter;

  constructor(
    private readonly method: DedupMethod,
    layout: DedupLayout,
    rank: number,
    private readonly shards: number,
  ) {
    this.bandFiles = Array.from({ length: method.bands * shards }, (_, b) => new Uint32RecordWriter(layout.keys(b, rank), 5));
    this.signatures = method.signatureSize > 0 ? new Uint32RecordWriter(layout.signatures(rank), method.signatureSize) : undefined;
    this.docTable = new JsonLineWriter(layout.docTable(rank));
  }

  observe(doc: Doc, index: number): void {
    const { keys, signature } = this.method.keys(doc);
    // The id's hash orders a bucket the same way whatever the number of tasks (see candidate-pairs).
    const [idHi, idLo] = key64(doc.id, 0x5eedn);
    for (let b = 0; b < this.method.bands; b++) {
      const hi = keys[2 * b]!;
      this.bandFiles[b * this.shards + (hi % this.shards)]!.write(hi, keys[2 * b + 1]!, idHi, idLo, index);
    }
    if (this.signatures && signature) this.signatures.writeArray(signature);
    const quality = typeof doc.metadata.quality === 'number' ? doc.metadata.quality : null;
    const dupCount = typeof doc.metadata.dup_count === 'number' && doc.metadata.dup_count >= 1 ? doc.metadata.dup_count : 1;
    this.docTable.write([doc.id, quality, dupCount]);
  }

  async finish(): Promise<void> {
    for (const f of this.bandFiles) f.commit();
    this.signatures?.commit();
    this.docTable.commit();
  }
}
