import { Bool, Field, Float64, RecordBatch, Schema, Struct, Table, Utf8, makeData, vectorFromArray, type DataType } from 'apache-arrow';
import { EXTRA_COLUMN, JSON_COLUMNS_KEY, fits, type ColumnKind, type ColumnLayout } from './columnar-layout.js';

// Everything io builds with apache-arrow, apart from the column layout (columnar-layout.ts) so that
// importing @anneal/io does not load apache-arrow: the writers load this module on first use.
// Also the apache-arrow classes they use, so one lazy load brings all of them.
export { RecordBatchFileWriter, RecordBatchStreamWriter, tableToIPC } from 'apache-arrow';

const ARROW_TYPES: Record<ColumnKind, () => DataType> = {
  utf8: () => new Utf8(),
  float64: () => new Float64(),
  bool: () => new Bool(),
  json: () => new Utf8(),
};

export function arrowSchemaOf(layout: ColumnLayout): Schema {
  const json = layout.columns.filter((c) => c.kind === 'json').map((c) => c.name);
  return new Schema(
    layout.columns.map((c) => new Field(c.name, ARROW_TYPES[c.kind](), c.name !== 'id' && c.name !== 'text')),
    new Map([[JSON_COLUMNS_KEY, JSON.stringify(json)]]),
  );
}

/** Builds one Arrow table (one record batch) for `records` under a fixed layout. */
export function toArrowTable(layout: ColumnLayout, records: readonly Record<string, unknown>[]): Table {
  if (records.length === 0) return new Table(arrowSchemaOf(layout));
  const byName = new Map(layout.columns.map((c) => [c.name, c]));
  const values = new Map<string, unknown[]>(layout.columns.map((c) => [c.name, new Array<unknown>(records.length).fill(null)]));
  records.forEach((record, row) => {
    let extra: Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(record)) {
      const column = byName.get(key);
      if (column && key !== EXTRA_COLUMN && fits(column.kind, value)) {
        values.get(key)![row] = column.kind === 'json' ? JSON.stringify(value) : value;
      } else {
        (extra ??= {})[key] = value === undefined ? null : value;
      }
    }
    if (extra) values.get(EXTRA_COLUMN)![row] = JSON.stringify(extra);
  });
  const schema = arrowSchemaOf(layout);
  // Children are passed by position: a name-keyed object would reorder integer-like keys ("0" first).
  const children = schema.fields.map((field) => {
    const vector = vectorFromArray(values.get(field.name)!, field.type);
    if (vector.data.length !== 1) throw new Error(`column ${field.name}: expected one Arrow chunk, got ${vector.data.length}`);
    return vector.data[0]!;
  });
  const struct = makeData({ type: new Struct(schema.fields), length: records.length, nullCount: 0, children });
  return new Table([new RecordBatch(schema, struct)]);
}
