export { readDocuments, writeDocuments, type ReadOptions, type WriteOptions } from './open-documents.js';
export { DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_ROW_GROUP_BYTES, DEFAULT_MAX_WARC_RECORD_BYTES } from './read-limits.js';
export type { DocumentSource } from './document-source.js';
export type { DocumentWriter } from './document-writer.js';
export { expandInputs, type InputFile, type ExpandOptions } from './input-files.js';
export {
  OUTPUT_FORMATS,
  INPUT_FORMATS,
  PARQUET_CODECS,
  inputFormatOf,
  compressionOf,
  extensionOf,
  type OutputFormat,
  type InputFormat,
  type ParquetCodec,
  type Compression,
} from './formats.js';
export { recordToDoc, docToRecord, DEFAULT_FIELD_MAPPING, type FieldMapping } from './field-mapping.js';
export { readJsonl } from './jsonl-reader.js';
export { JsonlWriter } from './jsonl-writer.js';
export { readParquet } from './parquet-reader.js';
export { ParquetWriter } from './parquet-writer.js';
export { readArrow } from './arrow-reader.js';
export { ArrowWriter } from './arrow-writer.js';
export { EXTRA_COLUMN } from './columnar-layout.js';
export { readWarc, type WarcReadOptions } from './warc-reader.js';
export { decodeHtml, type DecodedHtml, type CharsetSource } from './html-charset.js';
