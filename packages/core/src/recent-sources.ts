import type { RecordLocation } from './record-error.js';

/**
 * Where the most recently read documents came from, by id, so that an error a step or a writer
 * raises about a document can name its file and line or row. Only documents still in flight
 * matter (steps hold a batch at most), so the map keeps the last `capacity` entries and memory
 * does not grow with the input.
 */
export class RecentSources {
  private readonly byId = new Map<string, RecordLocation>();

  constructor(private readonly capacity = 65536) {}

  remember(id: string, location: RecordLocation): void {
    this.byId.delete(id);
    this.byId.set(id, location);
    if (this.byId.size > this.capacity) this.byId.delete(this.byId.keys().next().value!);
  }

  /** The document's input location, without any step or id fields a reader may have set. */
  of(id: string): RecordLocation {
    const found = this.byId.get(id);
    if (!found) return {};
    const { step: _step, docId: _docId, ...where } = found;
    return where;
  }
}
